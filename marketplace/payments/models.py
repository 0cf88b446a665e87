"""Payments (Saleor's shape): the older ``Payment`` of ``checkoutPaymentCreate``, the
``TransactionItem``/``TransactionEvent`` of the transactions API, and the record of every
callback a provider sent us."""

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS


class ChargeStatus(models.TextChoices):
    NOT_CHARGED = "NOT_CHARGED", _("Not charged")
    PENDING = "PENDING", _("Pending")
    PARTIALLY_CHARGED = "PARTIALLY_CHARGED", _("Partially charged")
    FULLY_CHARGED = "FULLY_CHARGED", _("Fully charged")
    PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED", _("Partially refunded")
    FULLY_REFUNDED = "FULLY_REFUNDED", _("Fully refunded")
    REFUSED = "REFUSED", _("Refused")
    CANCELLED = "CANCELLED", _("Cancelled")


class Payment(models.Model):
    gateway = models.CharField(max_length=64)
    is_active = models.BooleanField(default=True)
    charge_status = models.CharField(
        max_length=20, choices=ChargeStatus.choices, default=ChargeStatus.NOT_CHARGED
    )
    currency = models.CharField(max_length=3)
    total = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    captured_amount = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, default=0)
    checkout = models.ForeignKey(
        "checkout.Checkout", related_name="payments", null=True, blank=True, on_delete=models.SET_NULL
    )
    order = models.ForeignKey(
        "orders.Order", related_name="payments", null=True, blank=True, on_delete=models.PROTECT
    )
    # Our reference at the provider (VNPay's vnp_TxnRef), and the provider's own number.
    psp_reference = models.CharField(max_length=64, unique=True, null=True, blank=True)
    provider_transaction_id = models.CharField(max_length=64, blank=True, default="")
    token = models.CharField(max_length=512, blank=True, default="")
    customer_ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0, captured_amount__gte=0), name="payment_amounts_not_negative"
            ),
        ]


# ---------------------------------------------------------------- Saleor's transactions API


class TransactionEventType(models.TextChoices):
    """Saleor's ``TransactionEventTypeEnum``."""

    AUTHORIZATION_SUCCESS = "AUTHORIZATION_SUCCESS", _("Authorization success")
    AUTHORIZATION_FAILURE = "AUTHORIZATION_FAILURE", _("Authorization failure")
    AUTHORIZATION_ADJUSTMENT = "AUTHORIZATION_ADJUSTMENT", _("Authorization adjustment")
    AUTHORIZATION_REQUEST = "AUTHORIZATION_REQUEST", _("Authorization request")
    AUTHORIZATION_ACTION_REQUIRED = "AUTHORIZATION_ACTION_REQUIRED", _("Authorization action required")
    CHARGE_ACTION_REQUIRED = "CHARGE_ACTION_REQUIRED", _("Charge action required")
    CHARGE_SUCCESS = "CHARGE_SUCCESS", _("Charge success")
    CHARGE_FAILURE = "CHARGE_FAILURE", _("Charge failure")
    CHARGE_BACK = "CHARGE_BACK", _("Chargeback")
    CHARGE_REQUEST = "CHARGE_REQUEST", _("Charge request")
    REFUND_SUCCESS = "REFUND_SUCCESS", _("Refund success")
    REFUND_FAILURE = "REFUND_FAILURE", _("Refund failure")
    REFUND_REVERSE = "REFUND_REVERSE", _("Refund reverse")
    REFUND_REQUEST = "REFUND_REQUEST", _("Refund request")
    CANCEL_SUCCESS = "CANCEL_SUCCESS", _("Cancel success")
    CANCEL_FAILURE = "CANCEL_FAILURE", _("Cancel failure")
    CANCEL_REQUEST = "CANCEL_REQUEST", _("Cancel request")
    INFO = "INFO", _("Information")


def _amount(**options: Any) -> "models.DecimalField[Decimal | int, Decimal]":
    return models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, default=0, **options)


class TransactionItem(models.Model):
    """One payment attempt through one gateway (Saleor's ``TransactionItem``), attached to
    a checkout, then to the order it became. Its amounts follow its events: what the
    gateway authorized, charged, has pending, and what was canceled or refunded."""

    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)  # its global ID
    gateway = models.CharField(max_length=64)  # the PaymentGateway id ("app identifier")
    name = models.CharField(max_length=512, blank=True, default="")
    message = models.CharField(max_length=512, blank=True, default="")
    # The provider's reference; for VNPay our vnp_TxnRef.
    psp_reference = models.CharField(max_length=512, blank=True, default="", db_index=True)
    external_url = models.URLField(max_length=2048, blank=True, default="")
    currency = models.CharField(max_length=3)
    authorized_value = _amount()
    authorize_pending_value = _amount()
    charged_value = _amount()
    charge_pending_value = _amount()
    refunded_value = _amount()
    canceled_value = _amount()
    available_actions = models.JSONField(default=list, blank=True)
    checkout = models.ForeignKey(
        "checkout.Checkout",
        related_name="payment_transactions",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    order = models.ForeignKey(
        "orders.Order", related_name="payment_transactions", null=True, blank=True, on_delete=models.PROTECT
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    idempotency_key = models.CharField(max_length=512, blank=True, default="")
    customer_ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("transaction item")
        verbose_name_plural = _("transaction items")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    authorized_value__gte=0,
                    authorize_pending_value__gte=0,
                    charged_value__gte=0,
                    charge_pending_value__gte=0,
                    refunded_value__gte=0,
                    canceled_value__gte=0,
                ),
                name="transaction_amounts_not_negative",
            ),
            models.UniqueConstraint(
                fields=["checkout", "idempotency_key"],
                condition=Q(checkout__isnull=False) & ~Q(idempotency_key=""),
                name="uniq_transaction_checkout_idempotency_key",
            ),
            # VNPay's vnp_TxnRef names one transaction only.
            models.UniqueConstraint(
                fields=["psp_reference"],
                condition=Q(gateway="vn.vnpay") & ~Q(psp_reference=""),
                name="uniq_vnpay_transaction_reference",
            ),
        ]

    @property
    def covered(self) -> Decimal:
        """What it contributes to paying for its checkout (Saleor counts pending amounts)."""
        return (
            self.authorized_value
            + self.charged_value
            + self.authorize_pending_value
            + self.charge_pending_value
        )


class TransactionEvent(models.Model):
    transaction = models.ForeignKey(TransactionItem, related_name="events", on_delete=models.CASCADE)
    type = models.CharField(max_length=40, choices=TransactionEventType.choices)
    amount_value = _amount()
    currency = models.CharField(max_length=3)
    psp_reference = models.CharField(max_length=512, blank=True, default="")
    message = models.CharField(max_length=512, blank=True, default="")
    external_url = models.URLField(max_length=2048, blank=True, default="")
    # A request event of transactionInitialize is not counted in the amounts (Saleor's rule);
    # the gateway's answer is.
    include_in_calculations = models.BooleanField(default=True)
    idempotency_key = models.CharField(max_length=512, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("transaction event")
        verbose_name_plural = _("transaction events")
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_value__gte=0), name="transaction_event_amount_not_negative"
            ),
        ]


class PaymentCallback(models.Model):
    """One call of a provider's server-to-server notification, whatever it said and
    whatever we answered (forged and replayed ones included)."""

    gateway = models.CharField(max_length=64)
    payment = models.ForeignKey(
        Payment, related_name="callbacks", null=True, blank=True, on_delete=models.SET_NULL
    )
    transaction = models.ForeignKey(
        "payments.TransactionItem", related_name="callbacks", null=True, blank=True, on_delete=models.SET_NULL
    )
    params = models.JSONField(default=dict)
    signature_valid = models.BooleanField(default=False)
    response_code = models.CharField(max_length=8)
    message = models.CharField(max_length=255, blank=True, default="")
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("payment callback")
        verbose_name_plural = _("payment callbacks")
        ordering = ("pk",)
