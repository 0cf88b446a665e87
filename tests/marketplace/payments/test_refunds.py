"""Refunds through what paid (``marketplace.payments.refunds``): VNPay's refund API against a
local server that checks every signature, its answer codes, a timeout, idempotent retries;
cash on delivery as the shop's transfer; a canceled VNPay order refunded; who may refund."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.permissions import PermissionEnum
from marketplace.checkout.complete import checkout_complete
from marketplace.orders.models import Order, OrderGrantedRefund
from marketplace.orders.services import order_cancel, vendor_order_mark_paid
from marketplace.payments import ipn, refunds, vnpay
from marketplace.payments.models import Payment, ProviderRefundRequest, TransactionEvent, TransactionItem
from tests.checkout_helpers import shop_with_product
from tests.conftest import grant
from tests.factories import UserFactory
from tests.service_helpers import (
    error_codes,
    member_of,
    part_of,
    place_order,
    ready_checkout,
    refused_callers,
    snapshot,
)
from tests.vnpay_server import SECRET, TMN

pytestmark = pytest.mark.django_db

TOTAL = Decimal(625_000)  # 2 x 300,000 and a Hà Nội parcel of 1 kg


def staff():  # type: ignore[no-untyped-def]
    user = UserFactory(is_staff=True)
    grant(user, PermissionEnum.MANAGE_ORDERS)
    return user


def confirm_vnpay(order: Order) -> Order:
    """VNPay's IPN confirms the order's payment (signed as VNPay signs it)."""
    payment = Payment.objects.get(order=order)
    params = {
        "vnp_TmnCode": TMN,
        "vnp_Amount": str(int(payment.total) * 100),
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": "Thanh toan",
        "vnp_PayDate": "20261201103000",
        "vnp_ResponseCode": "00",
        "vnp_TransactionNo": "14422574",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": payment.psp_reference,
    }
    params["vnp_SecureHash"] = vnpay.sign(params, SECRET)  # type: ignore[arg-type]
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert ipn.handle_ipn(params, remote_addr="127.0.0.1")["RspCode"] == "00"  # type: ignore[arg-type]
    return Order.objects.get(pk=order.pk)


@pytest.fixture
def vnpay_order(seeded_channels, fake_vnpay):  # type: ignore[no-untyped-def]
    vendor, product = shop_with_product(price=300_000, stock=5)
    order = confirm_vnpay(place_order([(product, 2)], gateway="vn.vnpay"))
    assert (order.total_charged_amount, order.status) == (TOTAL, "UNFULFILLED")
    order.vendor = vendor
    return order


def test_a_partial_refund_is_signed_sent_and_recorded(vnpay_order, fake_vnpay):
    refund = refunds.order_refund(actor=staff(), order=vnpay_order, amount=Decimal(300_000))
    assert refund.status == "SUCCESS"
    [sent] = fake_vnpay.received
    assert fake_vnpay.bad_signatures == 0
    payment = Payment.objects.get(order=vnpay_order)
    assert sent["vnp_Command"] == "refund" and sent["vnp_Version"] == "2.1.0"
    assert (sent["vnp_TmnCode"], sent["vnp_TxnRef"]) == (TMN, payment.psp_reference)
    assert (sent["vnp_Amount"], sent["vnp_TransactionType"]) == ("30000000", "03")
    assert (sent["vnp_TransactionNo"], sent["vnp_TransactionDate"]) == ("14422574", "20261201103000")
    assert len(sent["vnp_RequestId"]) == 32 and sent["vnp_CreateDate"].isdigit()
    record = ProviderRefundRequest.objects.get()
    assert record.params == sent and record.request_id == sent["vnp_RequestId"]
    assert (record.status, record.response_code, record.response_signature_valid) == ("SUCCESS", "00", True)
    assert record.response["vnp_TransactionNo"] == "15500001"
    order = Order.objects.get(pk=vnpay_order.pk)
    assert (order.total_charged_amount, order.total_refunded_amount) == (TOTAL, 300_000)
    assert Payment.objects.get(order=order).charge_status == "PARTIALLY_REFUNDED"
    # The rest, at most: anything more is refused before VNPay is asked.
    with pytest.raises(ValidationError) as too_much:
        refunds.order_refund(actor=staff(), order=order, amount=Decimal(325_001))
    assert error_codes(too_much.value) == {"amount": ["AMOUNT_GREATER_THAN_AVAILABLE"]}
    assert len(fake_vnpay.received) == 1
    rest = refunds.order_refund(actor=staff(), order=order, amount=Decimal(325_000))
    assert rest.status == "SUCCESS" and fake_vnpay.received[1]["vnp_TransactionType"] == "03"
    order.refresh_from_db()
    assert order.total_refunded_amount == order.total_charged_amount == TOTAL
    assert Payment.objects.get(order=order).charge_status == "FULLY_REFUNDED"


def test_a_full_refund_is_type_02_and_a_retry_is_not_sent_again(vnpay_order, fake_vnpay):
    actor = staff()
    refund = refunds.order_refund(actor=actor, order=vnpay_order, amount=TOTAL)
    assert fake_vnpay.received[0]["vnp_TransactionType"] == "02"
    again = refunds.request_granted_refund(actor=actor, granted_refund=refund)
    assert again.status == "SUCCESS" and len(fake_vnpay.received) == 1
    assert ProviderRefundRequest.objects.count() == 1


@pytest.mark.parametrize("code", ["02", "03", "04", "13", "91", "93", "95", "97", "99"])
def test_vnpay_refusals_fail_the_refund_and_free_the_amount(vnpay_order, fake_vnpay, code):
    fake_vnpay.code = code
    actor = staff()
    refund = refunds.order_refund(actor=actor, order=vnpay_order, amount=Decimal(100_000))
    assert refund.status == "FAILURE"
    record = ProviderRefundRequest.objects.get()
    assert (record.status, record.response_code) == ("FAILURE", code)
    assert record.message == refunds.vnpay_refund.RESPONSE_MESSAGES[code]
    assert Order.objects.get(pk=vnpay_order.pk).total_refunded_amount == 0
    # Asked again after a refusal: a new request (VNPay wants a new id), which may succeed.
    fake_vnpay.code = "00"
    retried = refunds.request_granted_refund(actor=actor, granted_refund=refund)
    assert retried.status == "SUCCESS"
    ids = [r["vnp_RequestId"] for r in fake_vnpay.received]
    assert len(ids) == 2 and ids[0] != ids[1]
    assert Order.objects.get(pk=vnpay_order.pk).total_refunded_amount == 100_000


def test_a_timeout_leaves_the_refund_pending_and_the_retry_resends_the_same_request(
    vnpay_order, fake_vnpay, settings
):
    settings.VNPAY_REFUND_TIMEOUT_SECONDS = 0.5
    fake_vnpay.delay = 1.5
    actor = staff()
    refund = refunds.order_refund(actor=actor, order=vnpay_order, amount=Decimal(100_000))
    assert refund.status == "PENDING"
    record = ProviderRefundRequest.objects.get()
    assert (record.status, record.attempts) == ("PENDING", 1)
    assert "in time" in record.message
    # Its amount stays held: the rest only may be refunded meanwhile.
    with pytest.raises(ValidationError):
        refunds.order_refund(actor=actor, order=vnpay_order, amount=TOTAL - Decimal(99_999))
    # A retry while the request may still be on its way sends nothing.
    refunds.request_granted_refund(actor=actor, granted_refund=refund)
    assert ProviderRefundRequest.objects.get().attempts == 1
    # Later, the same request (same id, same signed body) again: VNPay answers this time.
    ProviderRefundRequest.objects.update(sent_at=record.sent_at - refunds.timedelta(minutes=5))
    fake_vnpay.delay = 0
    assert refunds.request_granted_refund(actor=actor, granted_refund=refund).status == "SUCCESS"
    record.refresh_from_db()
    assert (record.status, record.attempts) == ("SUCCESS", 2)
    assert [r["vnp_RequestId"] for r in fake_vnpay.received[-1:]] == [record.request_id]
    assert fake_vnpay.received[-1] == record.params


def test_an_unsigned_answer_is_not_vnpays(vnpay_order, fake_vnpay):
    fake_vnpay.sign_answers = False
    refund = refunds.order_refund(actor=staff(), order=vnpay_order, amount=Decimal(100_000))
    assert refund.status == "PENDING"
    record = ProviderRefundRequest.objects.get()
    assert (record.status, record.response_signature_valid) == ("PENDING", False)
    assert Order.objects.get(pk=vnpay_order.pk).total_refunded_amount == 0


def test_a_canceled_vnpay_order_is_refunded(vnpay_order, fake_vnpay):
    with TestCase.captureOnCommitCallbacks(execute=True):
        order_cancel(actor=staff(), order=vnpay_order)
    [sent] = fake_vnpay.received
    assert (sent["vnp_Amount"], sent["vnp_TransactionType"]) == (str(int(TOTAL) * 100), "02")
    order = Order.objects.get(pk=vnpay_order.pk)
    assert (order.status, order.total_refunded_amount) == ("CANCELED", TOTAL)
    refund = OrderGrantedRefund.objects.get()
    assert (refund.status, refund.vendor_order_id) == ("SUCCESS", None)


def test_who_may_refund(vnpay_order, fake_vnpay):
    before = snapshot(Order.objects.get(pk=vnpay_order.pk))
    for actor in refused_callers(
        other_shop=shop_with_product()[0], permission=PermissionEnum.MANAGE_ORDERS
    ).values():
        with pytest.raises(PermissionDenied):
            refunds.order_refund(actor=actor, order=vnpay_order, amount=Decimal(1000))
        with pytest.raises(PermissionDenied):
            refunds.order_grant_refund_create(actor=actor, order=vnpay_order, amount=Decimal(1000))
    for actor in (member_of(vnpay_order.vendor),):  # the shop refunds through returns only
        with pytest.raises(PermissionDenied):
            refunds.order_refund(actor=actor, order=vnpay_order, amount=Decimal(1000))
    assert snapshot(Order.objects.get(pk=vnpay_order.pk)) == before
    assert not fake_vnpay.received and not OrderGrantedRefund.objects.exists()


def test_bad_amounts_and_lines_write_nothing(vnpay_order, fake_vnpay):
    actor = staff()
    line = vnpay_order.lines.get()
    for options, expected in [
        ({"amount": Decimal(0)}, {"amount": ["INVALID"]}),
        ({"amount": Decimal(-5)}, {"amount": ["INVALID"]}),
        ({"amount": TOTAL + 1}, {"amount": ["AMOUNT_GREATER_THAN_AVAILABLE"]}),
        ({}, {"amount": ["REQUIRED"]}),
        ({"lines": [(line.pk, 3)]}, {"lines": ["INVALID"]}),
        ({"lines": [(line.pk, 0)]}, {"lines": ["INVALID"]}),
        ({"lines": [(line.pk, 1), (line.pk, 1)]}, {"lines": ["INVALID"]}),
        ({"lines": [(UserFactory().pk, 1)]}, {"lines": ["NOT_FOUND"]}),
        ({"amount": Decimal(1), "reason": "x" * 2001}, {"reason": ["INVALID"]}),
    ]:
        with pytest.raises(ValidationError) as refused:
            refunds.order_grant_refund_create(actor=actor, order=vnpay_order, **options)
        assert error_codes(refused.value) == expected, options
    assert not OrderGrantedRefund.objects.exists() and not fake_vnpay.received
    # Lines, with the parcel's shipping once.
    granted = refunds.order_grant_refund_create(
        actor=actor, order=vnpay_order, lines=[(line.pk, 1)], include_shipping=True
    )
    assert (granted.amount_value, granted.shipping_amount, granted.status) == (325_000, 25_000, "NONE")
    with pytest.raises(ValidationError) as twice:
        refunds.order_grant_refund_create(
            actor=actor, order=vnpay_order, lines=[(line.pk, 1)], include_shipping=True
        )
    assert error_codes(twice.value) == {"grant_refund_for_shipping": ["SHIPPING_COSTS_ALREADY_GRANTED"]}
    # A granted refund holds its amount until it fails.
    with pytest.raises(ValidationError):
        refunds.order_grant_refund_create(actor=actor, order=vnpay_order, amount=Decimal(300_001))


# ---------------------------------------------------------------- through transactions


def test_a_vnpay_transaction_is_refunded_with_saleors_events(seeded_channels, fake_vnpay):
    _, product = shop_with_product(price=300_000, stock=5)
    checkout = ready_checkout([(product, 2)])
    refunds.transactions.transaction_initialize(
        actor=None,
        checkout_token=checkout.pk,
        gateway_id="vn.vnpay",
        data=None,
        amount=None,
        action=None,
        idempotency_key=None,
        client_ip=None,
    )
    item = TransactionItem.objects.get()
    params = {
        "vnp_TmnCode": TMN,
        "vnp_Amount": str(int(TOTAL) * 100),
        "vnp_PayDate": "20261201103000",
        "vnp_ResponseCode": "00",
        "vnp_TransactionNo": "777",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": item.psp_reference,
    }
    params["vnp_SecureHash"] = vnpay.sign(params, SECRET)
    assert ipn.handle_ipn(params, remote_addr=None)["RspCode"] == "00"
    order = checkout_complete(token=checkout.pk, actor=None).order

    refund = refunds.transaction_request_refund(actor=staff(), transaction_item=item, amount=Decimal(25_000))
    assert refund.status == "SUCCESS" and refund.transaction_id == item.pk
    assert fake_vnpay.received[0]["vnp_TransactionNo"] == "777"
    item.refresh_from_db()
    assert (item.charged_value, item.refunded_value, item.refund_pending_value) == (600_000, 25_000, 0)
    kinds = list(TransactionEvent.objects.filter(transaction=item).values_list("type", flat=True))
    assert kinds[-2:] == ["REFUND_REQUEST", "REFUND_SUCCESS"]
    order.refresh_from_db()
    assert (order.total_charged_amount, order.total_refunded_amount) == (TOTAL, 25_000)
    # By default, all that is left.
    rest = refunds.transaction_request_refund(actor=staff(), transaction_item=item, amount=None)
    assert rest.amount_value == 600_000 and rest.status == "SUCCESS"


# ---------------------------------------------------------------- cash on delivery


def test_cash_on_delivery_is_refunded_by_the_shops_transfer(seeded_channels):
    vendor, product = shop_with_product(price=200_000, stock=5)
    other, _ = shop_with_product()
    order = place_order([(product, 1)])
    vendor_order_mark_paid(actor=SYSTEM, vendor_order=part_of(order, vendor))
    refund = refunds.order_refund(actor=staff(), order=order, amount=Decimal(200_000))
    assert (refund.status, refund.vendor_order_id) == ("PENDING", part_of(order, vendor).pk)
    assert Order.objects.get(pk=order.pk).total_refunded_amount == 0
    with pytest.raises(PermissionDenied):
        refunds.confirm_transfer(actor=member_of(other), granted_refund=refund, reference="FT123")
    with pytest.raises(ValidationError) as blank:
        refunds.confirm_transfer(actor=member_of(vendor), granted_refund=refund, reference=" ")
    assert error_codes(blank.value) == {"transfer_reference": ["REQUIRED"]}
    done = refunds.confirm_transfer(actor=member_of(vendor), granted_refund=refund, reference="FT123")
    assert (done.status, done.transfer_reference) == ("SUCCESS", "FT123")
    assert Order.objects.get(pk=order.pk).total_refunded_amount == 200_000
    with pytest.raises(ValidationError):
        refunds.confirm_transfer(actor=member_of(vendor), granted_refund=refund, reference="FT124")


def test_a_canceled_order_paid_by_two_transactions_is_refunded_through_each(seeded_channels, settings):
    settings.PAYMENT_DUMMY_ENABLED = True
    _, product = shop_with_product(price=300_000, stock=5)
    checkout = ready_checkout([(product, 2)])
    for amount in (Decimal(400_000), Decimal(225_000)):
        refunds.transactions.transaction_initialize(
            actor=None,
            checkout_token=checkout.pk,
            gateway_id="saleor.io.dummy-payment-app",
            data={"event": {"type": "CHARGE_SUCCESS"}},
            amount=amount,
            action=None,
            idempotency_key=None,
            client_ip=None,
        )
    order = checkout_complete(token=checkout.pk, actor=None).order
    assert order.total_charged_amount == TOTAL
    with TestCase.captureOnCommitCallbacks(execute=True):
        order_cancel(actor=staff(), order=order)
    granted = list(OrderGrantedRefund.objects.order_by("pk").values_list("amount_value", "status"))
    assert granted == [(400_000, "SUCCESS"), (225_000, "SUCCESS")]
    order.refresh_from_db()
    assert (order.status, order.total_refunded_amount) == ("CANCELED", TOTAL)
    assert [i.charged_value for i in TransactionItem.objects.order_by("pk")] == [0, 0]
