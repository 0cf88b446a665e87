"""VNPay's IPN (the server-to-server notification): the only thing that confirms a VNPay
order. Verified in this order — signature, merchant code, our reference, amount,
transaction status — idempotent (a replay changes nothing and answers "already
confirmed"), and every call is recorded, whatever it said and whatever we answered."""

import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction

from marketplace.orders import services as orders
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments import vnpay
from marketplace.payments.gateways import VNPAY
from marketplace.payments.models import ChargeStatus, Payment, PaymentCallback

logger = logging.getLogger(__name__)

MAX_PARAMS = 40
MAX_VALUE_LENGTH = 512


def _amount(value: str) -> Decimal | None:
    try:
        return Decimal(value) if value.isdigit() else None
    except InvalidOperation:
        return None


def _decide(params: Mapping[str, str]) -> tuple[tuple[str, str], Payment | None, bool]:
    """The reply, the payment concerned and whether the signature held (no writes but the
    confirmation itself, inside the caller's transaction)."""
    if not vnpay.signature_is_valid(params):
        return vnpay.INVALID_SIGNATURE, None, False
    if params.get("vnp_TmnCode") != settings.VNPAY_TMN_CODE:
        return vnpay.ORDER_NOT_FOUND, None, True
    reference = params.get("vnp_TxnRef", "")
    found = Payment.objects.filter(gateway=VNPAY.id, psp_reference=reference).first() if reference else None
    if found is None or found.order_id is None:
        return vnpay.ORDER_NOT_FOUND, None, True
    # The order row first, then the payment: the lock order of every order write.
    order = Order.objects.select_for_update().get(pk=found.order_id)
    payment = Payment.objects.select_for_update().get(pk=found.pk)
    amount = _amount(params.get("vnp_Amount", ""))
    if amount is None or amount != Decimal(vnpay.vnpay_amount(payment.total)):
        return vnpay.INVALID_AMOUNT, payment, True
    if payment.charge_status != ChargeStatus.PENDING or order.status != OrderStatus.UNCONFIRMED:
        if order.status == OrderStatus.EXPIRED and params.get("vnp_ResponseCode") == "00":
            logger.warning("VNPay paid order #%s after it expired: refund it", order.number)
        return vnpay.ALREADY_CONFIRMED, payment, True
    succeeded = params.get("vnp_ResponseCode") == "00" and params.get("vnp_TransactionStatus") == "00"
    if succeeded:
        orders.order_confirm_payment(
            order=order, payment=payment, transaction_id=params.get("vnp_TransactionNo", "")
        )
    else:
        payment.charge_status = ChargeStatus.REFUSED
        payment.save(update_fields=["charge_status", "modified_at"])
    return vnpay.CONFIRMED, payment, True


def handle_ipn(params: Mapping[str, str], *, remote_addr: str | None) -> dict[str, str]:
    params = {str(k)[:64]: str(v)[:MAX_VALUE_LENGTH] for k, v in list(params.items())[:MAX_PARAMS]}
    try:
        with transaction.atomic():
            (code, message), payment, signed = _decide(params)
    except Exception:  # recorded and answered, never a 500 to the provider
        logger.exception("VNPay IPN failed")
        (code, message), payment, signed = vnpay.UNKNOWN_ERROR, None, vnpay.signature_is_valid(params)
    PaymentCallback.objects.create(
        gateway=VNPAY.id,
        payment=payment,
        params=params,
        signature_valid=signed,
        response_code=code,
        message=message,
        remote_addr=remote_addr,
    )
    return {"RspCode": code, "Message": message}
