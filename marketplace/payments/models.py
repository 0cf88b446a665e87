"""Payments (Saleor's shape) and the record of every callback a provider sent us."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS


class ChargeStatus(models.TextChoices):
    NOT_CHARGED = "NOT_CHARGED"
    PENDING = "PENDING"
    PARTIALLY_CHARGED = "PARTIALLY_CHARGED"
    FULLY_CHARGED = "FULLY_CHARGED"
    PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED"
    FULLY_REFUNDED = "FULLY_REFUNDED"
    REFUSED = "REFUSED"
    CANCELLED = "CANCELLED"


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
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0, captured_amount__gte=0), name="payment_amounts_not_negative"
            ),
        ]


class PaymentCallback(models.Model):
    """One call of a provider's server-to-server notification, whatever it said and
    whatever we answered (forged and replayed ones included)."""

    gateway = models.CharField(max_length=64)
    payment = models.ForeignKey(
        Payment, related_name="callbacks", null=True, blank=True, on_delete=models.SET_NULL
    )
    params = models.JSONField(default=dict)
    signature_valid = models.BooleanField(default=False)
    response_code = models.CharField(max_length=8)
    message = models.CharField(max_length=255, blank=True, default="")
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("pk",)
