"""Payments of a checkout through the older API (``checkoutPaymentCreate``), and what
completing a checkout does with what pays for it — that payment, or the checkout's
transactions (``marketplace.payments.transactions``).

- ``vn.cod`` (cash on delivery): the order is placed unpaid; each shop marks its part
  paid when the cash is collected.
- ``vn.vnpay``: the order is placed UNCONFIRMED with its stock allocated, the buyer is
  sent to VNPay's signed URL, and only the IPN callback confirms it (``ipn.py``).
- ``mirumee.payments.dummy`` (demo and tests): charged at once; the token ``declined``
  makes it refuse.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.fetch import CheckoutInfo
from marketplace.checkout.models import Checkout
from marketplace.core.errors import field_error
from marketplace.payments import statuses, transactions, vnpay
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.gateways import COD, DUMMY, VNPAY, legacy_gateway_ids
from marketplace.payments.models import ChargeStatus, Payment, TransactionItem

DECLINED_TOKEN = "declined"


def _check_ready(info: CheckoutInfo) -> None:
    checkout = info.checkout
    if not info.lines:
        raise field_error(
            None, PaymentErrorCode.NO_CHECKOUT_LINES, _("Cannot pay for a checkout without lines.")
        )
    if not checkout.channel.is_active:
        raise field_error(None, PaymentErrorCode.CHANNEL_INACTIVE, _("The checkout's channel is inactive."))
    if not checkout.email:
        raise field_error(None, PaymentErrorCode.CHECKOUT_EMAIL_NOT_SET, _("Set the checkout's email first."))
    if checkout.billing_address_id is None:
        raise field_error(None, PaymentErrorCode.BILLING_ADDRESS_NOT_SET, _("Set the billing address first."))
    if info.is_shipping_required and checkout.collection_point_id is None:
        if checkout.shipping_address_id is None:
            raise field_error(
                None, PaymentErrorCode.SHIPPING_ADDRESS_NOT_SET, _("Set the shipping address first.")
            )
        if checkout.shipping_method_id is None:
            raise field_error(
                None, PaymentErrorCode.SHIPPING_METHOD_NOT_SET, _("Choose a delivery method first.")
            )


def _clean_amount(amount: Decimal | None, info: CheckoutInfo) -> Decimal:
    total = info.total
    if amount is None:
        return total
    if amount != total:  # 825000 and 825000.0 are the total; 825000.5 is not
        raise field_error(
            "amount",
            PaymentErrorCode.PARTIAL_PAYMENT_NOT_ALLOWED,
            _("Partial payments are not allowed, amount should be equal checkout's total (%(total)s)."),
            total=total,
        )
    return total


def checkout_payment_create(
    *,
    info: CheckoutInfo,
    gateway: str,
    amount: Decimal | None,
    token: str = "",
    ip_address: str | None = None,
) -> Payment:
    """A payment for the checkout's current total; earlier active payments are deactivated."""
    if gateway not in legacy_gateway_ids(info.currency):
        raise field_error(
            "gateway",
            PaymentErrorCode.NOT_SUPPORTED_GATEWAY,
            _("The gateway %(gateway)s is not supported."),
            gateway=repr(gateway[:40]),
        )
    _check_ready(info)
    total = _clean_amount(amount, info)
    if len(token or "") > 512:
        raise field_error("token", PaymentErrorCode.INVALID, _("The token is too long."))
    with transaction.atomic():
        Checkout.objects.select_for_update().filter(pk=info.checkout.pk).first()
        Payment.objects.filter(checkout=info.checkout, is_active=True).update(is_active=False)
        return Payment.objects.create(
            gateway=gateway,
            checkout=info.checkout,
            currency=info.currency,
            total=total,
            token=token or "",
            customer_ip_address=ip_address,
        )


def active_payment(checkout: Checkout) -> Payment | None:
    return Payment.objects.filter(checkout=checkout, is_active=True).order_by("-pk").first()


@dataclass
class Authorization:
    """What completing the checkout does with what pays for it: an older-API ``payment``,
    or the checkout's ``transactions``."""

    gateway: str
    order_status: str  # UNFULFILLED, or UNCONFIRMED while an online payment is awaited
    charged: Decimal  # charged when the order is placed
    authorized: Decimal = Decimal(0)  # authorized, to be charged later (cash on delivery)
    payment: Payment | None = None
    transactions: list[TransactionItem] = field(default_factory=list)


def _not_fully_paid() -> ValidationError:
    return field_error(
        None,
        CheckoutErrorCode.CHECKOUT_NOT_FULLY_PAID,
        _("Provided payment methods can not cover the checkout's total amount."),
    )


def check_payment(payment: Payment | None, info: CheckoutInfo) -> Authorization:
    """Before anything is written: the payment covers the total and the gateway agrees."""
    if payment is None or payment.total != info.total or payment.currency != info.currency:
        raise _not_fully_paid()
    if payment.gateway not in legacy_gateway_ids(info.currency):
        raise field_error(
            None, CheckoutErrorCode.PAYMENT_ERROR, _("The payment's gateway is no longer available.")
        )
    if payment.gateway == DUMMY.id:
        if payment.token == DECLINED_TOKEN:
            raise field_error(None, CheckoutErrorCode.PAYMENT_ERROR, _("The payment was declined."))
        return Authorization(payment.gateway, "UNFULFILLED", charged=payment.total, payment=payment)
    if payment.gateway == VNPAY.id:
        return Authorization(payment.gateway, "UNCONFIRMED", charged=Decimal(0), payment=payment)
    assert payment.gateway == COD.id
    return Authorization(payment.gateway, "UNFULFILLED", charged=Decimal(0), payment=payment)


def check_transactions(items: list[TransactionItem], info: CheckoutInfo) -> Authorization:
    """Saleor's rule for a checkout paid through transactions: it completes once they
    cover its total (authorized, charged or pending: ``authorizeStatus`` FULL)."""
    authorize_status, _ignored = statuses.checkout_statuses(info.total, bool(info.lines), items)
    if authorize_status != "FULL":
        raise _not_fully_paid()
    charged = sum((item.charged_value for item in items), Decimal(0))
    authorized = sum((item.authorized_value for item in items), Decimal(0))
    return Authorization(
        transactions.settlement_gateway(items),
        "UNFULFILLED",
        charged=charged,
        authorized=authorized,
        transactions=items,
    )


def attach_to_order(authorization: Authorization, order: Any, checkout: Checkout) -> None:
    """Inside the completing transaction: what paid for the checkout now belongs to the order."""
    if authorization.transactions:
        transactions.move_to_order(authorization.transactions, order)
        # An older-API payment created meanwhile is not used: it never charges anything.
        Payment.objects.filter(checkout=checkout, is_active=True).update(is_active=False)
        return
    payment = authorization.payment
    assert payment is not None
    payment.order = order
    payment.checkout = None
    if authorization.charged > 0:
        payment.charge_status = ChargeStatus.FULLY_CHARGED
        payment.captured_amount = payment.total
        payment.psp_reference = f"dummy-{uuid.uuid4().hex}"
    elif payment.gateway == VNPAY.id:
        payment.charge_status = ChargeStatus.PENDING
        payment.psp_reference = uuid.uuid4().hex
    payment.save()


def confirmation_data(payment: Payment, order: Any) -> dict[str, str] | None:
    """For VNPay: where to send the buyer (a fresh signed URL for the same reference)."""
    if payment.gateway != VNPAY.id or payment.charge_status != ChargeStatus.PENDING:
        return None
    url, expires = vnpay.payment_url(
        txn_ref=payment.psp_reference or "",
        amount=payment.total,
        order_info=f"Thanh toan don hang {order.number}",
        ip_address=payment.customer_ip_address or "",
        locale=order.language_code,
        created=timezone.now(),
    )
    return {
        "gateway": VNPAY.id,
        "redirectUrl": url,
        "txnRef": payment.psp_reference or "",
        "expiresAt": expires.isoformat(),
    }
