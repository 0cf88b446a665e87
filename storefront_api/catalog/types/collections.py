import graphene

from marketplace.catalog.models import Collection as CollectionModel
from marketplace.catalog.selectors import collection_products
from storefront_api.catalog.dataloaders import (
    ChannelListingsByCollectionIdLoader,
    CollectionTranslationByCollectionIdAndLanguageLoader,
)
from storefront_api.catalog.filters import ProductFilterInput
from storefront_api.catalog.resolvers import product_connection
from storefront_api.catalog.sorters import ProductOrder
from storefront_api.catalog.types.listings import CollectionChannelListing, reads_collection_listings
from storefront_api.catalog.types.media import enum_value
from storefront_api.catalog.types.products import ProductCountableConnection
from storefront_api.catalog.types.translations import CollectionTranslation, translation_field
from storefront_api.catalog.where import ProductWhereInput
from storefront_api.channels.resolvers import channel_or_error
from storefront_api.core.context import ChannelContext
from storefront_api.core.enums import ThumbnailFormatEnum
from storefront_api.core.images import resolve_image
from storefront_api.core.object_types import ChannelContextType
from storefront_api.core.types import CountableConnection, Image, connection_for


class Collection(ChannelContextType):
    channel = graphene.String(description="Channel given to retrieve this collection.")
    background_image = graphene.Field(
        Image,
        size=graphene.Int(description="Size of the image; snapped to 32 ... 4096."),
        format=graphene.Argument(ThumbnailFormatEnum),
    )
    products = graphene.Field(
        ProductCountableConnection,
        first=graphene.Int(),
        after=graphene.String(),
        last=graphene.Int(),
        before=graphene.String(),
        filter=ProductFilterInput(),
        where=ProductWhereInput(description="Where filtering options for products (not with `filter`)."),
        search=graphene.String(description="Search products (accent- and case-insensitive)."),
        sort_by=ProductOrder(),
        description="List of products in this collection, visible in its channel.",
    )
    translation = translation_field(
        CollectionTranslation, CollectionTranslationByCollectionIdAndLanguageLoader
    )

    channel_listings = graphene.List(
        graphene.NonNull(CollectionChannelListing),
        description=(
            "List of channels in which the collection is available. Requires one of the following "
            "permissions: MANAGE_PRODUCTS, MANAGE_SHOWCASE. Null for anyone else."
        ),
    )

    seo_title = graphene.String(description="SEO title; empty when not set (Saleor types it nullable).")
    seo_description = graphene.String(description="SEO description; empty when not set.")

    class Meta:
        model = CollectionModel
        fields = ("id", "name", "slug", "description")
        description = "Represents a collection of products."

    @staticmethod
    def resolve_channel(root: ChannelContext, info):
        return root.channel_slug

    @staticmethod
    def resolve_background_image(root: ChannelContext, info, size=None, format=None):
        collection = root.node
        return resolve_image(
            info,
            kind="collection",
            object_id=collection.pk,
            file=collection.background_image,
            alt=collection.background_image_alt or collection.name,
            size=size,
            format=enum_value(format),
        )

    @staticmethod
    def resolve_channel_listings(root: ChannelContext, info):  # type: ignore[no-untyped-def]
        if not reads_collection_listings(info):
            return None
        return ChannelListingsByCollectionIdLoader(info.context).load(root.node.pk)

    @staticmethod
    def resolve_products(root: ChannelContext, info, **args):  # type: ignore[no-untyped-def]
        channel = channel_or_error(info, root.channel_slug)
        qs = collection_products(collection_id=root.node.pk, channel_id=channel.pk)
        return product_connection(
            ProductCountableConnection, qs, channel=channel, args=args, in_collection=True
        )


CollectionCountableConnection: type[CountableConnection] = connection_for(Collection)
