"""Done-when: a customer pays by VNPay, confirmed by a simulated signed IPN; forged,
replayed and amount-altered callbacks are refused with VNPay's codes and change nothing;
unpaid orders expire and release their stock."""

import json
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from marketplace.accounts.actors import SYSTEM
from marketplace.inventory.models import Stock
from marketplace.orders.models import Order
from marketplace.orders.services import expire_unpaid_orders
from marketplace.payments import vnpay
from marketplace.payments.models import Payment, PaymentCallback
from tests.checkout_helpers import op, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient
from tests.factories import UserFactory
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

SECRET = "TESTSECRETKEY0123456789ABCDEFGHIJ"


@pytest.fixture(autouse=True)
def vnpay_merchant(settings):
    settings.VNPAY_TMN_CODE = "LANGNGHE"
    settings.VNPAY_HASH_SECRET = SECRET
    settings.VNPAY_PAYMENT_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"


def ipn_params(payment: Payment, **overrides: str) -> dict[str, str]:
    """What VNPay's server sends to the IPN URL, signed with the merchant's secret."""
    params = {
        "vnp_TmnCode": "LANGNGHE",
        "vnp_Amount": str(int(payment.total) * 100),
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": "VNP14422574",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": "Thanh toan don hang",
        "vnp_PayDate": "20261201103000",
        "vnp_ResponseCode": "00",
        "vnp_TransactionNo": "14422574",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": payment.psp_reference,
    }
    params.update(overrides)
    params["vnp_SecureHash"] = vnpay.sign(params, SECRET)  # type: ignore[arg-type]
    return params  # type: ignore[return-value]


def call_ipn(params: dict[str, str]) -> dict[str, str]:
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = ApiClient().get("/payments/vnpay/ipn/", params)
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def vnpay_order(seeded_channels, customer_api_client):
    vendor, product = shop_with_product(price=300_000, stock=3)
    VendorMember.objects.create(
        vendor=vendor, user=UserFactory(email="xuong@example.vn"), role=VendorMemberRole.OWNER
    )
    checkout_id = ready_checkout(customer_api_client, [(product, 2)])
    completed = pay_and_complete(customer_api_client, checkout_id, "vn.vnpay")
    completed["checkoutId"] = checkout_id
    return completed, Order.objects.get(), Payment.objects.get()


def test_checkout_complete_asks_for_confirmation_with_a_signed_url(vnpay_order, customer_api_client):
    completed, order, payment = vnpay_order
    assert completed["errors"] == []
    assert completed["confirmationNeeded"] is True
    assert completed["order"]["status"] == "UNCONFIRMED"
    assert completed["order"]["isPaid"] is False
    data = json.loads(completed["confirmationData"])
    url = urlsplit(data["redirectUrl"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    query = dict(parse_qsl(url.query))
    assert query["vnp_Amount"] == str(int(order.total_gross_amount) * 100)
    assert query["vnp_TxnRef"] == payment.psp_reference == data["txnRef"]
    assert (
        query["vnp_TmnCode"] == "LANGNGHE"
        and query["vnp_Command"] == "pay"
        and query["vnp_CurrCode"] == "VND"
    )
    assert query["vnp_SecureHash"] == vnpay.sign(query, SECRET)  # VNPay can verify what we signed
    assert payment.charge_status == "PENDING"
    assert Stock.objects.get().quantity_allocated == 2  # held while the buyer pays
    assert mail.outbox == []  # nothing is confirmed before the IPN
    # The storefront retries: the same order, still waiting for the payment, and (as in
    # Saleor) no confirmation data on a repeat: the first answer carried the link.
    again = op(customer_api_client, "CheckoutComplete", id=completed["checkoutId"])["checkoutComplete"]
    assert again["errors"] == [] and again["order"]["id"] == completed["order"]["id"]
    assert again["confirmationNeeded"] is False
    assert json.loads(again["confirmationData"]) == {}
    assert Order.objects.count() == 1 and Payment.objects.count() == 1


def test_a_signed_ipn_confirms_the_order_once(vnpay_order):
    completed, order, payment = vnpay_order
    assert call_ipn(ipn_params(payment)) == {"RspCode": "00", "Message": "Confirm Success"}
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == "UNFULFILLED" and order.charge_status == "FULLY_CHARGED"
    assert payment.charge_status == "FULLY_CHARGED" and payment.provider_transaction_id == "14422574"
    assert set(order.vendor_orders.values_list("status", "is_paid")) == {("UNFULFILLED", True)}
    assert sorted(m.to[0] for m in mail.outbox) == [order.user_email, "xuong@example.vn"]
    assert mail.outbox[0].subject == f"Đơn hàng #{order.number} đã được đặt"

    replay = call_ipn(ipn_params(payment))
    assert replay == {"RspCode": "02", "Message": "Order already confirmed"}
    assert len(mail.outbox) == 2  # nothing happened again
    assert list(PaymentCallback.objects.values_list("response_code", flat=True)) == ["00", "02"]
    read = op(ApiClient(), "OrderById", id=completed["order"]["id"])["order"]
    assert read["isPaid"] is True and read["paymentStatus"] == "FULLY_CHARGED"


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        ("forged", {"RspCode": "97", "Message": "Invalid signature"}),
        ("amount", {"RspCode": "04", "Message": "Invalid amount"}),
        ("unknown_ref", {"RspCode": "01", "Message": "Order not found"}),
        ("other_merchant", {"RspCode": "01", "Message": "Order not found"}),
        ("garbage", {"RspCode": "97", "Message": "Invalid signature"}),
    ],
)
def test_bad_callbacks_are_refused_and_change_nothing(vnpay_order, tamper, expected):
    _, order, payment = vnpay_order
    if tamper == "forged":
        params = ipn_params(payment)
        params["vnp_Amount"] = "100"  # changed after signing
    elif tamper == "amount":
        params = ipn_params(payment, vnp_Amount=str(int(payment.total) * 100 - 100))  # signed, but wrong
    elif tamper == "unknown_ref":
        params = ipn_params(payment, vnp_TxnRef="0" * 32)
    elif tamper == "other_merchant":
        params = ipn_params(payment, vnp_TmnCode="SOMEONE")
    else:
        params = {"vnp_SecureHash": "x" * 5000, "vnp_Amount": "-1", "foo": "bar"}
    assert call_ipn(params) == expected
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == "UNCONFIRMED" and payment.charge_status == "PENDING"
    if tamper in ("forged", "garbage"):  # not VNPay's: logged (rate-limited), never stored
        assert not PaymentCallback.objects.exists()
    else:
        callback = PaymentCallback.objects.get()
        assert callback.response_code == expected["RspCode"]
        assert callback.signature_valid is True


def test_a_failed_payment_is_recorded_and_the_order_waits_to_expire(vnpay_order):
    _, order, payment = vnpay_order
    failed = ipn_params(payment, vnp_ResponseCode="24", vnp_TransactionStatus="02")  # buyer canceled
    assert call_ipn(failed) == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.charge_status == "REFUSED" and order.status == "UNCONFIRMED"


def test_unpaid_orders_expire_and_release_their_stock(vnpay_order, settings):
    _, order, payment = vnpay_order
    assert expire_unpaid_orders(actor=SYSTEM) == 0  # still inside the payment window
    later = timezone.now() + timedelta(
        minutes=settings.VNPAY_PAYMENT_MINUTES + settings.VNPAY_GRACE_MINUTES + 1
    )
    assert expire_unpaid_orders(actor=SYSTEM, now=later) == 1
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == "EXPIRED" and payment.charge_status == "CANCELLED"
    assert Stock.objects.get().quantity_allocated == 0
    assert set(order.vendor_orders.values_list("status", flat=True)) == {"CANCELED"}
    late = call_ipn(ipn_params(payment))  # VNPay's late success cannot revive it
    assert late["RspCode"] == "02"
    order.refresh_from_db()
    assert order.status == "EXPIRED"
    assert expire_unpaid_orders(actor=SYSTEM, now=later) == 0  # idempotent


def test_a_success_after_a_recorded_failure_confirms_the_unpaid_order(vnpay_order, caplog):
    """The buyer's first attempt failed (a wrong OTP), the second one paid: the money must
    not be lost behind an "already confirmed"."""
    _, order, payment = vnpay_order
    failed = ipn_params(payment, vnp_ResponseCode="99", vnp_TransactionStatus="02", vnp_TransactionNo="1")
    assert call_ipn(failed) == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    assert payment.charge_status == "REFUSED"
    assert call_ipn(failed) == {"RspCode": "02", "Message": "Order already confirmed"}  # a replay
    paid = ipn_params(payment, vnp_TransactionNo="2")
    assert call_ipn(paid) == {"RspCode": "00", "Message": "Confirm Success"}
    order.refresh_from_db()
    payment.refresh_from_db()
    assert (order.status, order.charge_status) == ("UNFULFILLED", "FULLY_CHARGED")
    assert (payment.charge_status, payment.provider_transaction_id) == ("FULLY_CHARGED", "2")
    assert set(order.vendor_orders.values_list("status", "is_paid")) == {("UNFULFILLED", True)}
    assert sorted(m.to[0] for m in mail.outbox) == [order.user_email, "xuong@example.vn"]
    assert call_ipn(paid) == {"RspCode": "02", "Message": "Order already confirmed"}
    assert len(mail.outbox) == 2
    assert list(PaymentCallback.objects.values_list("response_code", flat=True)) == ["00", "02", "00", "02"]


def _warnings(caplog) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "marketplace.payments.ipn" and r.levelno >= 30
    ]


def test_every_mismatch_is_logged(vnpay_order, caplog, settings):
    _, order, payment = vnpay_order
    caplog.set_level("INFO", logger="marketplace.payments.ipn")
    call_ipn(ipn_params(payment, vnp_Amount="100"))
    call_ipn(ipn_params(payment, vnp_TxnRef="0" * 32))
    call_ipn(ipn_params(payment, vnp_TmnCode="SOMEONE"))
    assert call_ipn(ipn_params(payment, vnp_TransactionNo="7"))["RspCode"] == "00"
    call_ipn(ipn_params(payment, vnp_TransactionNo="8"))  # a second payment of the same order
    call_ipn(ipn_params(payment, vnp_TransactionNo="7", vnp_ResponseCode="24", vnp_TransactionStatus="02"))
    ref = payment.psp_reference
    assert _warnings(caplog) == [
        f"VNPay IPN mismatch (04): amount 100 for {ref}, expected {int(payment.total) * 100}",
        f"VNPay IPN mismatch (01): unknown reference {'0' * 32}",
        "VNPay IPN mismatch (01): merchant code 'SOMEONE' is not ours",
        f"VNPay IPN mismatch (02): order #{order.number} ({ref}) is UNFULFILLED, payment FULLY_CHARGED by "
        "transaction 7; VNPay reports transaction 8 paid: refund it",
        f"VNPay IPN mismatch (02): order #{order.number} ({ref}) is UNFULFILLED, payment FULLY_CHARGED by "
        "transaction 7; VNPay reports transaction 7 failed (24)",
    ]


def test_a_success_for_an_expired_order_is_answered_and_logged_for_a_refund(vnpay_order, caplog, settings):
    _, order, payment = vnpay_order
    call_ipn(ipn_params(payment, vnp_ResponseCode="24", vnp_TransactionStatus="02", vnp_TransactionNo="1"))
    later = timezone.now() + timedelta(
        minutes=settings.VNPAY_PAYMENT_MINUTES + settings.VNPAY_GRACE_MINUTES + 1
    )
    assert expire_unpaid_orders(actor=SYSTEM, now=later) == 1
    late = call_ipn(ipn_params(payment, vnp_TransactionNo="2"))
    assert late == {"RspCode": "02", "Message": "Order already confirmed"}
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == "EXPIRED" and payment.charge_status == "REFUSED"
    assert Stock.objects.get().quantity_allocated == 0
    assert _warnings(caplog) == [
        f"VNPay IPN mismatch (02): order #{order.number} ({payment.psp_reference}) is EXPIRED, payment "
        "REFUSED; VNPay reports transaction 2 paid: refund it"
    ]
    assert PaymentCallback.objects.filter(response_code="02", signature_valid=True).count() == 1


def test_forged_callbacks_are_logged_without_flooding_and_never_stored(vnpay_order, caplog, monkeypatch):
    import marketplace.core.rate_limits as rate_limits

    _, order, payment = vnpay_order
    clock = [1_000_000_020.0]
    monkeypatch.setattr(rate_limits.time, "time", lambda: clock[0])
    forged = ipn_params(payment)
    forged["vnp_Amount"] = "1"
    for _ in range(50):
        assert call_ipn(forged) == {"RspCode": "97", "Message": "Invalid signature"}
    assert not PaymentCallback.objects.exists()
    logged = _warnings(caplog)
    assert len(logged) == 11
    assert all(
        line.startswith("VNPay IPN with an invalid signature from 127.0.0.1: ") for line in logged[:10]
    )
    assert (
        logged[10] == "VNPay IPNs with an invalid signature: more than 10 this minute, the rest are counted"
    )
    caplog.clear()
    clock[0] += 60  # the next minute: its first one summarises the last
    call_ipn(forged)
    assert _warnings(caplog)[0] == "VNPay IPNs with an invalid signature: 50 in the previous minute"
    order.refresh_from_db()
    assert order.status == "UNCONFIRMED"
