"""``checkoutLinesUpdate`` with lines named by ``variantId``: the lookup is the service's."""

import pytest

from marketplace.checkout.models import CheckoutLine
from tests.checkout_helpers import create, op, shop_with_product, variant_id
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_lines_update_by_variant(seeded_channels):
    _, product = shop_with_product(stock=10)
    _, other = shop_with_product(stock=10)
    client = ApiClient()
    checkout_id = create(client, [(product, 1)])["checkout"]["id"]
    updated = op(
        client,
        "CheckoutLinesUpdate",
        id=checkout_id,
        lines=[{"variantId": variant_id(product), "quantity": 3}],
    )
    assert updated["checkoutLinesUpdate"]["errors"] == []
    assert updated["checkoutLinesUpdate"]["checkout"]["lines"][0]["quantity"] == 3
    missing = op(
        client, "CheckoutLinesUpdate", id=checkout_id, lines=[{"variantId": variant_id(other), "quantity": 1}]
    )
    assert missing["checkoutLinesUpdate"]["errors"] == [
        {
            "field": "variantId",
            "code": "NOT_FOUND",
            "message": "The variant is not in the checkout.",
            "variants": [variant_id(other)],
        }
    ]
    assert list(CheckoutLine.objects.values_list("quantity", flat=True)) == [3]
