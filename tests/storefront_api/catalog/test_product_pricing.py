"""A product's ``pricing`` in a channel: the lowest and highest price of its variants priced
there, which its listing keeps (``catalog.pricing``: ``discounted_price_amount`` and
``highest_price_amount``) and the page reads with the listing, at no query of its own; kept as
prices, variants and listings change through the services."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductChannelListing, ProductVariant, ProductVariantChannelListing
from marketplace.catalog.pricing import update_products_discounted_prices
from storefront_api.catalog.types.pricing import listing_pricing
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


def test_a_product_without_a_priced_variant_in_the_channel_has_no_range(api_client, seeded_channels):
    vase = listed_product(slug="binh", prices=(350_000,))
    ProductVariantChannelListing.objects.filter(variant__product=vase).delete()
    update_products_discounted_prices([vase.pk])
    listing = ProductChannelListing.objects.get(product=vase)
    assert listing.discounted_price_amount is None and listing.highest_price_amount is None
    assert listing_pricing(listing) is None and listing_pricing(None) is None
    member = ProductChannelListing(
        currency="VND", discounted_price_amount=Decimal(10), highest_price_amount=None
    )
    assert listing_pricing(member).price_range.stop.gross.amount == Decimal(10)  # the cheapest, alone


def test_the_range_follows_the_services(seeded_channels, vendor_member):
    from marketplace.catalog.services.variants import variant_delete

    vase = listed_product(
        slug="binh", prices=(350_000, 650_000), vendor=vendor_member.vendor_memberships.get().vendor
    )
    listing = ProductChannelListing.objects.get(product=vase)
    assert (listing.discounted_price_amount, listing.highest_price_amount) == (350_000, 650_000)
    dearest = vase.variants.get(sku="binh-1")
    variant_delete(actor=vendor_member, variant=dearest)
    listing.refresh_from_db()
    assert (listing.discounted_price_amount, listing.highest_price_amount) == (350_000, 350_000)


def test_pricing_costs_no_query_of_its_own(api_client, seeded_channels):
    for index in range(3):
        listed_product(slug=f"p{index}", prices=(100_000 * (index + 1), 900_000))
    with_pricing = 'query { products(first: 10, channel: "default-channel") { edges { node { isAvailableForPurchase pricing { priceRange { start { gross { amount } } stop { gross { amount } } } } } } } }'
    without = 'query { products(first: 10, channel: "default-channel") { edges { node { isAvailableForPurchase } } } }'
    counts = []
    for document in (without, with_pricing):
        api_client.graphql(document)  # compiled first
        with CaptureQueriesContext(connection) as queries:
            content = api_client.graphql(document)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    ranges = [e["node"]["pricing"]["priceRange"] for e in data(content)["products"]["edges"]]
    assert [(r["start"]["gross"]["amount"], r["stop"]["gross"]["amount"]) for r in ranges] == [
        (100_000.0, 900_000.0),
        (200_000.0, 900_000.0),
        (300_000.0, 900_000.0),
    ]
