"""What a voucher takes off a checkout, and how that is split over the shops' parts.

- A shop's voucher: computed on that shop's part only, all of it on that part.
- The marketplace's voucher: computed on the whole subtotal (shipping is never
  discounted), spread over the parts in proportion to their subtotals, in whole minor
  units (đồng) by the largest remainder, so the parts add up to the discount exactly.

A percentage is rounded half up to the đồng; a fixed amount never exceeds what it applies to.
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from marketplace.core.money import currency_exponent, quantize
from marketplace.discounts.models import DiscountValueType, Voucher


@dataclass(frozen=True)
class DiscountSplit:
    amount: Decimal  # what the buyer saves
    by_vendor: dict[int, Decimal]  # each shop's part of it (sums to ``amount``)
    shop_pays: bool  # a shop's voucher: the shop pays; else the marketplace


def eligible_subtotal(voucher: Voucher, parts: dict[int, Decimal]) -> Decimal:
    """What the voucher applies to: the shop's part, or every part."""
    if voucher.vendor_id is not None:
        return parts.get(voucher.vendor_id, Decimal(0))
    return sum(parts.values(), Decimal(0))


def discount_amount(voucher: Voucher, base: Decimal, currency: str) -> Decimal:
    value = voucher.discount_value or Decimal(0)
    if voucher.discount_value_type == DiscountValueType.PERCENTAGE:
        amount = quantize(base * value / 100, currency)
    else:
        amount = quantize(value, currency)
    return max(min(amount, base), quantize(0, currency))


def split_proportionally(amount: Decimal, weights: dict[int, Decimal], currency: str) -> dict[int, Decimal]:
    """``amount`` spread over ``weights`` in whole minor units, summing to ``amount``; the
    units left after rounding down go to the largest remainders (ties: the order given)."""
    total = sum(weights.values(), Decimal(0))
    if total <= 0 or amount <= 0:
        return {key: quantize(0, currency) for key in weights}
    unit = Decimal(1).scaleb(-currency_exponent(currency))
    shares: dict[int, Decimal] = {}
    remainders: list[tuple[Decimal, int, int]] = []
    for position, (key, weight) in enumerate(weights.items()):
        exact = amount * weight / total
        floor = exact.quantize(unit, rounding=ROUND_FLOOR)
        shares[key] = floor
        remainders.append((exact - floor, -position, key))
    left = int((amount - sum(shares.values(), Decimal(0))) / unit)
    for _, _, key in sorted(remainders, reverse=True)[:left]:
        shares[key] += unit
    return shares


def split(voucher: Voucher, parts: dict[int, Decimal], currency: str) -> DiscountSplit:
    """The discount of ``voucher`` on ``parts`` (shop id -> subtotal), split by shop."""
    amount = discount_amount(voucher, eligible_subtotal(voucher, parts), currency)
    if voucher.vendor_id is not None:
        by_vendor = {key: quantize(0, currency) for key in parts}
        if voucher.vendor_id in parts:
            by_vendor[voucher.vendor_id] = amount
        return DiscountSplit(amount, by_vendor, shop_pays=True)
    return DiscountSplit(amount, split_proportionally(amount, parts, currency), shop_pays=False)
