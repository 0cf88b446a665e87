"""Denormalised prices: each product listing keeps its cheapest and dearest variant price in
that channel, so sorting and filtering a large catalogue by price needs no aggregation, and a
product's price range is read off its listing."""

from collections.abc import Iterable

from django.db.models import Max, Min, OuterRef, Subquery

from marketplace.catalog.models import ProductChannelListing, ProductVariantChannelListing


def update_products_discounted_prices(product_ids: Iterable[int]) -> int:
    """Recompute the cheapest (``discounted_price_amount``) and dearest (``highest_price_amount``)
    variant price of the products' listings; every service that changes a variant's price, adds
    or removes a variant or a listing calls it."""
    prices = ProductVariantChannelListing.objects.filter(
        variant__product_id=OuterRef("product_id"), channel_id=OuterRef("channel_id")
    ).values("variant__product_id")
    return ProductChannelListing.objects.filter(product_id__in=list(product_ids)).update(
        discounted_price_amount=Subquery(prices.annotate(cheapest=Min("price_amount")).values("cheapest")),
        highest_price_amount=Subquery(prices.annotate(dearest=Max("price_amount")).values("dearest")),
    )
