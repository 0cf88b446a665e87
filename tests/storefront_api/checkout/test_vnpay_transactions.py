"""VNPay through the transactions API: ``transactionInitialize`` answers CHARGE_ACTION_REQUIRED
with the signed payment URL in ``data``; only VNPay's IPN records the charge (a
TransactionEvent) and moves the checkout's statuses; ``transactionProcess`` shows where it
stands; ``checkoutComplete`` then places a paid order. Forged, replayed and altered
callbacks change nothing."""

import json
import logging
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core import mail

from marketplace.orders.models import Order
from marketplace.payments import vnpay
from marketplace.payments.models import PaymentCallback, TransactionEvent, TransactionItem
from tests.checkout_helpers import gid, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for
from tests.factories import UserFactory
from tests.storefront_api.checkout.documents import (
    CHECKOUT,
    ORDER,
    TRANSACTION_PROCESS,
    complete,
    dummy,
    initialize,
    payload,
    run,
)
from tests.storefront_api.checkout.test_vnpay import SECRET, call_ipn

pytestmark = pytest.mark.django_db

VNPAY = {"id": "vn.vnpay"}
TOTAL = 625_000  # 2 x 300,000 and a Hà Nội parcel of 1 kg


@pytest.fixture(autouse=True)
def vnpay_merchant(settings):
    settings.VNPAY_TMN_CODE = "LANGNGHE"
    settings.VNPAY_HASH_SECRET = SECRET
    settings.VNPAY_PAYMENT_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"


def ipn(item: TransactionItem, amount: int = TOTAL, **overrides: str) -> dict[str, str]:
    params = {
        "vnp_TmnCode": "LANGNGHE",
        "vnp_Amount": str(amount * 100),
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": "Thanh toan",
        "vnp_PayDate": "20261201103000",
        "vnp_ResponseCode": "00",
        "vnp_TransactionNo": "14422574",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": item.psp_reference,
    }
    params.update(overrides)
    params["vnp_SecureHash"] = vnpay.sign(params, SECRET)
    return params


@pytest.fixture
def started(seeded_channels):
    _, product = shop_with_product(price=300_000, stock=3)
    buyer = client_for(UserFactory(email="khach@example.vn"))
    checkout_id = ready_checkout(buyer, [(product, 2)])
    answer = initialize(buyer, checkout_id, VNPAY)
    return buyer, checkout_id, answer


def test_initialize_asks_the_buyer_to_pay_on_vnpay(started):
    buyer, checkout_id, answer = started
    assert answer["errors"] == []
    assert answer["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    assert answer["transaction"]["chargedAmount"]["amount"] == 0
    item = TransactionItem.objects.get()
    assert answer["data"]["txnRef"] == item.psp_reference == answer["transaction"]["pspReference"]
    url = urlsplit(answer["data"]["redirectUrl"])
    query = dict(parse_qsl(url.query))
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    assert query["vnp_Amount"] == str(TOTAL * 100) and query["vnp_TxnRef"] == item.psp_reference
    assert query["vnp_SecureHash"] == vnpay.sign(query, SECRET)
    checkout = run(buyer, CHECKOUT, id=checkout_id)["checkout"]
    assert (checkout["authorizeStatus"], checkout["chargeStatus"]) == ("NONE", "NONE")
    assert complete(buyer, checkout_id)["errors"][0]["code"] == "CHECKOUT_NOT_FULLY_PAID"
    # Until VNPay calls, processing shows the same event and a fresh link for the same reference.
    waiting = payload(buyer, TRANSACTION_PROCESS, id=answer["transaction"]["id"])
    assert waiting["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    assert waiting["data"]["txnRef"] == item.psp_reference
    assert TransactionEvent.objects.count() == 2  # the request and the action required, no more


def test_the_ipn_records_the_charge_once_and_the_order_is_placed_paid(started):
    buyer, checkout_id, answer = started
    item = TransactionItem.objects.get()
    assert call_ipn(ipn(item)) == {"RspCode": "00", "Message": "Confirm Success"}
    checkout = run(buyer, CHECKOUT, id=checkout_id)["checkout"]
    assert (checkout["authorizeStatus"], checkout["chargeStatus"]) == ("FULL", "FULL")
    processed = payload(buyer, TRANSACTION_PROCESS, id=answer["transaction"]["id"])
    assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert processed["transactionEvent"]["pspReference"] == "14422574"
    assert processed["transaction"]["chargedAmount"]["amount"] == TOTAL
    assert processed["data"] is None
    # A replay is "already confirmed" and records nothing.
    assert call_ipn(ipn(item)) == {"RspCode": "02", "Message": "Order already confirmed"}
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    assert [c.transaction_id for c in PaymentCallback.objects.all()] == [item.pk, item.pk]

    completed = complete(buyer, checkout_id)
    assert completed["errors"] == [] and completed["confirmationNeeded"] is False
    order = Order.objects.get()
    assert (order.status, order.total_charged_amount, order.gateway) == ("UNFULFILLED", TOTAL, "vn.vnpay")
    shown = run(buyer, ORDER, id=completed["order"]["id"])["order"]
    assert (shown["chargeStatus"], shown["authorizeStatus"], shown["isPaid"]) == ("FULL", "FULL", True)
    assert mail.outbox and mail.outbox[0].to == ["lan@example.vn"]  # the confirmation, at completion
    # The order's transaction still answers transactionProcess.
    assert payload(buyer, TRANSACTION_PROCESS, id=answer["transaction"]["id"])["transactionEvent"][
        "type"
    ] == ("CHARGE_SUCCESS")


def test_altered_forged_and_failed_callbacks(started):
    buyer, checkout_id, _ = started
    item = TransactionItem.objects.get()
    assert call_ipn(ipn(item, amount=1)) == {"RspCode": "04", "Message": "Invalid amount"}
    forged = ipn(item)
    forged["vnp_SecureHash"] = "0" * 128
    assert call_ipn(forged) == {"RspCode": "97", "Message": "Invalid signature"}
    assert TransactionEvent.objects.count() == 2 and TransactionItem.objects.get().charged_value == 0
    failed = ipn(item, vnp_ResponseCode="24", vnp_TransactionStatus="02", vnp_TransactionNo="111")
    assert call_ipn(failed) == {"RspCode": "00", "Message": "Confirm Success"}
    assert call_ipn(failed) == {
        "RspCode": "02",
        "Message": "Order already confirmed",
    }  # the same failure again
    assert TransactionEvent.objects.filter(type="CHARGE_FAILURE").count() == 1
    assert (
        payload(buyer, TRANSACTION_PROCESS, token=str(item.token))["transactionEvent"]["type"]
        == "CHARGE_FAILURE"
    )
    # The buyer tries again and pays: the success still lands.
    assert call_ipn(ipn(item, vnp_TransactionNo="222")) == {"RspCode": "00", "Message": "Confirm Success"}
    assert TransactionItem.objects.get().charged_value == TOTAL
    assert (
        payload(buyer, TRANSACTION_PROCESS, token=str(item.token))["transactionEvent"]["type"]
        == "CHARGE_SUCCESS"
    )
    # A second success with another VNPay transaction number: a second payment, refund it.
    assert call_ipn(ipn(item, vnp_TransactionNo="333")) == {
        "RspCode": "02",
        "Message": "Order already confirmed",
    }
    assert TransactionItem.objects.get().charged_value == TOTAL


def test_a_late_payment_of_an_order_paid_otherwise_is_recorded_and_flagged(started, settings, caplog):
    buyer, checkout_id, _ = started
    settings.PAYMENT_DUMMY_ENABLED = True
    vnpay_item = TransactionItem.objects.get()
    assert initialize(buyer, checkout_id, dummy("CHARGE_SUCCESS"))["errors"] == []
    assert complete(buyer, checkout_id)["errors"] == []
    order = Order.objects.get()
    assert TransactionItem.objects.filter(order=order).count() == 2  # both moved to the order
    with caplog.at_level(logging.ERROR):
        assert call_ipn(ipn(vnpay_item)) == {"RspCode": "00", "Message": "Confirm Success"}
    order.refresh_from_db()
    assert order.total_charged_amount == 2 * TOTAL
    shown = run(buyer, ORDER, id=gid("Order", order.pk))["order"]
    assert shown["chargeStatus"] == "OVERCHARGED" and shown["totalBalance"]["amount"] == TOTAL
    assert any(
        "overcharged" in record.getMessage() for record in caplog.records if record.levelno == logging.ERROR
    )


def test_an_unconfigured_vnpay_is_not_offered(seeded_channels, settings):
    settings.VNPAY_TMN_CODE = ""
    _, product = shop_with_product(price=300_000, stock=3)
    client = ApiClient()
    checkout_id = ready_checkout(client, [(product, 1)])
    assert initialize(client, checkout_id, VNPAY)["errors"][0]["code"] == "NOT_FOUND"
    assert json.dumps(run(client, CHECKOUT, id=checkout_id)).find("vn.vnpay") == -1
