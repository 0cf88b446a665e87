"""The buyer's cart. Its token is the buyer's capability (an unguessable UUID); lines may
come from many artisan shops. Prices are never stored here: they are computed from the
channel listings whenever the checkout is read or completed."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Checkout(models.Model):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    channel = models.ForeignKey("channels.Channel", related_name="checkouts", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="checkouts", null=True, blank=True, on_delete=models.CASCADE
    )
    email = models.EmailField(blank=True, default="")
    language_code = models.CharField(max_length=10, default="vi")
    currency = models.CharField(max_length=3)
    # The checkout's own copies: editing a saved address later does not change the order.
    shipping_address = models.ForeignKey(
        "accounts.Address", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    billing_address = models.ForeignKey(
        "accounts.Address", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    shipping_method = models.ForeignKey(
        "shipping.ShippingMethod", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    collection_point = models.ForeignKey(
        "inventory.Warehouse", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_change = models.DateTimeField(default=timezone.now, db_index=True)
    # Who holds it, for the per-client reservation cap: "user:<pk>", or "ip:<digest>" of the
    # address that created it (a hash, never the address itself); empty for system-made ones.
    client_key = models.CharField(max_length=48, blank=True, default="", db_index=True)
    # When it first held stock: it holds none beyond CHECKOUT_RESERVATION_MAX_MINUTES from then.
    reserved_since = models.DateTimeField(null=True, blank=True)
    # Saleor's saveAddress: copy the address to the customer's address book when the order is placed.
    save_shipping_address = models.BooleanField(default=True)
    save_billing_address = models.BooleanField(default=True)
    # The one promo code applied (checkoutAddPromoCode); its discount is computed on every read.
    voucher_code = models.ForeignKey(
        "discounts.VoucherCode", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    # Saleor's metadata: public (whoever holds the checkout) and private (staff).
    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")
        ordering = ("-last_change", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(shipping_method__isnull=True) | Q(collection_point__isnull=True),
                name="checkout_one_delivery_method",
            )
        ]


class CheckoutLine(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkout = models.ForeignKey(Checkout, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey("catalog.ProductVariant", related_name="+", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("checkout line")
        verbose_name_plural = _("checkout lines")
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=["checkout", "variant"], name="uniq_checkout_variant"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="checkout_line_quantity_positive"),
        ]
