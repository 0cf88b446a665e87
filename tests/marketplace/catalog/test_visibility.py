"""Visibility reads the listing's cheapest price: the services that change prices keep it,
so a product whose last priced variant goes disappears from the channel at once."""

import pytest

from marketplace.catalog.selectors import visible_products
from marketplace.catalog.services.variants import variant_delete
from tests.factories import UserFactory, listed_product

pytestmark = pytest.mark.django_db


def test_deleting_the_last_priced_variant_hides_the_product(seeded_channels):
    product = listed_product(prices=(100_000, 150_000))
    channel_id = seeded_channels["default-channel"].pk
    staff = UserFactory(is_superuser=True, is_staff=True)
    first, second = product.variants.order_by("pk")
    variant_delete(actor=staff, variant=first)
    assert list(visible_products(channel_id=channel_id)) == [product]
    assert product.channel_listings.get().discounted_price_amount == 150_000
    variant_delete(actor=staff, variant=second)
    assert list(visible_products(channel_id=channel_id)) == []
    assert list(visible_products(channel_id=channel_id, in_listings=False)) == []
    assert product.channel_listings.get().discounted_price_amount is None
