"""A seller app may ask for Vietnamese (``Accept-Language: vi``): its typed errors then read in
Vietnamese, numbers grouped the Vietnamese way, with the same ``field`` and ``code``; the
refused write changes nothing either way."""

import pytest

from storefront_api.core.ids import to_id
from tests.conftest import client_for
from tests.factories import channel

pytestmark = pytest.mark.django_db

PRICE = """mutation ($id: ID!, $channel: ID!, $price: PositiveDecimal!) { productVariantChannelListingUpdate(id: $id, input: [{channelId: $channel, price: $price}]) {
  errors { field code message } } }"""


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "Prices are below 1,000,000,000 VND."),
        ({"HTTP_ACCEPT_LANGUAGE": "vi-VN,vi;q=0.9"}, "Giá phải dưới 1.000.000.000 VND."),
    ],
)
def test_a_refused_price_in_the_clients_language(world, headers, message):
    variant = world.product.variants.first()
    variables = {
        "id": to_id("ProductVariant", variant.pk),
        "channel": to_id("Channel", channel().pk),
        "price": "1000000000",
    }
    response = client_for(world.owner).post_graphql(PRICE, variables, **headers)
    assert response.json()["data"]["productVariantChannelListingUpdate"]["errors"] == [
        {"field": "price", "code": "INVALID_PRICE", "message": message}
    ]
    assert variant.channel_listings.get().price_amount == 100_000
