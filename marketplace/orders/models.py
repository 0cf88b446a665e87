"""The buyer's order and each artisan's part of it.

One ``Order`` per completed checkout (the buyer's view: all lines, totals, payment); one
``VendorOrder`` per artisan shop in it (the artisan's view: its lines, fulfilments,
commission and payout). Names and prices are copied at purchase time.
"""

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS


def _money(**options: Any) -> "models.DecimalField[Decimal | int, Decimal]":
    return models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, **options)


class OrderStatus(models.TextChoices):
    UNCONFIRMED = "UNCONFIRMED", _("Unconfirmed")  # placed, waiting for an online payment (VNPay)
    UNFULFILLED = "UNFULFILLED", _("Unfulfilled")
    PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED", _("Partially fulfilled")
    FULFILLED = "FULFILLED", _("Fulfilled")
    CANCELED = "CANCELED", _("Canceled")
    EXPIRED = "EXPIRED", _("Expired")  # the online payment never came; stock released


class VendorOrderStatus(models.TextChoices):
    UNCONFIRMED = "UNCONFIRMED", _("Unconfirmed")
    UNFULFILLED = "UNFULFILLED", _("Unfulfilled")
    PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED", _("Partially fulfilled")
    FULFILLED = "FULFILLED", _("Fulfilled")
    READY_FOR_PICKUP = "READY_FOR_PICKUP", _("Ready for pickup")
    CANCELED = "CANCELED", _("Canceled")


class OrderChargeStatus(models.TextChoices):
    NOT_CHARGED = "NOT_CHARGED", _("Not charged")
    PARTIALLY_CHARGED = "PARTIALLY_CHARGED", _("Partially charged")
    FULLY_CHARGED = "FULLY_CHARGED", _("Fully charged")


class OrderNumber(models.Model):
    """A counter: inserting a row hands out the next order number, race-free on any database."""

    class Meta:
        verbose_name = _("order number")
        verbose_name_plural = _("order numbers")


class Order(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.PositiveIntegerField(unique=True)
    # The completed checkout: a retried checkoutComplete finds its order here, never a second one.
    checkout_token = models.UUIDField(unique=True, null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="orders", null=True, blank=True, on_delete=models.SET_NULL
    )
    user_email = models.EmailField(blank=True, default="")
    language_code = models.CharField(max_length=10, default="vi")
    channel = models.ForeignKey("channels.Channel", related_name="orders", on_delete=models.PROTECT)
    status = models.CharField(max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED)
    charge_status = models.CharField(
        max_length=20, choices=OrderChargeStatus.choices, default=OrderChargeStatus.NOT_CHARGED
    )
    gateway = models.CharField(max_length=64, blank=True, default="")
    currency = models.CharField(max_length=3)
    shipping_address = models.ForeignKey(
        "accounts.Address", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    billing_address = models.ForeignKey(
        "accounts.Address", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    shipping_method = models.ForeignKey(
        "shipping.ShippingMethod", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    shipping_method_name = models.CharField(max_length=255, blank=True, default="")
    collection_point = models.ForeignKey(
        "inventory.Warehouse", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    collection_point_name = models.CharField(max_length=255, blank=True, default="")
    subtotal_amount = _money(default=0)  # the lines at their prices, before the voucher
    shipping_price_amount = _money(default=0)
    # The voucher's discount (Saleor's Order.discounts/voucher/voucherCode); total = subtotal
    # + shipping - discount. Copied at purchase: editing or deleting the voucher changes nothing.
    discount_amount = _money(default=0)
    voucher = models.ForeignKey(
        "discounts.Voucher", related_name="orders", null=True, blank=True, on_delete=models.SET_NULL
    )
    voucher_code = models.CharField(max_length=64, blank=True, default="")
    discount_name = models.CharField(max_length=255, blank=True, default="")
    discount_value_type = models.CharField(max_length=10, blank=True, default="")
    discount_value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True)
    total_gross_amount = _money(default=0)
    total_charged_amount = _money(default=0)
    # Authorized but not charged yet (a cash-on-delivery order before the cash is collected).
    total_authorized_amount = _money(default=0)
    # Given back to the buyer (refunds that succeeded); never more than was charged.
    total_refunded_amount = _money(default=0)
    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ("-number",)
        constraints = [
            models.CheckConstraint(condition=Q(total_gross_amount__gte=0), name="order_total_not_negative"),
            models.CheckConstraint(
                condition=Q(
                    subtotal_amount__gte=0, shipping_price_amount__gte=0, total_charged_amount__gte=0
                ),
                name="order_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(
                    total_gross_amount=F("subtotal_amount")
                    + F("shipping_price_amount")
                    - F("discount_amount")
                ),
                name="order_total_is_subtotal_plus_shipping_less_discount",
            ),
            models.CheckConstraint(
                condition=Q(discount_amount__gte=0, discount_amount__lte=F("subtotal_amount")),
                name="order_discount_within_subtotal",
            ),
            models.CheckConstraint(
                condition=Q(total_authorized_amount__gte=0), name="order_authorized_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(
                    total_refunded_amount__gte=0, total_refunded_amount__lte=F("total_charged_amount")
                ),
                name="order_refunded_within_charged",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number}"


class VendorOrder(models.Model):
    order = models.ForeignKey(Order, related_name="vendor_orders", on_delete=models.CASCADE)
    vendor = models.ForeignKey("shops.Vendor", related_name="orders", on_delete=models.PROTECT)
    status = models.CharField(
        max_length=32, choices=VendorOrderStatus.choices, default=VendorOrderStatus.UNFULFILLED
    )
    currency = models.CharField(max_length=3)
    weight_grams = models.PositiveIntegerField(default=0)
    subtotal_amount = _money()
    shipping_price_amount = _money(default=0)
    # This part's share of the order's voucher discount (what the buyer saved on it), and how
    # much of that the shop pays: all of it for the shop's own voucher, none for the
    # marketplace's (the marketplace pays, the shop is paid on its undiscounted subtotal).
    discount_amount = _money(default=0)
    shop_discount_amount = _money(default=0)
    commission_rate = models.DecimalField(max_digits=5, decimal_places=2)  # percent, copied at purchase
    commission_amount = _money()
    payout_amount = _money()
    is_paid = models.BooleanField(default=False)
    paid_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("vendor order")
        verbose_name_plural = _("vendor orders")
        ordering = ("-created_at", "pk")
        indexes = [models.Index(fields=["vendor", "created_at"], name="vendor_order_vendor_created")]
        constraints = [
            models.UniqueConstraint(fields=["order", "vendor"], name="uniq_vendor_order"),
            models.CheckConstraint(
                condition=Q(subtotal_amount__gte=0, shipping_price_amount__gte=0, commission_amount__gte=0),
                name="vendor_order_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(
                    shop_discount_amount__gte=0,
                    shop_discount_amount__lte=F("discount_amount"),
                    discount_amount__lte=F("subtotal_amount"),
                ),
                name="vendor_order_discount_within_subtotal",
            ),
            models.CheckConstraint(
                condition=Q(commission_amount__lte=F("subtotal_amount") - F("shop_discount_amount")),
                name="vendor_order_commission_within_sales",
            ),
            models.CheckConstraint(
                condition=Q(
                    payout_amount=F("subtotal_amount")
                    - F("shop_discount_amount")
                    - F("commission_amount")
                    + F("shipping_price_amount")
                ),
                name="vendor_order_payout_formula_with_shop_discount",
            ),
        ]


class OrderLine(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    vendor_order = models.ForeignKey(VendorOrder, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey(
        "catalog.ProductVariant", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    product_name = models.CharField(max_length=386)
    variant_name = models.CharField(max_length=255, blank=True, default="")
    translated_product_name = models.CharField(max_length=386, blank=True, default="")
    translated_variant_name = models.CharField(max_length=255, blank=True, default="")
    product_sku = models.CharField(max_length=255, blank=True, default="")
    is_shipping_required = models.BooleanField(default=True)
    quantity = models.PositiveIntegerField()
    quantity_fulfilled = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3)
    unit_price_gross_amount = _money()
    total_price_gross_amount = _money()
    # The line's share of its part's voucher discount (in proportion to the part's line
    # totals, whole đồng adding up to the part's): what a refund of the whole line gives back
    # less. total_price_gross_amount stays the undiscounted line total.
    discount_amount = _money(default=0)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ("sort_order", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_line_quantity_positive"),
            models.CheckConstraint(
                condition=Q(quantity_fulfilled__lte=F("quantity")),
                name="order_line_fulfilled_within_quantity",
            ),
            models.CheckConstraint(
                condition=Q(unit_price_gross_amount__gte=0), name="order_line_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(discount_amount__gte=0, discount_amount__lte=F("total_price_gross_amount")),
                name="order_line_discount_within_total",
            ),
        ]


class FulfillmentStatus(models.TextChoices):
    """Saleor's: a shipment is FULFILLED; units a buyer sent back form a RETURNED fulfilment
    (REFUNDED_AND_RETURNED once refunded), units refunded and kept by the buyer a REFUNDED one."""

    FULFILLED = "FULFILLED", _("Fulfilled")
    REFUNDED = "REFUNDED", _("Refunded")
    RETURNED = "RETURNED", _("Returned")
    REPLACED = "REPLACED", _("Replaced")
    REFUNDED_AND_RETURNED = "REFUNDED_AND_RETURNED", _("Refunded and returned")
    CANCELED = "CANCELED", _("Canceled")


class Fulfillment(models.Model):
    order = models.ForeignKey(Order, related_name="fulfillments", on_delete=models.CASCADE)
    vendor_order = models.ForeignKey(VendorOrder, related_name="fulfillments", on_delete=models.CASCADE)
    fulfillment_order = models.PositiveIntegerField()
    status = models.CharField(
        max_length=32, choices=FulfillmentStatus.choices, default=FulfillmentStatus.FULFILLED
    )
    tracking_number = models.CharField(max_length=255, blank=True, default="")
    carrier = models.CharField(max_length=64, blank=True, default="")  # the courier, e.g. "Viettel Post"
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("fulfillment")
        verbose_name_plural = _("fulfillments")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["order", "fulfillment_order"], name="uniq_fulfillment_order"),
        ]


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, related_name="lines", on_delete=models.CASCADE)
    order_line = models.ForeignKey(OrderLine, related_name="fulfillment_lines", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("fulfillment line")
        verbose_name_plural = _("fulfillment lines")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="fulfillment_line_quantity_positive"),
        ]


class GrantedRefundStatus(models.TextChoices):
    """Saleor's ``OrderGrantedRefundStatusEnum``: NONE (granted, not requested yet), PENDING
    (asked of the provider, or awaiting the shop's transfer), SUCCESS, FAILURE."""

    NONE = "NONE", _("Not requested")
    PENDING = "PENDING", _("Pending")
    SUCCESS = "SUCCESS", _("Refunded")
    FAILURE = "FAILURE", _("Failed")


class OrderGrantedRefund(models.Model):
    """Money the marketplace gives back to the buyer (Saleor's granted refund): an amount, the
    lines it covers, the part (shop) whose goods it is for, and what paid for them (a
    transaction, or the older API's payment). Every granted refund that has not failed holds its
    amount: together they never exceed what the order was charged."""

    order = models.ForeignKey(Order, related_name="granted_refunds", on_delete=models.CASCADE)
    # The shop whose goods are refunded (its payout statement shows it); null: the marketplace's.
    vendor_order = models.ForeignKey(
        VendorOrder, related_name="granted_refunds", null=True, blank=True, on_delete=models.CASCADE
    )
    status = models.CharField(
        max_length=16, choices=GrantedRefundStatus.choices, default=GrantedRefundStatus.NONE
    )
    currency = models.CharField(max_length=3)
    amount_value = _money()
    # Of which the shop's shipping (when shipping_costs_included) and its goods.
    shipping_amount = _money(default=0)
    shipping_costs_included = models.BooleanField(default=False)
    reason = models.TextField(blank=True, default="")
    transaction = models.ForeignKey(
        "payments.TransactionItem",
        related_name="granted_refunds",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    payment = models.ForeignKey(
        "payments.Payment", related_name="granted_refunds", null=True, blank=True, on_delete=models.PROTECT
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    # A cash-on-delivery refund: the shop's transfer to the buyer, as it reported it.
    transfer_reference = models.CharField(max_length=255, blank=True, default="")
    refunded_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("granted refund")
        verbose_name_plural = _("granted refunds")
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(amount_value__gt=0), name="granted_refund_amount_positive"),
            models.CheckConstraint(
                condition=Q(shipping_amount__gte=0, shipping_amount__lte=F("amount_value")),
                name="granted_refund_shipping_within_amount",
            ),
        ]

    @property
    def goods_amount(self):  # type: ignore[no-untyped-def]
        return self.amount_value - self.shipping_amount


class OrderGrantedRefundLine(models.Model):
    granted_refund = models.ForeignKey(OrderGrantedRefund, related_name="lines", on_delete=models.CASCADE)
    order_line = models.ForeignKey(OrderLine, related_name="granted_refund_lines", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField()
    reason = models.CharField(max_length=1000, blank=True, default="")

    class Meta:
        verbose_name = _("granted refund line")
        verbose_name_plural = _("granted refund lines")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="granted_refund_line_quantity_positive"
            ),
        ]
