"""Money invariants of the transactions API under concurrency — real threads, each on its
own PostgreSQL connection, committing for real: never a double charge, never an order whose
charged amount differs from what its transactions charged."""

from collections import Counter
from decimal import Decimal

import pytest
from django.test import TestCase

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from marketplace.payments.models import TransactionEvent, TransactionItem
from tests.checkout_helpers import ready_checkout, shop_with_product
from tests.conftest import ApiClient
from tests.marketplace.checkout.test_races import race
from tests.storefront_api.checkout.documents import TRANSACTION_PROCESS, complete, dummy, initialize, payload
from tests.storefront_api.checkout.test_vnpay import SECRET
from tests.storefront_api.checkout.test_vnpay_transactions import ipn

pytestmark = pytest.mark.django_db(transaction=True)

TOTAL = Decimal(225_000)  # 2 x 100,000 and a Hà Nội parcel of 1 kg


@pytest.fixture(autouse=True)
def gateways(settings):
    settings.PAYMENT_DUMMY_ENABLED = True
    settings.VNPAY_TMN_CODE = "LANGNGHE"
    settings.VNPAY_HASH_SECRET = SECRET


@pytest.fixture
def checkout_id(seeded_channels) -> str:
    _, product = shop_with_product(price=100_000, stock=5)
    return ready_checkout(ApiClient(), [(product, 2)])


def charged() -> Decimal:
    return sum(
        (item.charged_value + item.charge_pending_value for item in TransactionItem.objects.all()), Decimal(0)
    )


def test_concurrent_initializations_charge_the_total_once(checkout_id):
    results = race(
        lambda i: initialize(ApiClient(), checkout_id, dummy("CHARGE_SUCCESS"), amount=int(TOTAL)), 6
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    outcomes = Counter(r["errors"][0]["code"] if r["errors"] else "charged" for r in results)
    assert outcomes == {"charged": 1, "INVALID": 5}
    assert charged() == TOTAL
    assert TransactionItem.objects.count() == 1


def test_transaction_process_racing_the_ipn_records_one_charge(checkout_id):
    buyer = ApiClient()
    started = initialize(buyer, checkout_id, {"id": "vn.vnpay"})
    item = TransactionItem.objects.get()
    params = ipn(item, amount=int(TOTAL))

    def work(index: int):
        if index % 2:
            with TestCase.captureOnCommitCallbacks(execute=True):
                return ApiClient().get("/payments/vnpay/ipn/", params).json()
        return payload(buyer, TRANSACTION_PROCESS, id=started["transaction"]["id"])

    results = race(work, 8)
    assert not [r for r in results if isinstance(r, Exception)], results
    replies = Counter(r["RspCode"] for r in results if "RspCode" in r)
    assert replies == {"00": 1, "02": 3}
    processed = [r for r in results if "transactionEvent" in r]
    assert all(r["errors"] == [] for r in processed)
    assert {r["transactionEvent"]["type"] for r in processed} <= {"CHARGE_ACTION_REQUIRED", "CHARGE_SUCCESS"}
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    assert charged() == TOTAL


def test_concurrent_processing_of_one_session_charges_once(checkout_id):
    buyer = ApiClient()
    started = initialize(buyer, checkout_id, dummy("CHARGE_ACTION_REQUIRED"))
    results = race(
        lambda i: payload(buyer, TRANSACTION_PROCESS, id=started["transaction"]["id"], data=dummy()["data"]),
        6,
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert {r["transactionEvent"]["type"] for r in results} == {"CHARGE_SUCCESS"}
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    assert charged() == TOTAL


@pytest.mark.parametrize("round_", range(3))
def test_checkout_complete_racing_the_last_payment(checkout_id, round_):
    """Half is paid; the buyer pays the rest while (another tab) completes. Whatever wins,
    an order's charged amount is exactly its transactions', and no money is left behind."""
    buyer = ApiClient()
    assert initialize(buyer, checkout_id, dummy("CHARGE_SUCCESS"), amount=100_000)["errors"] == []

    def work(index: int):
        if index == 0:
            return complete(buyer, checkout_id)
        return initialize(buyer, checkout_id, dummy("CHARGE_SUCCESS"))

    results = race(work, 2)
    assert not [r for r in results if isinstance(r, Exception)], results
    completion, payment = results
    if completion["errors"]:  # completion came first: not fully paid, the payment then landed
        assert completion["errors"][0]["code"] == "CHECKOUT_NOT_FULLY_PAID"
        assert payment["errors"] == [] and Order.objects.count() == 0
        assert Checkout.objects.count() == 1 and charged() == TOTAL
    else:  # the payment came first, or found the checkout gone
        order = Order.objects.get()
        assert order.total_charged_amount == sum(i.charged_value for i in order.payment_transactions.all())
        assert order.total_charged_amount == TOTAL
        assert payment["errors"] == [] or payment["errors"][0]["code"] == "NOT_FOUND"
        assert not TransactionItem.objects.filter(checkout__isnull=True, order__isnull=True).exists()
        assert charged() == TOTAL


def test_concurrent_completions_of_a_paid_checkout_place_one_order(checkout_id):
    buyer = ApiClient()
    assert initialize(buyer, checkout_id, dummy("CHARGE_SUCCESS"))["errors"] == []
    results = race(lambda i: complete(buyer, checkout_id), 5)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert all(r["errors"] == [] for r in results)
    assert len({r["order"]["id"] for r in results}) == 1
    order = Order.objects.get()
    assert order.total_charged_amount == TOTAL and order.payment_transactions.count() == 1
