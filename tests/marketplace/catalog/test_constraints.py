"""What must never happen is refused by the database itself."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from marketplace.catalog.models import ProductVariant, ProductVariantChannelListing
from marketplace.inventory.models import Stock
from tests.factories import CategoryFactory, ProductFactory, VendorFactory, channel, listed_product

pytestmark = pytest.mark.django_db


def refused(action) -> bool:
    try:
        with transaction.atomic():
            action()
    except IntegrityError:
        return True
    return False


def test_stock_never_negative_nor_over_allocated(seeded_channels):
    product = listed_product(stock=3)
    stock = Stock.objects.get(product_variant__product=product)
    assert refused(lambda: Stock.objects.filter(pk=stock.pk).update(quantity=-1))
    assert refused(lambda: Stock.objects.filter(pk=stock.pk).update(quantity_allocated=4))
    assert refused(lambda: Stock.objects.filter(pk=stock.pk).update(quantity_allocated=-1))
    Stock.objects.filter(pk=stock.pk).update(quantity_allocated=3)
    assert Stock.objects.get(pk=stock.pk).quantity_allocated == 3


def test_prices_never_negative(seeded_channels):
    product = listed_product()
    listing = ProductVariantChannelListing.objects.get(variant__product=product)
    assert refused(
        lambda: ProductVariantChannelListing.objects.filter(pk=listing.pk).update(price_amount=Decimal(-1))
    )
    assert refused(
        lambda: ProductVariantChannelListing.objects.filter(pk=listing.pk).update(
            cost_price_amount=Decimal(-5)
        )
    )


def test_duplicate_slugs_and_skus_are_refused(seeded_channels):
    product = listed_product(slug="binh")
    assert refused(lambda: ProductFactory(slug="binh"))
    assert refused(lambda: CategoryFactory(slug=product.category.slug))
    assert refused(lambda: VendorFactory(slug=product.vendor.slug))
    sku = product.variants.first().sku
    assert refused(lambda: ProductVariant.objects.create(product=product, sku=sku))


def test_a_variant_has_one_price_per_channel(seeded_channels):
    product = listed_product()
    variant = product.variants.first()
    assert refused(
        lambda: ProductVariantChannelListing.objects.create(
            variant=variant, channel=channel(), currency="VND", price_amount=Decimal(1)
        )
    )
