import graphene

from marketplace.inventory.models import Stock as StockModel
from marketplace.inventory.models import Warehouse as WarehouseModel
from storefront_api.catalog.dataloaders import ProductVariantByIdLoader
from storefront_api.core.context import ChannelContext
from storefront_api.core.dataloaders import then
from storefront_api.core.object_types import ChannelContextType, ModelObjectType
from storefront_api.core.types import CountableConnection, connection_for
from storefront_api.inventory.dataloaders import WarehouseByIdLoader
from storefront_api.vendors.dataloaders import VendorByIdLoader


class WarehouseClickAndCollectOptionEnum(graphene.Enum):
    DISABLED = "DISABLED"
    LOCAL = "LOCAL"
    ALL = "ALL"


class Warehouse(ModelObjectType):
    click_and_collect_option = graphene.Field(
        WarehouseClickAndCollectOptionEnum,
        required=True,
        description="LOCAL: pickup of this warehouse's own stock; ALL: any vendor's items, consolidated.",
    )
    opening_hours = graphene.String()
    address = graphene.Field("storefront_api.account.types.Address", required=True)
    is_private = graphene.Boolean(
        required=True, description="Whether the warehouse is private: false only for pickup points."
    )
    vendor = graphene.Field(
        "storefront_api.vendors.types.Vendor",
        description="The shop whose workshop this is; null for the Design Centre.",
    )

    class Meta:
        model = WarehouseModel
        fields = ("id", "name", "slug", "email")
        description = "A place stock is kept: an artisan's workshop or the Design Centre."

    @staticmethod
    def resolve_click_and_collect_option(root: WarehouseModel, info):
        return str(root.click_and_collect_option)

    @staticmethod
    def resolve_opening_hours(root: WarehouseModel, info):
        return root.opening_hours or None

    @staticmethod
    def resolve_is_private(root: WarehouseModel, info):  # type: ignore[no-untyped-def]
        return root.click_and_collect_option == "DISABLED"

    @staticmethod
    def resolve_vendor(root: WarehouseModel, info):  # type: ignore[no-untyped-def]
        return VendorByIdLoader(info.context).load(root.vendor_id) if root.vendor_id else None


WarehouseCountableConnection: type[CountableConnection] = connection_for(Warehouse)


class Stock(ChannelContextType):
    """Root: a ``ChannelContext`` of the stock row (``productVariant`` keeps the channel)."""

    warehouse = graphene.Field(
        Warehouse, required=True, description="The warehouse associated with the stock."
    )
    product_variant = graphene.Field(
        "storefront_api.catalog.types.products.ProductVariant",
        required=True,
        description="Information about the product variant.",
    )
    quantity = graphene.Int(required=True, description="Units in the warehouse.")
    quantity_allocated = graphene.Int(required=True, description="Units allocated to orders not yet shipped.")
    quantity_reserved = graphene.Int(required=True, description="Units held by buyers' checkouts for now.")

    class Meta:
        model = StockModel
        fields = ("id",)
        description = "Represents stock."

    @staticmethod
    def resolve_warehouse(root: ChannelContext, info):  # type: ignore[no-untyped-def]
        return WarehouseByIdLoader(info.context).load(root.node.warehouse_id)

    @staticmethod
    def resolve_product_variant(root: ChannelContext, info):  # type: ignore[no-untyped-def]
        return then(
            ProductVariantByIdLoader(info.context).load(root.node.product_variant_id),
            lambda variant: ChannelContext(variant, root.channel_slug, root.channel_id),
        )

    @staticmethod
    def resolve_quantity_reserved(root: ChannelContext, info):  # type: ignore[no-untyped-def]
        return getattr(root.node, "quantity_reserved", 0)
