"""Channel listings: where a product is published and what its variants cost there."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.catalog.cache import changes_catalog
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.pricing import update_products_discounted_prices
from marketplace.catalog.services.scope import require_channel_allowed, require_product_access
from marketplace.catalog.validation import clean_price
from marketplace.channels.models import Channel
from marketplace.core.edits import column_values, save_changes
from marketplace.core.errors import field_error
from vendors.shops.policies import VendorAction


def _channels(ids: list[int], field: str) -> dict[int, Channel]:
    if len(set(ids)) != len(ids):
        raise field_error(field, ProductErrorCode.DUPLICATED_INPUT_ITEM, _("A channel is given twice."))
    channels = Channel.objects.in_bulk(ids)
    if len(channels) != len(ids):
        raise field_error(field, ProductErrorCode.NOT_FOUND, _("Couldn't find every channel."))
    return channels


@changes_catalog
def product_channel_listing_update(
    *, actor: Actor, product: Product, update: list[dict[str, Any]], remove: list[int]
) -> Product:
    require_product_access(actor, product, VendorAction.PUBLISH)
    channels = _channels([item["channel_id"] for item in update], "update_channels")
    removed = _channels(remove, "remove_channels")
    if set(channels) & set(removed):
        raise field_error(
            "update_channels",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
            _("A channel is both updated and removed."),
        )
    for channel in [*channels.values(), *removed.values()]:
        require_channel_allowed(actor, channel, field="update_channels")
    with transaction.atomic():
        for item in sorted(update, key=lambda item: item["channel_id"]):  # one lock order
            channel = channels[item["channel_id"]]
            listing, _ignored = ProductChannelListing.objects.select_for_update().get_or_create(
                product=product, channel=channel, defaults={"currency": channel.currency_code}
            )
            before = column_values(listing)  # locked: another device's change is in, and kept
            if item.get("is_published") is not None:
                listing.is_published = item["is_published"]
                if listing.is_published and listing.published_at is None and item.get("published_at") is None:
                    listing.published_at = timezone.now()
            if item.get("published_at") is not None:
                listing.published_at = item["published_at"]
            if item.get("visible_in_listings") is not None:
                listing.visible_in_listings = item["visible_in_listings"]
            if item.get("available_for_purchase_at") is not None:
                listing.available_for_purchase_at = item["available_for_purchase_at"]
            elif item.get("is_available_for_purchase") is not None:
                listing.available_for_purchase_at = (
                    timezone.now() if item["is_available_for_purchase"] else None
                )
            save_changes(listing, before)
        ProductChannelListing.objects.filter(product=product, channel_id__in=removed).delete()
        ProductVariantChannelListing.objects.filter(variant__product=product, channel_id__in=removed).delete()
        update_products_discounted_prices([product.pk])
    return product


@changes_catalog
def variant_channel_listing_update(
    *, actor: Actor, variant: ProductVariant, prices: list[dict[str, Any]]
) -> ProductVariant:
    product = variant.product
    require_product_access(actor, product, VendorAction.PUBLISH)
    channels = _channels([item["channel_id"] for item in prices], "channel_id")
    listed = set(
        ProductChannelListing.objects.filter(product=product, channel_id__in=channels).values_list(
            "channel_id", flat=True
        )
    )
    cleaned = []
    for item in prices:
        channel = channels[item["channel_id"]]
        require_channel_allowed(actor, channel, field="channel_id")
        if channel.pk not in listed:
            raise field_error(
                "channel_id",
                ProductErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL,
                _("List the product in %(channel)s first."),
                channel=channel.slug,
            )
        price = clean_price(item.get("price"), currency=channel.currency_code, field="price")
        cost = item.get("cost_price")
        cost = (
            None
            if cost is None
            else clean_price(cost, currency=channel.currency_code, field="cost_price", allow_zero=True)
        )
        cleaned.append((channel, price, cost))
    with transaction.atomic():
        for channel, price, cost in cleaned:
            ProductVariantChannelListing.objects.update_or_create(
                variant=variant,
                channel=channel,
                defaults={
                    "price_amount": price,
                    "cost_price_amount": cost,
                    "currency": channel.currency_code,
                },
            )
        update_products_discounted_prices([product.pk])
    return variant
