"""Vouchers (Saleor's names): a code the buyer types at checkout for money off.

Who pays: a voucher of a shop (``vendor`` set) discounts only that shop's part of a
checkout and the shop pays it (its sales, commission and payout are on the discounted
price); a voucher of the marketplace (``vendor`` empty, made by staff) discounts the
whole checkout, spread over the shops' parts, and the marketplace pays it (each shop is
paid on its undiscounted price). A voucher applies in one channel, with a value and a
minimum spend there (Saleor keeps these in a channel listing; one channel each here).

Usage is counted on the codes (``VoucherCode.used``) when an order is placed, under the
voucher's row lock, and given back when the order is canceled or expires; the per-buyer
limit counts the buyer's live orders that used the voucher.
"""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS


class VoucherType(models.TextChoices):
    ENTIRE_ORDER = "ENTIRE_ORDER", _("Entire order")


class DiscountValueType(models.TextChoices):
    FIXED = "FIXED", _("Fixed amount")
    PERCENTAGE = "PERCENTAGE", _("Percentage")


class Voucher(models.Model):
    # Empty: the marketplace's voucher (staff made it, the marketplace pays).
    vendor = models.ForeignKey(
        "shops.Vendor", related_name="vouchers", null=True, blank=True, on_delete=models.CASCADE
    )
    # Where it applies; empty: nowhere yet (Saleor's voucher without a channel listing).
    channel = models.ForeignKey(
        "channels.Channel", related_name="vouchers", null=True, blank=True, on_delete=models.CASCADE
    )
    name = models.CharField(max_length=255, blank=True, default="")
    type = models.CharField(max_length=20, choices=VoucherType.choices, default=VoucherType.ENTIRE_ORDER)
    discount_value_type = models.CharField(
        max_length=10, choices=DiscountValueType.choices, default=DiscountValueType.PERCENTAGE
    )
    # A percentage (0 < x <= 100) or an amount in the channel's currency; empty: not set yet.
    discount_value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True)
    currency = models.CharField(max_length=3, default="VND")
    min_spent_amount = models.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True
    )
    start_date = models.DateTimeField(default=timezone.now)
    end_date = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(null=True, blank=True)  # every code together
    # Ours: uses per buyer (Saleor's applyOncePerCustomer is 1).
    usage_limit_per_customer = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(discount_value__isnull=True) | Q(discount_value__gt=0),
                name="voucher_value_positive",
            ),
            models.CheckConstraint(
                condition=~Q(discount_value_type=DiscountValueType.PERCENTAGE) | Q(discount_value__lte=100),
                name="voucher_percentage_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(min_spent_amount__isnull=True) | Q(min_spent_amount__gte=0),
                name="voucher_min_spent_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=F("start_date")),
                name="voucher_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(usage_limit__isnull=True) | Q(usage_limit__gte=1),
                name="voucher_usage_limit_positive",
            ),
            models.CheckConstraint(
                condition=Q(usage_limit_per_customer__isnull=True) | Q(usage_limit_per_customer__gte=1),
                name="voucher_customer_limit_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"voucher {self.pk}"

    @property
    def apply_once_per_customer(self) -> bool:
        return self.usage_limit_per_customer == 1


class VoucherCode(models.Model):
    voucher = models.ForeignKey(Voucher, related_name="codes", on_delete=models.CASCADE)
    code = models.CharField(max_length=64)
    used = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("voucher code")
        verbose_name_plural = _("voucher codes")
        ordering = ("created_at", "pk")
        constraints = [
            # Buyers type codes in any case: TET2027 and tet2027 are one code.
            models.UniqueConstraint(Upper("code"), name="uniq_voucher_code_any_case"),
        ]

    def __str__(self) -> str:
        return self.code
