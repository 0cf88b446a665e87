"""The checkout fields and older mutations Saleor's storefront still uses: discounts and gift
cards (none exist), ``undiscountedUnitPrice``, gateway config, ``checkoutLineDelete`` and the
promo-code mutations (every code is unknown: Saleor's errors)."""

import pytest

from marketplace.checkout.models import Checkout, CheckoutLine
from tests.checkout_helpers import gid, shop_with_product, variant_id
from tests.conftest import ApiClient, client_for
from tests.factories import UserFactory
from tests.storefront_api.checkout.documents import (
    ADD_PROMO,
    CHECKOUT,
    CREATE,
    LINE_DELETE,
    LINES_ADD,
    REMOVE_PROMO,
    payload,
    run,
)

pytestmark = pytest.mark.django_db


def cart(client: ApiClient, *products) -> str:
    checkout_id = payload(client, CREATE, channel="default-channel")["checkout"]["id"]
    lines = [{"variantId": variant_id(p), "quantity": 2} for p in products]
    assert payload(client, LINES_ADD, id=checkout_id, lines=lines)["errors"] == []
    return checkout_id


def test_no_discount_no_gift_card_and_undiscounted_prices(seeded_channels):
    _, pot = shop_with_product(price=120_000)
    client = ApiClient()
    checkout = run(client, CHECKOUT, id=cart(client, pot))["checkout"]
    assert checkout["discount"] == {"currency": "VND", "amount": 0}
    assert (checkout["voucherCode"], checkout["discountName"], checkout["translatedDiscountName"]) == (
        None,
        None,
        None,
    )
    assert checkout["giftCards"] == []
    line = checkout["lines"][0]
    assert (
        line["undiscountedUnitPrice"] == line["unitPrice"]["gross"] == {"currency": "VND", "amount": 120_000}
    )
    assert (checkout["authorizeStatus"], checkout["chargeStatus"]) == ("NONE", "NONE")


def test_checkout_line_delete(seeded_channels):
    _, pot = shop_with_product(price=120_000)
    _, hat = shop_with_product(price=60_000)
    client = ApiClient()
    checkout_id = cart(client, pot, hat)
    lines = run(client, CHECKOUT, id=checkout_id)["checkout"]["lines"]
    deleted = payload(client, LINE_DELETE, id=checkout_id, lineId=lines[0]["id"])
    assert deleted["errors"] == [] and [line["id"] for line in deleted["checkout"]["lines"]] == [
        lines[1]["id"]
    ]
    again = payload(client, LINE_DELETE, id=checkout_id, lineId=lines[0]["id"])
    assert again["errors"][0]["code"] == "NOT_FOUND" and again["checkout"] is None
    assert payload(client, LINE_DELETE, id=checkout_id, lineId=None)["errors"] == [
        {"field": "lineId", "code": "NOT_FOUND", "message": "Couldn't resolve to a checkout line."}
    ]
    stranger = payload(client_for(UserFactory()), LINE_DELETE, id=checkout_id, lineId=lines[1]["id"])
    assert stranger["errors"] == []  # a guest's checkout: whoever holds its ID
    owner = client_for(UserFactory(email="chu@example.vn"))
    theirs = cart(owner, pot)
    their_line = run(owner, CHECKOUT, id=theirs)["checkout"]["lines"][0]["id"]
    for client_ in (ApiClient(), client_for(UserFactory(email="khac@example.vn"))):
        refused = payload(client_, LINE_DELETE, id=theirs, lineId=their_line)
        assert refused["errors"] == [
            {"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a checkout."}
        ]
    assert CheckoutLine.objects.filter(checkout_id=Checkout.objects.get(user__isnull=False).pk).count() == 1


def test_every_promo_code_is_unknown(seeded_channels):
    _, pot = shop_with_product(price=120_000)
    client = ApiClient()
    checkout_id = cart(client, pot)
    before = Checkout.objects.get().last_change
    for code in ("TET2027", "", "x" * 300):
        added = payload(client, ADD_PROMO, checkoutId=checkout_id, promoCode=code)
        assert added == {
            "errors": [{"field": "promoCode", "code": "INVALID", "message": "Promo code is invalid"}],
            "checkout": None,
        }
    removed = payload(client, REMOVE_PROMO, checkoutId=checkout_id, promoCode="TET2027")
    assert removed["errors"] == [
        {"field": "promoCode", "code": "NOT_FOUND", "message": "Promo code does not exists."}
    ]
    by_id = payload(client, REMOVE_PROMO, checkoutId=checkout_id, promoCodeId=gid("Voucher", 7))
    assert by_id == {"errors": [], "checkout": {"id": checkout_id, "voucherCode": None}}
    wrong = payload(client, REMOVE_PROMO, checkoutId=checkout_id, promoCodeId=gid("Product", 7))
    assert wrong["errors"] == [
        {"field": "promoCodeId", "code": "NOT_FOUND", "message": "Must receive Voucher or GiftCard id."}
    ]
    neither = payload(client, REMOVE_PROMO, checkoutId=checkout_id)
    assert neither["errors"] == [
        {
            "field": None,
            "code": "GRAPHQL_ERROR",
            "message": "At least one of arguments is required: 'promo_code', 'promo_code_id'.",
        }
    ]
    no_checkout = payload(client, ADD_PROMO, promoCode="TET2027")
    assert no_checkout["errors"][0]["code"] == "GRAPHQL_ERROR"
    assert Checkout.objects.get().last_change == before  # nothing written
