"""Catalogue queries, in Saleor's shape."""

import graphene

from marketplace.catalog.selectors import (
    attribute_by_id,
    attribute_by_slug,
    attributes,
    categories,
    category_by_id,
    product_type_by_id,
    product_types,
    visible_products,
    visible_variants,
)
from marketplace.core.slugs import filter_by_slug
from marketplace.core.text import fold, nfc
from marketplace.curation.selectors import collections_visible_to
from storefront_api.catalog.filters import ProductFilterInput, check_search
from storefront_api.catalog.mutations.listings import (
    ProductChannelListingUpdate,
    ProductVariantChannelListingUpdate,
)
from storefront_api.catalog.mutations.media import (
    ProductMediaCreate,
    ProductMediaDelete,
    ProductMediaReorder,
    ProductMediaUploadConfirm,
    ProductMediaUploadUrlCreate,
)
from storefront_api.catalog.mutations.products import (
    ProductCreate,
    ProductDelete,
    ProductTranslate,
    ProductUpdate,
)
from storefront_api.catalog.mutations.taxonomy import (
    AttributeValueDelete,
    AttributeValueUpdate,
    CategoryUpdate,
    ProductTypeDelete,
)
from storefront_api.catalog.mutations.variants import (
    ProductVariantCreate,
    ProductVariantDelete,
    ProductVariantStocksUpdate,
    ProductVariantUpdate,
)
from storefront_api.catalog.resolvers import products_connection
from storefront_api.catalog.sorters import ProductOrder
from storefront_api.catalog.types.attributes import Attribute, AttributeCountableConnection
from storefront_api.catalog.types.categories import Category, CategoryCountableConnection
from storefront_api.catalog.types.collections import Collection, CollectionCountableConnection
from storefront_api.catalog.types.products import (
    Product,
    ProductCountableConnection,
    ProductType,
    ProductTypeCountableConnection,
    ProductVariant,
)
from storefront_api.catalog.types.translations import language_value
from storefront_api.catalog.where import ProductWhereInput
from storefront_api.channels.resolvers import channel_or_error
from storefront_api.core.context import ChannelContext
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id, decode_ids
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import principal
from storefront_api.core.types import page_args

PAGE_ARGS = page_args()
CHANNEL_ARG = graphene.String(description="Slug of a channel; the default channel when omitted.")


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class CollectionFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


def _one_of(id: str | None, slug: str | None) -> None:
    if id is not None and slug is not None:
        raise api_error("Argument 'id' cannot be combined with 'slug'.", "GRAPHQL_ERROR")


def _search_by_name(qs, filter):
    filter = filter or {}
    if filter.get("ids") is not None:
        qs = qs.filter(pk__in=decode_ids(filter["ids"], only_type=qs.model.__name__))
    if filter.get("slugs") is not None:
        qs = qs.filter(slug__in=[s[:255] for s in filter["slugs"][:100]])
    search = check_search(filter.get("search"))
    if search:
        folded = fold(nfc(search))
        # Slugs are the folded names (slugify_vi), so folded words match them.
        for word in folded.split():
            qs = qs.filter(slug__contains=word)
    return qs


class ProductTypeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class AttributeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class CatalogQueries(graphene.ObjectType):
    product_types = graphene.Field(
        ProductTypeCountableConnection,
        filter=ProductTypeFilterInput(description="Filtering options for product types."),
        **PAGE_ARGS,
        description="List of the shop's product types.",
    )
    product_type = graphene.Field(
        ProductType,
        id=graphene.ID(required=True, description="ID of the product type."),
        description="Look up a product type by ID.",
    )
    attributes = graphene.Field(
        AttributeCountableConnection,
        filter=AttributeFilterInput(description="Filtering options for attributes."),
        search=graphene.String(description="Search attributes."),
        **PAGE_ARGS,
        description="List of the shop's attributes.",
    )
    attribute = graphene.Field(
        Attribute,
        id=graphene.ID(description="ID of the attribute."),
        slug=graphene.String(description="Slug of the attribute."),
        description="Look up an attribute by ID or slug.",
    )
    products = graphene.Field(
        ProductCountableConnection,
        channel=CHANNEL_ARG,
        filter=ProductFilterInput(description="Filtering options for products."),
        where=ProductWhereInput(description="Where filtering options for products (not with `filter`)."),
        search=graphene.String(description="Search products (accent- and case-insensitive)."),
        sort_by=ProductOrder(description="Sort products."),
        **PAGE_ARGS,
        description="List of the shop's products visible in the channel.",
    )
    product = graphene.Field(
        Product,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(
            LanguageCodeEnum,
            description="Language code of the slug; omit to use the primary (Vietnamese) slug.",
        ),
        channel=CHANNEL_ARG,
        description="Look up a product by ID or slug.",
    )
    product_variant = graphene.Field(
        ProductVariant,
        id=graphene.ID(),
        sku=graphene.String(),
        channel=CHANNEL_ARG,
        description=(
            "Look up a variant by ID or SKU. A shop's members (and MANAGE_PRODUCTS staff) also "
            "find the variants of their unpublished products."
        ),
    )
    categories = graphene.Field(
        CategoryCountableConnection,
        filter=CategoryFilterInput(),
        level=graphene.Int(description="Filter categories by the nesting level."),
        **PAGE_ARGS,
        description="List of the shop's categories.",
    )
    category = graphene.Field(
        Category,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(
            LanguageCodeEnum,
            description="Language code of the slug; omit to use the primary (Vietnamese) slug.",
        ),
    )
    collections = graphene.Field(
        CollectionCountableConnection,
        channel=CHANNEL_ARG,
        filter=CollectionFilterInput(),
        **PAGE_ARGS,
        description=(
            "List of the shop's collections published in the channel. Staff with MANAGE_PRODUCTS "
            "see every collection; curators (MANAGE_SHOWCASE) also the drafts and scheduled "
            "collections of the design-centre channel."
        ),
    )
    collection = graphene.Field(
        Collection,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(
            LanguageCodeEnum,
            description="Language code of the slug; omit to use the primary (Vietnamese) slug.",
        ),
        channel=CHANNEL_ARG,
    )

    @staticmethod
    def resolve_product_types(root, info, filter=None, **args):  # type: ignore[no-untyped-def]
        qs = _search_by_name(product_types(), filter)
        page = paginate(qs, sort=[SortKey("name")], connection_name="productTypes", **args)
        return ProductTypeCountableConnection.from_page(page)

    @staticmethod
    def resolve_product_type(root, info, id):  # type: ignore[no-untyped-def]
        return product_type_by_id(decode_id(id, only_type="ProductType"))

    @staticmethod
    def resolve_attributes(root, info, filter=None, search=None, **args):  # type: ignore[no-untyped-def]
        filter = dict(filter or {})
        if search is not None and filter.get("search") is None:
            filter["search"] = search
        qs = _search_by_name(attributes(), filter)
        page = paginate(qs, sort=[SortKey("slug")], connection_name="attributes", **args)
        return AttributeCountableConnection.from_page(page)

    @staticmethod
    def resolve_attribute(root, info, id=None, slug=None):  # type: ignore[no-untyped-def]
        _one_of(id, slug)
        if id is not None:
            return attribute_by_id(decode_id(id, only_type="Attribute"))
        if slug is not None:
            return attribute_by_slug(slug[:250])
        return None

    @staticmethod
    def resolve_products(root, info, channel=None, **args):  # type: ignore[no-untyped-def]
        channel_obj = channel_or_error(info, channel)
        return products_connection(
            ProductCountableConnection, channel=channel_obj, args=args, actor=principal(info)
        )

    @staticmethod
    def resolve_product(root, info, id=None, slug=None, channel=None, slug_language_code=None):
        _one_of(id, slug)
        channel_obj = channel_or_error(info, channel)
        qs = visible_products(channel_id=channel_obj.pk, in_listings=False, actor=principal(info))
        if id is not None:
            product = qs.filter(pk=decode_id(id, only_type="Product")).first()
        elif slug is not None:
            product = filter_by_slug(qs, slug=slug, language_code=language_value(slug_language_code)).first()
        else:
            raise api_error("Either 'id' or 'slug' is required.", "GRAPHQL_ERROR")
        return ChannelContext(product, channel_obj.slug, channel_obj.pk) if product else None

    @staticmethod
    def resolve_product_variant(root, info, id=None, sku=None, channel=None):
        if id is not None and sku is not None:
            raise api_error("Argument 'id' cannot be combined with 'sku'.", "GRAPHQL_ERROR")
        channel_obj = channel_or_error(info, channel)
        qs = visible_variants(channel_id=channel_obj.pk, actor=principal(info))
        if id is not None:
            variant = qs.filter(pk=decode_id(id, only_type="ProductVariant")).first()
        elif sku is not None:
            variant = qs.filter(sku=sku[:255]).first()
        else:
            raise api_error("Either 'id' or 'sku' is required.", "GRAPHQL_ERROR")
        return ChannelContext(variant, channel_obj.slug, channel_obj.pk) if variant else None

    @staticmethod
    def resolve_categories(root, info, filter=None, level=None, **args):
        qs = _search_by_name(categories(), filter)
        if level is not None:
            qs = qs.filter(level=level)
        page = paginate(qs, sort=[SortKey("name")], connection_name="categories", **args)
        return CategoryCountableConnection.from_page(page)

    @staticmethod
    def resolve_category(root, info, id=None, slug=None, slug_language_code=None):
        _one_of(id, slug)
        if id is not None:
            return category_by_id(decode_id(id, only_type="Category"))
        if slug is not None:
            language = language_value(slug_language_code)
            return filter_by_slug(categories(), slug=slug, language_code=language).first()
        return None

    @staticmethod
    def resolve_collections(root, info, channel=None, filter=None, **args):
        channel_obj = channel_or_error(info, channel)
        qs = _search_by_name(collections_visible_to(actor=principal(info), channel=channel_obj), filter)
        page = paginate(qs, sort=[SortKey("slug")], connection_name="collections", **args)
        return CollectionCountableConnection.from_page(
            page, wrap=lambda row: ChannelContext(row, channel_obj.slug, channel_obj.pk)
        )

    @staticmethod
    def resolve_collection(root, info, id=None, slug=None, channel=None, slug_language_code=None):
        _one_of(id, slug)
        channel_obj = channel_or_error(info, channel)
        qs = collections_visible_to(actor=principal(info), channel=channel_obj)
        if id is not None:
            collection = qs.filter(pk=decode_id(id, only_type="Collection")).first()
        elif slug is not None:
            language = language_value(slug_language_code)
            collection = filter_by_slug(qs, slug=slug, language_code=language).first()
        else:
            return None
        return ChannelContext(collection, channel_obj.slug, channel_obj.pk) if collection else None


class CatalogMutations(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_translate = ProductTranslate.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_delete = ProductVariantDelete.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
    product_media_delete = ProductMediaDelete.Field()
    product_media_reorder = ProductMediaReorder.Field()
    product_media_upload_url_create = ProductMediaUploadUrlCreate.Field()
    product_media_upload_confirm = ProductMediaUploadConfirm.Field()
    category_update = CategoryUpdate.Field()
    product_type_delete = ProductTypeDelete.Field()
    attribute_value_update = AttributeValueUpdate.Field()
    attribute_value_delete = AttributeValueDelete.Field()
