"""Chainable visibility filters. A product is public in a channel when its vendor is
ACTIVE, it is published there (now or earlier) and at least one variant has a price there.
All three facts are on the product's listing in the channel (the cheapest price kept by
``catalog.pricing``, the shop's status by database triggers), so a page of a large
catalogue needs one semi-join, and its count is kept by the database (``ListedProductCount``)."""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

if TYPE_CHECKING:
    from marketplace.catalog.models import Collection, Product, ProductVariant  # noqa: F401 (in the bases)


def listed_in(channel_id: int, *, now: datetime | None = None, **extra: object) -> "models.QuerySet[Any]":
    """The product listings of a channel whose product the public may see there (at ``now``,
    by default the present)."""
    ProductChannelListing = apps.get_model("catalog", "ProductChannelListing")
    # ``vendor_active`` is kept by PostgreSQL triggers (migration catalog 0009); the embedded
    # SQLite of `make demo` has none and reads the shop's status through a join.
    active = (
        Q(vendor_active=True) if connection.vendor == "postgresql" else Q(product__vendor__status="ACTIVE")
    )
    return ProductChannelListing.objects.filter(
        Q(published_at__lte=timezone.now() if now is None else now) | Q(published_at__isnull=True),
        active,
        channel_id=channel_id,
        is_published=True,
        discounted_price_amount__isnull=False,
        **extra,
    )


class ProductQuerySet(models.QuerySet["Product"]):
    def of_active_vendors(self) -> "ProductQuerySet":
        return self.filter(vendor__status="ACTIVE")

    def _listed(self, channel_id: int, now: datetime | None = None, **extra: object) -> "ProductQuerySet":
        """One EXISTS on the product's listing in the channel: published (now or earlier),
        priced — ``discounted_price_amount`` is the cheapest variant price there, set exactly
        when at least one variant has a price — and of an ACTIVE shop (``vendor_active``)."""
        return self.filter(Exists(listed_in(channel_id, now=now, **extra).filter(product_id=OuterRef("pk"))))

    def published(self, channel_id: int, now: datetime | None = None) -> "ProductQuerySet":
        return self._listed(channel_id, now)

    def visible_in_listings(self, channel_id: int, now: datetime | None = None) -> "ProductQuerySet":
        return self._listed(channel_id, now, visible_in_listings=True)


class ProductVariantQuerySet(models.QuerySet["ProductVariant"]):
    def available_in_channel(self, channel_id: int) -> "ProductVariantQuerySet":
        return self.filter(channel_listings__channel_id=channel_id)


class CollectionQuerySet(models.QuerySet["Collection"]):
    def published(self, channel_id: int) -> "CollectionQuerySet":
        CollectionChannelListing = apps.get_model("catalog", "CollectionChannelListing")
        listings = CollectionChannelListing.objects.filter(
            Q(published_at__lte=timezone.now()) | Q(published_at__isnull=True),
            collection_id=OuterRef("pk"),
            channel_id=channel_id,
            is_published=True,
        )
        return self.filter(Exists(listings))
