import graphene

from marketplace.catalog.selectors import visible_products
from storefront_api.catalog.filters import ProductFilterInput
from storefront_api.catalog.resolvers import product_connection
from storefront_api.catalog.sorters import ProductOrder
from storefront_api.catalog.types.media import enum_value
from storefront_api.catalog.types.products import ProductCountableConnection
from storefront_api.catalog.types.translations import language_value
from storefront_api.channels.resolvers import channel_or_error
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from storefront_api.core.ids import to_id
from storefront_api.core.images import resolve_image
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.pagination import paginate_rows
from storefront_api.core.permissions import principal
from storefront_api.core.types import CountableConnection, Image, LanguageDisplay, connection_for, page_args
from storefront_api.reviews.dataloaders import VendorRatingByVendorIdLoader
from storefront_api.routes.dataloaders import PublishedTourismRoutesByVillageIdLoader
from storefront_api.vendors.dataloaders import (
    ActiveVendorsByVillageIdLoader,
    CraftVillageByIdLoader,
    CraftVillageTranslationByVillageIdAndLanguageLoader,
    MembersByVendorIdLoader,
    WarehousesByVendorIdLoader,
    readable_vendor_ids,
)
from vendors.shops.models import Vendor as VendorModel
from vendors.villages.models import CraftVillage as CraftVillageModel

MEMBERS_AND_STAFF = "\n\nVisible to the shop's members and to staff with MANAGE_VENDORS; null for others."
PAGE_ARGS = page_args()


class VendorStatusEnum(graphene.Enum):
    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    REJECTED = "REJECTED"


class CraftVillageTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String()
    craft = graphene.String()
    description = graphene.String()

    @staticmethod
    def resolve_id(root, info):
        return to_id("CraftVillageTranslation", root.pk)

    @staticmethod
    def resolve_language(root, info):
        return LanguageDisplay.for_code(root.language_code)


class Vendor(ModelObjectType):
    description = graphene.String(description="Null when the shop has none.")
    village = graphene.Field(lambda: CraftVillage)
    status = graphene.Field(
        VendorStatusEnum, required=True, description="Public reads only ever see ACTIVE vendors."
    )
    created_at = graphene.DateTime(required=True)
    logo = graphene.Field(Image, size=graphene.Int(), format=graphene.Argument(ThumbnailFormatEnum))
    products = graphene.Field(
        graphene.NonNull(ProductCountableConnection),
        channel=graphene.String(description="Slug of a channel; the default channel when omitted."),
        filter=ProductFilterInput(),
        sort_by=ProductOrder(),
        **PAGE_ARGS,
        description="The shop's products visible in the channel.",
    )
    members = graphene.List(
        graphene.NonNull(lambda: VendorMember), description="The shop's members." + MEMBERS_AND_STAFF
    )
    warehouses = graphene.List(
        graphene.NonNull("storefront_api.inventory.types.Warehouse"),
        description="The shop's warehouses (its workshop)." + MEMBERS_AND_STAFF,
    )
    commission_rate = graphene.Decimal(
        description="The marketplace's commission, in percent." + MEMBERS_AND_STAFF
    )
    rating = graphene.Float(description="The mean stars of the visible reviews of the shop's products.")
    review_count = graphene.Int(
        required=True, description="How many visible reviews the shop's products have."
    )

    class Meta:
        model = VendorModel
        fields = ("id", "slug", "name", "description")
        description = "An artisan shop in a craft village. Every product belongs to one vendor."

    @staticmethod
    def resolve_description(root: VendorModel, info):
        return root.description or None

    @staticmethod
    def resolve_status(root: VendorModel, info):
        return str(root.status)

    @staticmethod
    def resolve_village(root: VendorModel, info):
        return CraftVillageByIdLoader(info.context).load(root.village_id) if root.village_id else None

    @staticmethod
    def resolve_logo(root: VendorModel, info, size=None, format=None):
        return resolve_image(
            info,
            kind="vendor",
            object_id=root.pk,
            file=root.logo,
            alt=root.name,
            size=size,
            format=enum_value(format),
        )

    @staticmethod
    def resolve_products(root: VendorModel, info, channel=None, **args):
        channel_obj = channel_or_error(info, channel)
        qs = visible_products(channel_id=channel_obj.pk, actor=principal(info)).filter(vendor_id=root.pk)
        return product_connection(ProductCountableConnection, qs, channel=channel_obj, args=args)

    @staticmethod
    def resolve_members(root: VendorModel, info):
        if root.pk not in readable_vendor_ids(info):
            return None
        return MembersByVendorIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_warehouses(root: VendorModel, info):
        if root.pk not in readable_vendor_ids(info):
            return None
        return WarehousesByVendorIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_commission_rate(root: VendorModel, info):
        return root.commission_rate if root.pk in readable_vendor_ids(info) else None

    @staticmethod
    def resolve_rating(root: VendorModel, info):  # type: ignore[no-untyped-def]
        return then(VendorRatingByVendorIdLoader(info.context).load(root.pk), lambda loaded: loaded[0])

    @staticmethod
    def resolve_review_count(root: VendorModel, info):  # type: ignore[no-untyped-def]
        return then(VendorRatingByVendorIdLoader(info.context).load(root.pk), lambda loaded: loaded[1])


VendorCountableConnection: type[CountableConnection] = connection_for(Vendor)


class CraftVillage(ModelObjectType):
    description = graphene.String()
    commune = graphene.String(description="The commune or ward since the 2025 two-tier reform.")
    legacy_district = graphene.String(description="The abolished district, for reference.")
    latitude = graphene.Float()
    longitude = graphene.Float()
    translation = graphene.Field(
        CraftVillageTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )
    vendors = graphene.Field(
        graphene.NonNull(VendorCountableConnection), **PAGE_ARGS, description="The village's active shops."
    )
    products = graphene.Field(
        graphene.NonNull(ProductCountableConnection),
        channel=graphene.String(description="Slug of a channel; the default channel when omitted."),
        **PAGE_ARGS,
        description="Products of the village's active shops visible in the channel.",
    )
    tourism_routes = graphene.List(
        graphene.NonNull("storefront_api.routes.types.TourismRoute"),
        required=True,
        description="Published tourism routes with a stop in the village.",
    )

    class Meta:
        model = CraftVillageModel
        fields = ("id", "slug", "name", "craft", "province")
        description = "A craft village (làng nghề): a real place in Hanoi."

    @staticmethod
    def resolve_description(root: CraftVillageModel, info):
        return root.description or None

    @staticmethod
    def resolve_commune(root: CraftVillageModel, info):
        return root.commune or None

    @staticmethod
    def resolve_legacy_district(root: CraftVillageModel, info):
        return root.legacy_district or None

    @staticmethod
    def resolve_translation(root: CraftVillageModel, info, language_code):
        return CraftVillageTranslationByVillageIdAndLanguageLoader(info.context).load(
            (root.pk, language_value(language_code))
        )

    @staticmethod
    def resolve_vendors(root: CraftVillageModel, info, **args):
        return then(
            ActiveVendorsByVillageIdLoader(info.context).load(root.pk),
            lambda rows: VendorCountableConnection.from_page(
                paginate_rows(rows, connection_name="vendors", **args)
            ),
        )

    @staticmethod
    def resolve_products(root: CraftVillageModel, info, channel=None, **args):
        channel_obj = channel_or_error(info, channel)
        qs = visible_products(channel_id=channel_obj.pk).filter(vendor__village_id=root.pk)
        return product_connection(ProductCountableConnection, qs, channel=channel_obj, args=args)

    @staticmethod
    def resolve_tourism_routes(root: CraftVillageModel, info):
        return PublishedTourismRoutesByVillageIdLoader(info.context).load(root.pk)


CraftVillageCountableConnection: type[CountableConnection] = connection_for(CraftVillage)


class VendorMemberRoleEnum(graphene.Enum):
    OWNER = "OWNER"
    STAFF = "STAFF"


class VendorMember(graphene.ObjectType):
    id = graphene.ID(required=True)
    user = graphene.Field("storefront_api.account.types.User", required=True)
    role = graphene.Field(VendorMemberRoleEnum, required=True)
    vendor = graphene.Field(Vendor, required=True)

    class Meta:
        description = "A user working for an artisan shop: its OWNER or a STAFF member."

    @staticmethod
    def resolve_id(root, info):
        return to_id("VendorMember", root.pk)

    @staticmethod
    def resolve_vendor(root, info):
        return root.vendor

    @staticmethod
    def resolve_role(root, info):
        return str(root.role)
