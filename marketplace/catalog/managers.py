"""Chainable visibility filters. A product is public in a channel when its vendor is
ACTIVE, it is published there (now or earlier) and at least one variant has a price there."""

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone


class ProductQuerySet(models.QuerySet):
    def of_active_vendors(self) -> "ProductQuerySet":
        return self.filter(vendor__status="ACTIVE")

    def published(self, channel_id: int) -> "ProductQuerySet":
        ProductChannelListing = apps.get_model("catalog", "ProductChannelListing")
        ProductVariantChannelListing = apps.get_model("catalog", "ProductVariantChannelListing")
        listings = ProductChannelListing.objects.filter(
            Q(published_at__lte=timezone.now()) | Q(published_at__isnull=True),
            product_id=OuterRef("pk"),
            channel_id=channel_id,
            is_published=True,
        )
        priced_variants = ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("pk"), channel_id=channel_id
        )
        return self.of_active_vendors().filter(Exists(listings), Exists(priced_variants))

    def visible_in_listings(self, channel_id: int) -> "ProductQuerySet":
        ProductChannelListing = apps.get_model("catalog", "ProductChannelListing")
        hidden = ProductChannelListing.objects.filter(
            product_id=OuterRef("pk"), channel_id=channel_id, visible_in_listings=False
        )
        return self.published(channel_id).exclude(Exists(hidden))


class ProductVariantQuerySet(models.QuerySet):
    def available_in_channel(self, channel_id: int) -> "ProductVariantQuerySet":
        return self.filter(channel_listings__channel_id=channel_id)


class CollectionQuerySet(models.QuerySet):
    def published(self, channel_id: int) -> "CollectionQuerySet":
        CollectionChannelListing = apps.get_model("catalog", "CollectionChannelListing")
        listings = CollectionChannelListing.objects.filter(
            Q(published_at__lte=timezone.now()) | Q(published_at__isnull=True),
            collection_id=OuterRef("pk"),
            channel_id=channel_id,
            is_published=True,
        )
        return self.filter(Exists(listings))
