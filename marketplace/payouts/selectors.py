"""A shop's monthly payout statement.

Counted: the shop's parts of orders placed in the month (Asia/Ho_Chi_Minh) whose money
was received — online payments confirmed, cash on delivery marked collected — and not
canceled. Gross sales are the goods at their listed prices; the shop's own vouchers
(``shop_discounts``) come off them, giving its net sales, on which commission was computed
at purchase; the marketplace's vouchers (``marketplace_discounts``) are the marketplace's to
pay and change nothing for the shop (shown for reference).

Refunds are counted in the month they were made (an adjustment of that month's statement,
whenever the order was placed): the refunds of the shop's goods (and of its parcels'
shipping) of parts that were not canceled are taken off, the commission on the refunded
goods is given back to the shop. Tax withheld follows Decree 117/2025/NĐ-CP for household
and individual sellers of goods: VAT 1% + personal income tax 0.5% of net sales less
refunds, each rounded to the đồng. The payout is net sales - refunds - (commission - the
commission refunded) + the shipping collected for the shop's parcels - the shipping
refunded - tax withheld.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Sum

from marketplace.core.money import quantize
from marketplace.orders.models import GrantedRefundStatus, OrderGrantedRefund, VendorOrder, VendorOrderStatus
from vendors.shops.models import Vendor

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PERIOD = re.compile(r"^(\d{4})-(\d{2})$")
VAT_RATE = Decimal("0.01")
PIT_RATE = Decimal("0.005")


@dataclass(frozen=True)
class PayoutSummary:
    vendor: Vendor
    period: str
    currency: str
    gross_sales: Decimal
    shop_discounts: Decimal
    marketplace_discounts: Decimal
    net_sales: Decimal
    commission: Decimal
    shipping: Decimal
    tax_withheld: Decimal
    payout: Decimal
    order_count: int
    refunds: Decimal = Decimal(0)  # the shop's goods refunded in the month
    shipping_refunded: Decimal = Decimal(0)
    commission_refunded: Decimal = Decimal(0)  # the commission on those goods, given back
    refund_count: int = 0


def month_bounds(period: str) -> tuple[datetime, datetime]:
    """``"2026-11"`` -> its first instant and the next month's, in Vietnam's time zone."""
    match = PERIOD.match(period or "")
    if not match or not (1 <= int(match[2]) <= 12) or not (2000 <= int(match[1]) <= 2100):
        raise ValueError("The period must be a month written YYYY-MM, e.g. 2026-11.")
    year, month = int(match[1]), int(match[2])
    start = datetime(year, month, 1, tzinfo=VN_TZ)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=VN_TZ)
    return start, end


def withheld_tax(gross: Decimal, currency: str) -> Decimal:
    return quantize(gross * VAT_RATE, currency) + quantize(gross * PIT_RATE, currency)


def payout_summary(*, vendor: Vendor, period: str, currency: str = "VND") -> PayoutSummary:
    start, end = month_bounds(period)
    totals = (
        VendorOrder.objects.filter(vendor=vendor, created_at__gte=start, created_at__lt=end, is_paid=True)
        .exclude(status=VendorOrderStatus.CANCELED)
        .aggregate(
            gross=Sum("subtotal_amount"),
            discounts=Sum("discount_amount"),
            shop_discounts=Sum("shop_discount_amount"),
            commission=Sum("commission_amount"),
            shipping=Sum("shipping_price_amount"),
            count=Count("pk"),
        )
    )
    refunded = (
        OrderGrantedRefund.objects.filter(
            vendor_order__vendor=vendor,
            status=GrantedRefundStatus.SUCCESS,
            refunded_at__gte=start,
            refunded_at__lt=end,
        )
        .exclude(vendor_order__status=VendorOrderStatus.CANCELED)
        .aggregate(
            total=Sum("amount_value"),
            shipping=Sum("shipping_amount"),
            commission=Sum(
                (F("amount_value") - F("shipping_amount")) * F("vendor_order__commission_rate") / 100
            ),
            count=Count("pk"),
        )
    )
    gross = quantize(totals["gross"] or 0, currency)
    shop_discounts = quantize(totals["shop_discounts"] or 0, currency)
    marketplace_discounts = quantize(totals["discounts"] or 0, currency) - shop_discounts
    net = gross - shop_discounts
    commission = quantize(totals["commission"] or 0, currency)
    shipping = quantize(totals["shipping"] or 0, currency)
    shipping_refunded = quantize(refunded["shipping"] or 0, currency)
    refunds = quantize(refunded["total"] or 0, currency) - shipping_refunded
    commission_refunded = quantize(refunded["commission"] or 0, currency)
    tax = withheld_tax(net - refunds, currency)
    return PayoutSummary(
        vendor=vendor,
        period=period,
        currency=currency,
        gross_sales=gross,
        shop_discounts=shop_discounts,
        marketplace_discounts=marketplace_discounts,
        net_sales=net,
        commission=commission,
        shipping=shipping,
        tax_withheld=tax,
        payout=net - refunds - (commission - commission_refunded) + shipping - shipping_refunded - tax,
        order_count=totals["count"],
        refunds=refunds,
        shipping_refunded=shipping_refunded,
        commission_refunded=commission_refunded,
        refund_count=refunded["count"],
    )
