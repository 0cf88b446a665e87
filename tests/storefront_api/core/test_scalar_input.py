"""Scalar values that cannot be stored or computed with are refused where they are read
(HTTP 400 with the scalar's message), never an INTERNAL_ERROR, never a row that cannot be
read back; nothing changes on a refused request."""

import json
from decimal import Decimal

import pytest

from marketplace.catalog.models import Product, ProductChannelListing, ProductVariantChannelListing
from storefront_api.core.ids import to_id
from tests.conftest import client_for, error_codes
from tests.factories import ProductTypeFactory, UserFactory, VendorFactory, listed_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(db):
    return client_for(UserFactory(is_staff=True, is_superuser=True))


def assert_refused(response, message: str) -> None:
    assert response.status_code == 400, response.content
    content = response.json()
    assert "data" not in content
    assert "INTERNAL_ERROR" not in error_codes(content)
    assert message in content["errors"][0]["message"]


PRICE = """mutation ($id: ID!, $channel: ID!, $price: PositiveDecimal!) {
  productVariantChannelListingUpdate(id: $id, input: [{channelId: $channel, price: $price}]) {
    errors { field code } } }"""


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("1e400", "PositiveDecimal must be below 100,000,000,000,000,000."),
        ("1e30", "PositiveDecimal must be below"),
        (1e300, "PositiveDecimal must be below"),
        ("9" * 200, "PositiveDecimal must be below"),
        ("1e999999999", "PositiveDecimal must be below"),
        ("NaN", "PositiveDecimal must be a finite number."),
        ("Infinity", "PositiveDecimal must be a finite number."),
        ("-1", "PositiveDecimal must be zero or more."),
        ("cheap", "PositiveDecimal cannot represent 'cheap'."),
    ],
)
def test_a_price_out_of_any_column_is_refused(seeded_channels, superuser_client, price, message):
    product = listed_product(prices=(150_000,))
    variant = product.variants.get()
    variables = {
        "id": to_id("ProductVariant", variant.pk),
        "channel": to_id("Channel", seeded_channels["default-channel"].pk),
        "price": price,
    }
    assert_refused(superuser_client.post_graphql(PRICE, variables), message)
    assert ProductVariantChannelListing.objects.get(variant=variant).price_amount == Decimal(150_000)


CREATE = """mutation ($type: ID!, $vendor: ID!, $description: JSONString) {
  productCreate(input: {name: "Bình gốm", productType: $type, vendor: $vendor, description: $description}) {
    product { id } errors { field code } } }"""


def paragraph(text_json: str) -> str:
    return '{"blocks": [{"type": "paragraph", "data": {"text": ' + text_json + "}}]}"


@pytest.mark.parametrize(
    ("description", "message"),
    [
        (paragraph('"gốm\\u0000men"'), "the NUL character"),
        (paragraph('"\\ud800"'), "a lone surrogate"),
        ('{"blocks": [], "\\udfff": 1}', "a lone surrogate"),
        ('{"blocks": [], "time": 1e400}', "the number 1e400 is too large"),
        ('{"blocks": [], "time": NaN}', "NaN is not JSON"),
        ('{"blocks": [], "time": -Infinity}', "-Infinity is not JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=["nul", "surrogate", "surrogate-key", "huge-number", "nan", "infinity", "deep"],
)
def test_json_that_jsonb_cannot_hold_is_refused(seeded_channels, superuser_client, description, message):
    variables = {
        "type": to_id("ProductType", ProductTypeFactory().pk),
        "vendor": to_id("Vendor", VendorFactory().pk),
        "description": description,
    }
    assert_refused(superuser_client.post_graphql(CREATE, variables), message)
    assert not Product.objects.exists()
    if len(description) < 1000:  # the same value written in the query text
        inline = CREATE.replace(", $description: JSONString", "").replace(
            "$description", json.dumps(description)
        )
        del variables["description"]
        assert_refused(superuser_client.post_graphql(inline, variables), message)
        assert not Product.objects.exists()


def test_ordinary_json_is_still_accepted(seeded_channels, superuser_client):
    variables = {
        "type": to_id("ProductType", ProductTypeFactory().pk),
        "vendor": to_id("Vendor", VendorFactory().pk),
        "description": paragraph('"Gốm men lam, 1.5 kg"'),
    }
    response = superuser_client.post_graphql(CREATE, variables)
    assert response.status_code == 200
    assert response.json()["data"]["productCreate"]["errors"] == []


PUBLISH = """mutation ($id: ID!, $channel: ID!, $at: DateTime) {
  productChannelListingUpdate(id: $id, input: {updateChannels: [{channelId: $channel, isPublished: true, publishedAt: $at}]}) {
    errors { field code } } }"""


@pytest.mark.parametrize(
    "published_at",
    ["9999-12-31T23:59:59-14:00", "9999-12-31", "0001-01-01T00:00:00+14:00", "0001-06-01T00:00:00Z"],
)
def test_a_date_time_that_cannot_be_read_back_is_refused(seeded_channels, superuser_client, published_at):
    """PostgreSQL stored the year 10000 (UTC) and every later read of the product failed."""
    product = listed_product()
    listing = ProductChannelListing.objects.get(product=product)
    before = listing.published_at
    variables = {
        "id": to_id("Product", product.pk),
        "channel": to_id("Channel", seeded_channels["default-channel"].pk),
        "at": published_at,
    }
    assert_refused(
        superuser_client.post_graphql(PUBLISH, variables), "DateTime must be within the years 2 to 9998."
    )
    listing.refresh_from_db()
    assert listing.published_at == before
    read = superuser_client.post_graphql(
        'query ($id: ID!) { product(id: $id, channel: "default-channel") { name isAvailable } }',
        {"id": variables["id"]},
    )
    assert read.status_code == 200 and read.json()["data"]["product"]["name"] == product.name


def test_a_far_but_readable_date_time_is_stored(seeded_channels, superuser_client):
    product = listed_product()
    variables = {
        "id": to_id("Product", product.pk),
        "channel": to_id("Channel", seeded_channels["default-channel"].pk),
        "at": "9998-12-31T23:59:59+07:00",
    }
    response = superuser_client.post_graphql(PUBLISH, variables)
    assert (
        response.status_code == 200 and response.json()["data"]["productChannelListingUpdate"]["errors"] == []
    )
    assert ProductChannelListing.objects.get(product=product).published_at.year == 9998
