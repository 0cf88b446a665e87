"""Denormalised prices: each product listing keeps its cheapest variant price in that
channel, so sorting and filtering a large catalogue by price needs no aggregation."""

from collections.abc import Iterable

from django.db.models import Min, OuterRef, Subquery

from marketplace.catalog.models import ProductChannelListing, ProductVariantChannelListing


def update_products_discounted_prices(product_ids: Iterable[int]) -> int:
    cheapest = (
        ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("product_id"), channel_id=OuterRef("channel_id")
        )
        .values("variant__product_id")
        .annotate(cheapest=Min("price_amount"))
        .values("cheapest")
    )
    return ProductChannelListing.objects.filter(product_id__in=list(product_ids)).update(
        discounted_price_amount=Subquery(cheapest)
    )
