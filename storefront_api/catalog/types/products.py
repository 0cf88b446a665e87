import graphene
from django.conf import settings
from django.utils import timezone

from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.models import ProductType as ProductTypeModel
from marketplace.catalog.models import ProductVariant as ProductVariantModel
from storefront_api.catalog.dataloaders import (
    AssignedValuesByProductIdLoader,
    AssignedValuesByVariantIdLoader,
    AttributeProductsByProductTypeIdLoader,
    AttributeVariantsByProductTypeIdLoader,
    AvailableQuantityByVariantIdLoader,
    CategoryByIdLoader,
    ChannelListingsByProductIdLoader,
    MediaByProductIdLoader,
    MediaByVariantIdLoader,
    ProductByIdLoader,
    ProductChannelListingByProductIdAndChannelIdLoader,
    ProductTranslationByProductIdAndLanguageLoader,
    ProductTypeByIdLoader,
    ProductVariantsByProductIdLoader,
    PublishedCollectionsByProductIdAndChannelIdLoader,
    VariantChannelListingByVariantIdAndChannelIdLoader,
    VariantTranslationByVariantIdAndLanguageLoader,
)
from storefront_api.catalog.types.assigned_attributes import (
    DEFAULT_LIMIT,
    assigned_attribute_field,
    assigned_attributes,
    assigned_attributes_field,
    limit_of,
)
from storefront_api.catalog.types.attributes import (
    SelectedAttribute,
    VariantAttributeScope,
    selected_attributes,
)
from storefront_api.catalog.types.listings import (
    ProductChannelListing,
    product_private_vendor_ids,
    stock_vendor_ids,
)
from storefront_api.catalog.types.media import ProductMedia, enum_value
from storefront_api.catalog.types.pricing import (
    ProductPricingInfo,
    VariantPricingInfo,
    listing_pricing,
    variant_pricing,
)
from storefront_api.catalog.types.translations import (
    ProductTranslation,
    ProductVariantTranslation,
    translation_field,
)
from storefront_api.core.context import ChannelContext
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.enums import ThumbnailFormatEnum
from storefront_api.core.images import resolve_image
from storefront_api.core.object_types import ChannelContextType, ModelObjectType
from storefront_api.core.pagination import paginate_rows
from storefront_api.core.types import CountableConnection, Image, connection_for, page_args
from storefront_api.inventory.dataloaders import StocksByVariantIdLoader
from storefront_api.ocop.dataloaders import OcopBadgeByProductIdLoader, product_ocop_certificates
from storefront_api.reviews.types import resolve_product_reviews, reviews_field
from storefront_api.routes.dataloaders import PublishedTourismRoutesByVillageIdLoader
from storefront_api.vendors.dataloaders import CraftVillageByIdLoader, VendorByIdLoader


def _listed_variants(ctx: ChannelContext, info):
    """The product's variants that have a price in the context's channel, as contexts."""
    variants = ProductVariantsByProductIdLoader(info.context).load(ctx.node.pk)

    def with_listings(rows):
        listings = gather(
            [
                VariantChannelListingByVariantIdAndChannelIdLoader(info.context).load((v.pk, ctx.channel_id))  # type: ignore[arg-type]
                for v in rows
            ]
        )
        return then(
            listings,
            lambda found: [
                ChannelContext(v, ctx.channel_slug, ctx.channel_id)
                for v, listing in zip(rows, found, strict=True)
                if listing is not None
            ],
        )

    return then(variants, with_listings)


def _quantity_available(variant: ProductVariantModel, info):
    limit = settings.MAX_CHECKOUT_LINE_QUANTITY
    if not variant.track_inventory:
        return limit
    return then(
        AvailableQuantityByVariantIdLoader(info.context).load(variant.pk),
        lambda available: min(available, limit),
    )


class ProductType(ModelObjectType):
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    product_attributes = graphene.List(
        graphene.NonNull("storefront_api.catalog.types.attributes.Attribute"),
        description="Product attributes of that product type.",
    )
    variant_attributes = graphene.List(
        graphene.NonNull("storefront_api.catalog.types.attributes.Attribute"),
        variant_selection=graphene.Argument(
            VariantAttributeScope, description="Define scope of returned attributes."
        ),
        description="Variant attributes of that product type.",
    )

    class Meta:
        model = ProductTypeModel
        fields = ("id", "name", "slug")
        description = (
            "Represents a type of product. It defines what attributes are available to products of this type."
        )

    @staticmethod
    def resolve_product_attributes(root: ProductTypeModel, info):  # type: ignore[no-untyped-def]
        return then(
            AttributeProductsByProductTypeIdLoader(info.context).load(root.pk),
            lambda links: [link.attribute for link in links],
        )

    @staticmethod
    def resolve_variant_attributes(root: ProductTypeModel, info, variant_selection=None):  # type: ignore[no-untyped-def]
        scope = enum_value(variant_selection) or "ALL"

        def pick(links):  # type: ignore[no-untyped-def]
            if scope == "VARIANT_SELECTION":
                links = [link for link in links if link.variant_selection]
            elif scope == "NOT_VARIANT_SELECTION":
                links = [link for link in links if not link.variant_selection]
            return [link.attribute for link in links]

        return then(AttributeVariantsByProductTypeIdLoader(info.context).load(root.pk), pick)


class ProductVariant(ChannelContextType):
    quantity_available = graphene.Int(
        description="Quantity of a product available for sale (capped at the checkout line limit)."
    )
    quantity_limit_per_customer = graphene.Int()
    track_inventory = graphene.Boolean(required=True)
    channel = graphene.String(description="Channel given to retrieve this product variant.")
    created = graphene.DateTime(required=True)
    pricing = graphene.Field(VariantPricingInfo, description="Lists the storefront variant's pricing.")
    attributes = graphene.List(
        graphene.NonNull(SelectedAttribute),
        required=True,
        variant_selection=graphene.Argument(
            VariantAttributeScope, description="Define scope of returned attributes."
        ),
        description="List of attributes assigned to this variant.",
    )
    media = graphene.List(
        graphene.NonNull(ProductMedia), description="List of media for the product variant."
    )
    product = graphene.Field("storefront_api.catalog.types.products.Product", required=True)
    translation = translation_field(ProductVariantTranslation, VariantTranslationByVariantIdAndLanguageLoader)
    stocks = graphene.List(
        graphene.NonNull("storefront_api.inventory.types.Stock"),
        description=(
            "Stocks for the product variant, in every warehouse. Requires one of the following "
            "permissions: MANAGE_PRODUCTS, MANAGE_ORDERS; or membership of the product's shop. "
            "Null for anyone else."
        ),
    )

    class Meta:
        model = ProductVariantModel
        fields = ("id", "name", "sku", "updated_at")
        description = "Represents a version of a product such as different size or color."

    @staticmethod
    def resolve_name(root: ChannelContext, info):
        return root.node.name

    @staticmethod
    def resolve_quantity_available(root: ChannelContext, info):
        return _quantity_available(root.node, info)

    @staticmethod
    def resolve_channel(root: ChannelContext, info):
        return root.channel_slug

    @staticmethod
    def resolve_created(root: ChannelContext, info):
        return root.node.created_at

    @staticmethod
    def resolve_pricing(root: ChannelContext, info):
        listing = VariantChannelListingByVariantIdAndChannelIdLoader(info.context).load(
            (root.node.pk, root.channel_id)  # type: ignore[arg-type]
        )
        return then(listing, variant_pricing)

    @staticmethod
    def resolve_attributes(root: ChannelContext, info, variant_selection=None):
        scope = enum_value(variant_selection) or "ALL"
        product = ProductByIdLoader(info.context).load(root.node.product_id)

        def with_product(product):
            links = AttributeVariantsByProductTypeIdLoader(info.context).load(product.product_type_id)
            values = AssignedValuesByVariantIdLoader(info.context).load(root.node.pk)

            def pair(loaded):
                attribute_links, assigned = loaded
                if scope == "VARIANT_SELECTION":
                    attribute_links = [link for link in attribute_links if link.variant_selection]
                elif scope == "NOT_VARIANT_SELECTION":
                    attribute_links = [link for link in attribute_links if not link.variant_selection]
                return selected_attributes(attribute_links, assigned)

            return then(gather([links, values]), pair)

        return then(product, with_product)

    @staticmethod
    def resolve_media(root: ChannelContext, info):
        return MediaByVariantIdLoader(info.context).load(root.node.pk)

    @staticmethod
    def resolve_stocks(root: ChannelContext, info):  # type: ignore[no-untyped-def]
        readable = stock_vendor_ids(info)

        def with_product(product):  # type: ignore[no-untyped-def]
            if readable is not None and product.vendor_id not in readable:
                return None
            return then(
                StocksByVariantIdLoader(info.context).load(root.node.pk),
                lambda rows: [ChannelContext(row, root.channel_slug, root.channel_id) for row in rows],
            )

        if readable is not None and not readable:
            return None
        return then(ProductByIdLoader(info.context).load(root.node.product_id), with_product)

    @staticmethod
    def resolve_product(root: ChannelContext, info):  # type: ignore[no-untyped-def]
        return then(
            ProductByIdLoader(info.context).load(root.node.product_id),
            lambda product: ChannelContext(product, root.channel_slug, root.channel_id),
        )


class Product(ChannelContextType):
    created = graphene.DateTime(required=True)
    channel = graphene.String(description="Channel given to retrieve this product.")
    is_available = graphene.Boolean(
        description="Whether the product is in stock, set as available for purchase and visible."
    )
    is_available_for_purchase = graphene.Boolean(description="Whether the product is available for purchase.")
    available_for_purchase_at = graphene.DateTime()
    category = graphene.Field("storefront_api.catalog.types.categories.Category")
    product_type = graphene.Field(ProductType, required=True)
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(description="Size of thumbnail; snapped to 32, 64, ... 4096.", default_value=256),
        format=graphene.Argument(ThumbnailFormatEnum, description="The format of the image."),
    )
    pricing = graphene.Field(
        ProductPricingInfo, description="Lists the storefront product's pricing in the channel."
    )
    collections = graphene.List(
        graphene.NonNull("storefront_api.catalog.types.collections.Collection"),
        description="List of collections (published in the channel) for the product.",
    )
    media = graphene.List(graphene.NonNull(ProductMedia), description="List of media for the product.")
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True)
    variants = graphene.List(
        graphene.NonNull(ProductVariant),
        description="List of variants for the product.",
        deprecation_reason="Use `productVariants` instead.",
    )
    product_variants = graphene.Field(
        lambda: ProductVariantCountableConnection,
        **page_args(),
        description="The product's variants priced in the channel (as `variants`), paginated.",
    )
    assigned_attribute = assigned_attribute_field(
        "Get a single attribute attached to product by attribute slug."
    )
    assigned_attributes = assigned_attributes_field("List of attributes assigned to this product.")
    translation = translation_field(ProductTranslation, ProductTranslationByProductIdAndLanguageLoader)
    vendor = graphene.Field(
        "storefront_api.vendors.types.Vendor",
        required=True,
        description="The artisan shop selling the product.",
    )
    village = graphene.Field(
        "storefront_api.vendors.types.CraftVillage", description="The craft village of the product's vendor."
    )
    tourism_routes = graphene.List(
        graphene.NonNull("storefront_api.routes.types.TourismRoute"),
        required=True,
        description="Published tourism routes with a stop in the craft village of the product's vendor.",
    )
    ocop = graphene.Field(
        "storefront_api.ocop.types.OcopBadge",
        description="The OCOP badge, only while a VERIFIED certificate is valid; null otherwise.",
    )
    rating = graphene.Float(
        description="The mean stars (1 to 5) of the product's visible reviews; null before the first one."
    )
    review_count = graphene.Int(required=True, description="How many visible reviews the product has.")
    reviews = reviews_field()
    ocop_certificates = graphene.List(
        graphene.NonNull("storefront_api.ocop.types.OcopCertificate"),
        required=True,
        description="The product's OCOP certificates: for its shop's members and MANAGE_OCOP; else empty.",
    )

    channel_listings = graphene.List(
        graphene.NonNull(ProductChannelListing),
        description=(
            "List of availability in channels for the product. Requires one of the following "
            "permissions: MANAGE_PRODUCTS; or membership of the product's shop. Null for anyone else."
        ),
    )

    seo_title = graphene.String(description="SEO title; empty when not set (Saleor types it nullable).")
    seo_description = graphene.String(description="SEO description; empty when not set.")

    class Meta:
        model = ProductModel
        fields = ("id", "name", "slug", "description", "rating", "updated_at")
        description = "Represents an individual item for sale in the storefront."

    @staticmethod
    def resolve_created(root: ChannelContext, info):
        return root.node.created_at

    @staticmethod
    def resolve_channel(root: ChannelContext, info):
        return root.channel_slug

    @staticmethod
    def resolve_channel_listings(root: ChannelContext, info):  # type: ignore[no-untyped-def]
        if root.node.vendor_id not in product_private_vendor_ids(info):
            return None
        return ChannelListingsByProductIdLoader(info.context).load(root.node.pk)

    @staticmethod
    def _listing(root: ChannelContext, info):  # type: ignore[no-untyped-def]
        return ProductChannelListingByProductIdAndChannelIdLoader(info.context).load(
            (root.node.pk, root.channel_id)  # type: ignore[arg-type]
        )

    @staticmethod
    def resolve_available_for_purchase_at(root: ChannelContext, info):
        return then(
            Product._listing(root, info), lambda listing: listing and listing.available_for_purchase_at
        )

    @staticmethod
    def resolve_is_available_for_purchase(root: ChannelContext, info):
        return then(Product._listing(root, info), _purchasable)

    @staticmethod
    def resolve_is_available(root: ChannelContext, info):
        def with_listing(listing):
            if not _purchasable(listing):
                return False
            variants = _listed_variants(root, info)
            return then(
                variants,
                lambda rows: then(
                    gather([_quantity_available(v.node, info) for v in rows]),
                    lambda quantities: any(q > 0 for q in quantities),
                ),
            )

        return then(Product._listing(root, info), with_listing)

    @staticmethod
    def resolve_category(root: ChannelContext, info):
        if root.node.category_id is None:
            return None
        return CategoryByIdLoader(info.context).load(root.node.category_id)

    @staticmethod
    def resolve_product_type(root: ChannelContext, info):
        return ProductTypeByIdLoader(info.context).load(root.node.product_type_id)

    @staticmethod
    def resolve_thumbnail(root: ChannelContext, info, size=256, format=None):
        def first_image(media):
            images = [m for m in media if m.image]
            if not images:
                return None
            medium = images[0]
            return resolve_image(
                info,
                kind="media",
                object_id=medium.pk,
                file=medium.image,
                alt=medium.alt or root.node.name,
                size=size or 256,
                format=enum_value(format),
            )

        return then(MediaByProductIdLoader(info.context).load(root.node.pk), first_image)

    @staticmethod
    def resolve_pricing(root: ChannelContext, info):
        listing = ProductChannelListingByProductIdAndChannelIdLoader(info.context).load(
            (root.node.pk, root.channel_id)  # type: ignore[arg-type]
        )
        return then(listing, listing_pricing)

    @staticmethod
    def resolve_collections(root: ChannelContext, info):
        return then(
            PublishedCollectionsByProductIdAndChannelIdLoader(info.context).load(
                (root.node.pk, root.channel_id)  # type: ignore[arg-type]
            ),
            lambda rows: [ChannelContext(c, root.channel_slug, root.channel_id) for c in rows],
        )

    @staticmethod
    def resolve_media(root: ChannelContext, info):
        return MediaByProductIdLoader(info.context).load(root.node.pk)

    @staticmethod
    def resolve_attributes(root: ChannelContext, info):
        links = AttributeProductsByProductTypeIdLoader(info.context).load(root.node.product_type_id)
        values = AssignedValuesByProductIdLoader(info.context).load(root.node.pk)
        return then(gather([links, values]), lambda loaded: selected_attributes(*loaded))

    @staticmethod
    def resolve_variants(root: ChannelContext, info):
        return _listed_variants(root, info)

    @staticmethod
    def resolve_product_variants(root: ChannelContext, info, **args):
        def page(contexts):
            rows = [context.node for context in contexts]
            return ProductVariantCountableConnection.from_page(
                paginate_rows(rows, connection_name="productVariants", **args),
                wrap=lambda variant: ChannelContext(variant, root.channel_slug, root.channel_id),
            )

        return then(_listed_variants(root, info), page)

    @staticmethod
    def _assigned(root: ChannelContext, info):
        links = AttributeProductsByProductTypeIdLoader(info.context).load(root.node.product_type_id)
        values = AssignedValuesByProductIdLoader(info.context).load(root.node.pk)
        return then(
            gather([links, values]),
            lambda loaded: assigned_attributes(
                [link.attribute for link in loaded[0]],
                [row.value for row in loaded[1]],
                info=info,
                channel_slug=root.channel_slug,
                channel_id=root.channel_id,
            ),
        )

    @staticmethod
    def resolve_assigned_attributes(root: ChannelContext, info, limit=DEFAULT_LIMIT):
        return then(Product._assigned(root, info), lambda rows: rows[: limit_of(limit)])

    @staticmethod
    def resolve_assigned_attribute(root: ChannelContext, info, slug):
        return then(
            Product._assigned(root, info),
            lambda rows: next((row for row in rows if row.attribute.slug == slug), None),
        )

    @staticmethod
    def resolve_vendor(root: ChannelContext, info):
        return VendorByIdLoader(info.context).load(root.node.vendor_id)

    @staticmethod
    def resolve_village(root: ChannelContext, info):
        def of_vendor(vendor):
            if vendor is None or vendor.village_id is None:
                return None
            return CraftVillageByIdLoader(info.context).load(vendor.village_id)

        return then(VendorByIdLoader(info.context).load(root.node.vendor_id), of_vendor)

    @staticmethod
    def resolve_tourism_routes(root: ChannelContext, info):
        def of_vendor(vendor):
            if vendor is None or vendor.village_id is None:
                return []
            return PublishedTourismRoutesByVillageIdLoader(info.context).load(vendor.village_id)

        return then(VendorByIdLoader(info.context).load(root.node.vendor_id), of_vendor)

    @staticmethod
    def resolve_ocop(root: ChannelContext, info):
        return OcopBadgeByProductIdLoader(info.context).load(root.node.pk)

    @staticmethod
    def resolve_ocop_certificates(root: ChannelContext, info):
        return product_ocop_certificates(info, root.node)

    @staticmethod
    def resolve_review_count(root: ChannelContext, info):  # type: ignore[no-untyped-def]
        return root.node.review_count

    @staticmethod
    def resolve_reviews(root: ChannelContext, info, **args):  # type: ignore[no-untyped-def]
        return resolve_product_reviews(root.node.pk, info, **args)


def _purchasable(listing) -> bool:
    return bool(
        listing
        and listing.available_for_purchase_at is not None
        and listing.available_for_purchase_at <= timezone.now()
    )


ProductCountableConnection: type[CountableConnection] = connection_for(Product)
ProductTypeCountableConnection: type[CountableConnection] = connection_for(ProductType)
ProductVariantCountableConnection: type[CountableConnection] = connection_for(ProductVariant)
