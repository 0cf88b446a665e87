"""VNPay's IPN (the server-to-server notification): the only thing that confirms a VNPay
order. Verified in this order — signature, merchant code, our reference, amount,
transaction status — and idempotent (a replay changes nothing and answers "already
confirmed").

- A success confirms the order while it is unpaid and not expired or canceled, even
  after an earlier failure of the same reference was recorded (the buyer's first attempt
  failed, the second paid): a real payment is never lost behind an "already confirmed".
- A success for an order that expired or was canceled, or a second payment of a paid
  order, is answered ``02`` and logged as an error: refund it.
- Every callback whose signature holds is recorded (``PaymentCallback``), whatever it
  said and whatever we answered; every disagreement with our records is logged.
- A callback with an invalid signature is not VNPay's: it is answered ``97`` and logged,
  never stored — at most ``BAD_SIGNATURE_LOG_LIMIT`` lines a minute, then counted, and the
  next minute's first one summarises the count, so a flood cannot fill the database or
  the logs.
"""

import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction

from marketplace.checkout.fetch import fetch_checkout_info
from marketplace.checkout.models import Checkout
from marketplace.core import rate_limits
from marketplace.orders import services as orders
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments import statuses, transactions, vnpay
from marketplace.payments.gateways import VNPAY
from marketplace.payments.models import ChargeStatus, Payment, PaymentCallback, TransactionItem
from marketplace.payments.models import TransactionEventType as T

logger = logging.getLogger(__name__)

MAX_PARAMS = 40
MAX_VALUE_LENGTH = 512
BAD_SIGNATURE_LOG_LIMIT = 10
BAD_SIGNATURE_WINDOW = 60
# A failure may be followed by a success (another attempt by the buyer); nothing follows a success.
AWAITING = (ChargeStatus.PENDING, ChargeStatus.REFUSED)


def _amount(value: str) -> Decimal | None:
    try:
        return Decimal(value) if value.isdigit() else None
    except InvalidOperation:
        return None


def _mismatch(code: str, message: str, *args: object, refund: bool = False) -> None:
    (logger.error if refund else logger.warning)(f"VNPay IPN mismatch ({code}): {message}", *args)


def _already(params: Mapping[str, str], order: Order, payment: Payment, succeeded: bool) -> tuple[str, str]:
    """A signed callback for an order that no longer waits for it: a replay (logged at
    info) or a mismatch (logged; a payment VNPay took must be refunded)."""
    transaction_no = params.get("vnp_TransactionNo", "")
    state = (
        f"order #{order.number} ({payment.psp_reference}) is {order.status}, payment {payment.charge_status}"
    )
    if payment.charge_status == ChargeStatus.FULLY_CHARGED:
        state += f" by transaction {payment.provider_transaction_id}"
        if succeeded and transaction_no == payment.provider_transaction_id:
            logger.info("VNPay IPN replayed for order #%s", order.number)
            return vnpay.ALREADY_CONFIRMED
    elif not succeeded and payment.charge_status == ChargeStatus.REFUSED:
        logger.info("VNPay IPN: another failure for order #%s", order.number)
        return vnpay.ALREADY_CONFIRMED
    if succeeded:
        _mismatch(
            "02", "%s; VNPay reports transaction %s paid: refund it", state, transaction_no, refund=True
        )
    else:
        _mismatch(
            "02",
            "%s; VNPay reports transaction %s failed (%s)",
            state,
            transaction_no,
            params.get("vnp_ResponseCode", ""),
        )
    return vnpay.ALREADY_CONFIRMED


def _decide_transaction(params: Mapping[str, str], item: TransactionItem) -> tuple[str, str]:
    """A callback for a transactions-API payment: the charge (or failure) is recorded as a
    TransactionEvent on the transaction, wherever it is now — its checkout, or the order
    the checkout became. A success lands once: a replay is answered "already confirmed"."""
    found = transactions.lock_with_owner(item.token)
    assert found is not None
    item, owner = found
    request = item.events.filter(type__in=transactions.REQUESTS).order_by("pk").first()
    expected = vnpay.vnpay_amount(request.amount_value if request else Decimal(0))
    amount = _amount(params.get("vnp_Amount", ""))
    if amount is None or amount != Decimal(expected):
        _mismatch(
            "04",
            "amount %s for %s, expected %s",
            params.get("vnp_Amount", "")[:32],
            item.psp_reference,
            expected,
        )
        return vnpay.INVALID_AMOUNT
    assert request is not None
    succeeded = params.get("vnp_ResponseCode") == "00" and params.get("vnp_TransactionStatus") == "00"
    transaction_no = params.get("vnp_TransactionNo", "")[:64]
    paid = item.events.filter(type=T.CHARGE_SUCCESS).first()
    if paid is not None:
        if succeeded and paid.psp_reference == transaction_no:
            logger.info("VNPay IPN replayed for transaction %s", item.psp_reference)
        else:
            _mismatch(
                "02",
                "transaction %s is paid by VNPay transaction %s; VNPay reports %s %s",
                item.psp_reference,
                paid.psp_reference,
                transaction_no,
                "paid: refund it" if succeeded else "failed",
                refund=succeeded,
            )
        return vnpay.ALREADY_CONFIRMED
    if not succeeded:
        code = params.get("vnp_ResponseCode", "")[:8]
        if item.events.filter(
            type=T.CHARGE_FAILURE, psp_reference=transaction_no, message__endswith=f"({code})"
        ):
            return vnpay.ALREADY_CONFIRMED
        transactions.record_event(
            item,
            kind=T.CHARGE_FAILURE,
            amount=request.amount_value,
            psp_reference=transaction_no,
            message=f"VNPay reports the payment failed ({code})",
        )
        return vnpay.CONFIRMED
    transactions.record_event(
        item,
        kind=T.CHARGE_SUCCESS,
        amount=request.amount_value,
        psp_reference=transaction_no,
        message=f"Paid on VNPay (transaction {transaction_no})",
    )
    item.available_actions = ["REFUND"]  # through VNPay's refund API (refunds.py)
    item.save(update_fields=["available_actions", "modified_at"])
    if isinstance(owner, Order):
        transactions.refresh_order_amounts(owner)  # logs an overcharge for a refund
    elif isinstance(owner, Checkout):
        _check_checkout_overcharge(owner, item)
    else:
        _mismatch(
            "00",
            "transaction %s was paid but belongs to nothing any more: refund it",
            item.psp_reference,
            refund=True,
        )
    return vnpay.CONFIRMED


def _check_checkout_overcharge(checkout: Checkout, item: TransactionItem) -> None:
    info = fetch_checkout_info(checkout)
    _, charge = statuses.checkout_statuses(info.total, bool(info.lines), checkout.payment_transactions.all())
    if charge == "OVERCHARGED":
        _mismatch(
            "00",
            "checkout %s is overcharged by VNPay transaction %s: refund the difference",
            checkout.pk,
            item.psp_reference,
            refund=True,
        )


def _decide(
    params: Mapping[str, str],
) -> tuple[tuple[str, str], Payment | None, TransactionItem | None]:
    """The reply and the payment (or transaction) concerned, for a callback whose signature
    holds (no writes but the payment's outcome, inside the caller's transaction)."""
    if params.get("vnp_TmnCode") != settings.VNPAY_TMN_CODE:
        _mismatch("01", "merchant code %r is not ours", params.get("vnp_TmnCode", "")[:32])
        return vnpay.ORDER_NOT_FOUND, None, None
    reference = params.get("vnp_TxnRef", "")
    found = Payment.objects.filter(gateway=VNPAY.id, psp_reference=reference).first() if reference else None
    if found is None:
        item = (
            TransactionItem.objects.filter(gateway=VNPAY.id, psp_reference=reference).first()
            if reference
            else None
        )
        if item is not None:
            return _decide_transaction(params, item), None, item
    if found is None or found.order_id is None:
        _mismatch("01", "unknown reference %s", reference[:64])
        return vnpay.ORDER_NOT_FOUND, None, None
    # The order row first, then the payment: the lock order of every order write.
    order = Order.objects.select_for_update().get(pk=found.order_id)
    payment = Payment.objects.select_for_update().get(pk=found.pk)
    expected = vnpay.vnpay_amount(payment.total)
    amount = _amount(params.get("vnp_Amount", ""))
    if amount is None or amount != Decimal(expected):
        _mismatch(
            "04", "amount %s for %s, expected %s", params.get("vnp_Amount", "")[:32], reference, expected
        )
        return vnpay.INVALID_AMOUNT, payment, None
    succeeded = params.get("vnp_ResponseCode") == "00" and params.get("vnp_TransactionStatus") == "00"
    if payment.charge_status not in AWAITING or order.status != OrderStatus.UNCONFIRMED:
        return _already(params, order, payment, succeeded), payment, None
    if succeeded:
        orders.order_confirm_payment(
            order=order, payment=payment, transaction_id=params.get("vnp_TransactionNo", "")
        )
    elif payment.charge_status == ChargeStatus.REFUSED:
        return _already(params, order, payment, succeeded), payment, None
    else:
        payment.charge_status = ChargeStatus.REFUSED
        payment.save(update_fields=["charge_status", "modified_at"])
    return vnpay.CONFIRMED, payment, None


def _log_bad_signature(params: Mapping[str, str], remote_addr: str | None) -> None:
    scope, subject, window = "vnpay-ipn", "bad-signature", BAD_SIGNATURE_WINDOW
    counted = rate_limits.hit(scope, subject, window=window)
    if counted.count == 1:
        previous = rate_limits.previous_count(scope, subject, window=window)
        if previous > BAD_SIGNATURE_LOG_LIMIT:
            logger.warning("VNPay IPNs with an invalid signature: %s in the previous minute", previous)
    if counted.count <= BAD_SIGNATURE_LOG_LIMIT:
        shown = {k: v[:64] for k, v in list(params.items())[:16] if k != "vnp_SecureHash"}
        logger.warning("VNPay IPN with an invalid signature from %s: %s", remote_addr or "?", shown)
    elif counted.count == BAD_SIGNATURE_LOG_LIMIT + 1:
        logger.warning(
            "VNPay IPNs with an invalid signature: more than %s this minute, the rest are counted",
            BAD_SIGNATURE_LOG_LIMIT,
        )


def handle_ipn(params: Mapping[str, str], *, remote_addr: str | None) -> dict[str, str]:
    params = {str(k)[:64]: str(v)[:MAX_VALUE_LENGTH] for k, v in list(params.items())[:MAX_PARAMS]}
    if not vnpay.signature_is_valid(params):
        _log_bad_signature(params, remote_addr)
        code, message = vnpay.INVALID_SIGNATURE
        return {"RspCode": code, "Message": message}
    try:
        with transaction.atomic():
            (code, message), payment, item = _decide(params)
    except Exception:  # recorded and answered, never a 500 to the provider
        logger.exception("VNPay IPN failed")
        (code, message), payment, item = vnpay.UNKNOWN_ERROR, None, None
    PaymentCallback.objects.create(
        gateway=VNPAY.id,
        payment=payment,
        transaction=item,
        params=params,
        signature_valid=True,
        response_code=code,
        message=message,
        remote_addr=remote_addr,
    )
    return {"RspCode": code, "Message": message}
