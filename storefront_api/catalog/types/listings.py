"""Channel listings, with Saleor's names: where a product or a collection is published, and
from when. Private: a product's for its shop's members and MANAGE_PRODUCTS staff, a
collection's for MANAGE_PRODUCTS and the Design Centre's curators (MANAGE_SHOWCASE)."""

import graphene
from django.utils import timezone

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import CollectionChannelListing as CollectionChannelListingModel
from marketplace.catalog.models import ProductChannelListing as ProductChannelListingModel
from storefront_api.channels.dataloaders import ChannelByIdLoader
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.permissions import has_one_of, principal
from vendors.shops.policies import VendorAction, vendors_for
from vendors.shops.selectors import stock_readable_vendor_ids

COLLECTION_LISTING_PERMISSIONS = (PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_SHOWCASE)


class ProductChannelListing(ModelObjectType):
    channel = graphene.Field("storefront_api.channels.types.Channel", required=True)
    is_available_for_purchase = graphene.Boolean(
        description="Whether the product is available for purchase now."
    )

    class Meta:
        model = ProductChannelListingModel
        fields = ("id", "is_published", "published_at", "visible_in_listings", "available_for_purchase_at")
        description = "Represents product channel listing."

    @staticmethod
    def resolve_channel(root: ProductChannelListingModel, info):  # type: ignore[no-untyped-def]
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_is_available_for_purchase(root: ProductChannelListingModel, info):  # type: ignore[no-untyped-def]
        return root.available_for_purchase_at is not None and root.available_for_purchase_at <= timezone.now()


class CollectionChannelListing(ModelObjectType):
    channel = graphene.Field("storefront_api.channels.types.Channel", required=True)

    class Meta:
        model = CollectionChannelListingModel
        fields = ("id", "is_published", "published_at")
        description = "Represents collection channel listing."

    @staticmethod
    def resolve_channel(root: CollectionChannelListingModel, info):  # type: ignore[no-untyped-def]
        return ChannelByIdLoader(info.context).load(root.channel_id)


def _cached(info, key: str, compute):  # type: ignore[no-untyped-def]
    cache = info.context.__dict__
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def product_private_vendor_ids(info) -> frozenset[int]:  # type: ignore[no-untyped-def]
    """The shops whose products' private fields (channel listings) the caller reads: its own
    shop's, every shop's for MANAGE_PRODUCTS (the policy's VIEW_PRODUCTS), once per request."""

    def compute() -> frozenset[int]:
        actor = principal(info)
        if actor is None:
            return frozenset()
        return frozenset(vendors_for(actor, VendorAction.VIEW_PRODUCTS).values_list("pk", flat=True))

    return _cached(info, "_product_private_vendor_ids", compute)


def stock_vendor_ids(info) -> frozenset[int] | None:  # type: ignore[no-untyped-def]
    """The shops whose stock the caller reads (``None``: every shop), once per request."""
    return _cached(info, "_stock_vendor_ids", lambda: stock_readable_vendor_ids(principal(info)))


def reads_collection_listings(info) -> bool:  # type: ignore[no-untyped-def]
    return has_one_of(info, COLLECTION_LISTING_PERMISSIONS)
