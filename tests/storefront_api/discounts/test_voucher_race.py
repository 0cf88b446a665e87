"""Usage counted exactly once under concurrency: buyers racing for a voucher's last use get
one discount between them — real threads, each on its own PostgreSQL connection,
committing for real (a transactional test)."""

from collections import Counter

import pytest

from marketplace.checkout.models import Checkout
from marketplace.discounts.models import VoucherCode
from marketplace.orders.models import Order
from tests.checkout_helpers import op, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data
from tests.factories import UserFactory
from tests.marketplace.checkout.test_races import race
from tests.storefront_api.discounts.helpers import ADD, make_voucher

pytestmark = pytest.mark.django_db(transaction=True)

BUYERS = 6


def _outcomes(results):  # type: ignore[no-untyped-def]
    assert not [r for r in results if isinstance(r, Exception)], results
    return Counter("order" if r["order"] else r["errors"][0]["code"] for r in results)


def test_buyers_racing_for_the_last_use_get_one_discount(seeded_channels, settings):
    settings.CHECKOUT_RESERVATION_MINUTES = 0
    vendor, product = shop_with_product(price=100_000, stock=50)
    voucher = make_voucher(code="CUOI1", vendor=vendor, value=20, usage_limit=1)
    clients = [ApiClient() for _ in range(BUYERS)]
    checkout_ids = []
    for i, client in enumerate(clients):
        checkout_id = ready_checkout(client, [(product, 1)])
        op(client, "CheckoutEmailUpdate", id=checkout_id, email=f"b{i}@example.vn")
        assert (
            data(client.graphql(ADD, {"id": checkout_id, "code": "CUOI1"}))["checkoutAddPromoCode"]["errors"]
            == []
        )
        checkout_ids.append(checkout_id)

    results = race(lambda i: pay_and_complete(clients[i], checkout_ids[i]), BUYERS)

    assert _outcomes(results) == {"order": 1, "VOUCHER_NOT_APPLICABLE": BUYERS - 1}
    losers = [r for r in results if not r["order"]]
    assert {e["field"] for r in losers for e in r["errors"]} == {"voucherCode"}
    assert VoucherCode.objects.get(voucher=voucher).used == 1
    order = Order.objects.get()
    assert order.voucher_id == voucher.pk and order.discount_amount == 20_000
    # The losers wrote nothing: their checkouts are whole, with the code still on them.
    assert Checkout.objects.filter(voucher_code__isnull=False).count() == BUYERS - 1


def test_one_buyer_racing_with_two_carts_uses_a_once_per_buyer_voucher_once(seeded_channels, settings):
    settings.CHECKOUT_RESERVATION_MINUTES = 0
    _, product = shop_with_product(price=100_000, stock=50)
    voucher = make_voucher(code="MOTLAN", value=50_000, kind="FIXED", apply_once_per_customer=True)
    buyer = UserFactory(email="lan@example.vn")
    clients = [client_for(buyer), client_for(buyer)]
    checkout_ids = [ready_checkout(client, [(product, 1)]) for client in clients]
    for client, checkout_id in zip(clients, checkout_ids, strict=True):
        assert (
            data(client.graphql(ADD, {"id": checkout_id, "code": "MOTLAN"}))["checkoutAddPromoCode"]["errors"]
            == []
        )

    results = race(lambda i: pay_and_complete(clients[i], checkout_ids[i]), 2)

    assert _outcomes(results) == {"order": 1, "VOUCHER_NOT_APPLICABLE": 1}
    assert VoucherCode.objects.get(voucher=voucher).used == 1
    assert Order.objects.get().discount_amount == 50_000
