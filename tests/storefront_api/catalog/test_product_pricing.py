"""A product's ``pricing`` in a channel: the lowest and highest price of its variants priced
there, read as one aggregate row per product (``PriceRangeByProductIdAndChannelIdLoader``)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductChannelListing, ProductVariant, ProductVariantChannelListing
from marketplace.catalog.pricing import update_products_discounted_prices
from storefront_api.catalog.dataloaders import PriceRangeByProductIdAndChannelIdLoader
from tests.conftest import data
from tests.factories import listed_product

pytestmark = pytest.mark.django_db

PRICES = """
query ($channel: String) {
  products(channel: $channel, first: 10) {
    edges { node { slug pricing {
      onSale
      priceRange { start { gross { amount currency } net { amount } } stop { gross { amount currency } } }
      priceRangeUndiscounted { start { gross { amount } } stop { gross { amount } } }
    } } }
  }
}
"""


def pricing(api_client, channel):
    content = api_client.graphql(PRICES, {"channel": channel})
    return {edge["node"]["slug"]: edge["node"]["pricing"] for edge in data(content)["products"]["edges"]}


def test_the_range_is_of_the_variants_priced_in_the_asked_channel(api_client, seeded_channels):
    vase = listed_product(slug="binh", prices=(350_000, 650_000, 500_000))
    listed_product(slug="bat", prices=(45_000,))
    centre = seeded_channels["design-centre"]
    ProductChannelListing.objects.create(  # type: ignore[misc]
        product=vase,
        channel=centre,
        currency=centre.currency_code,
        is_published=True,
        visible_in_listings=True,
    )
    first, second, _ = vase.variants.order_by("sku")
    ProductVariantChannelListing.objects.create(
        variant=first, channel=centre, currency=centre.currency_code, price_amount=Decimal(700_000)
    )
    only_there = ProductVariant.objects.create(product=vase, sku="binh-centre", name="Bản trưng bày")  # type: ignore[misc]
    ProductVariantChannelListing.objects.create(
        variant=only_there, channel=centre, currency=centre.currency_code, price_amount=Decimal(50_000)
    )
    update_products_discounted_prices([vase.pk])

    default = pricing(api_client, "default-channel")
    assert default["binh"]["priceRange"]["start"]["gross"] == {"amount": 350_000.0, "currency": "VND"}
    assert default["binh"]["priceRange"]["start"]["net"] == {"amount": 350_000.0}
    assert default["binh"]["priceRange"]["stop"]["gross"] == {"amount": 650_000.0, "currency": "VND"}
    assert default["binh"]["priceRangeUndiscounted"]["stop"]["gross"] == {"amount": 650_000.0}
    assert default["binh"]["onSale"] is False
    assert default["bat"]["priceRange"]["start"]["gross"] == default["bat"]["priceRange"]["stop"]["gross"]
    assert default["bat"]["priceRange"]["stop"]["gross"]["amount"] == 45_000.0

    showcase = pricing(api_client, "design-centre")
    assert set(showcase) == {"binh"}
    assert (
        showcase["binh"]["priceRange"]["start"]["gross"]["amount"] == 50_000.0
    )  # the variant sold only there
    assert (
        showcase["binh"]["priceRange"]["stop"]["gross"]["amount"] == 700_000.0
    )  # its price there, not 650,000


def test_a_product_without_a_priced_variant_in_the_channel_has_no_range(seeded_channels):
    vase = listed_product(slug="binh", prices=(350_000,))
    bowl = listed_product(slug="bat", prices=(45_000, 60_000))
    centre = seeded_channels["design-centre"]
    default = seeded_channels["default-channel"]
    loader = PriceRangeByProductIdAndChannelIdLoader(SimpleNamespace())
    with CaptureQueriesContext(connection) as queries:
        found = loader.batch_load(
            [(vase.pk, default.pk), (bowl.pk, centre.pk), (bowl.pk, default.pk), (0, default.pk)]
        )
    assert len(queries) == 1  # one aggregate query for every product and channel asked
    assert found == [
        (Decimal(350_000), Decimal(350_000), "VND"),
        None,
        (Decimal(45_000), Decimal(60_000), "VND"),
        None,
    ]
