"""The voucher's discount and its split over the shops' parts: exact đồng that add up."""

from decimal import Decimal

import pytest

from marketplace.discounts.models import DiscountValueType, Voucher
from marketplace.discounts.pricing import split, split_proportionally

D = Decimal


def voucher(value, kind=DiscountValueType.PERCENTAGE, vendor_id=None) -> Voucher:  # type: ignore[no-untyped-def]
    return Voucher(discount_value=D(value), discount_value_type=kind, vendor_id=vendor_id)


def test_a_shops_voucher_discounts_only_its_part():
    result = split(voucher(10, vendor_id=2), {1: D(300_000), 2: D(125_005)}, "VND")
    assert result.amount == D(12_501)  # 12 500.5 rounded half up
    assert result.by_vendor == {1: D(0), 2: D(12_501)} and result.shop_pays


def test_a_fixed_voucher_never_exceeds_what_it_applies_to():
    assert split(voucher(500_000, DiscountValueType.FIXED, 1), {1: D(80_000)}, "VND").amount == D(80_000)
    assert split(voucher(50_000, DiscountValueType.FIXED), {1: D(10_000), 2: D(5_000)}, "VND").amount == D(
        15_000
    )


def test_the_marketplaces_voucher_is_spread_in_proportion_and_sums_exactly():
    result = split(
        voucher(100_000, DiscountValueType.FIXED), {1: D(100_000), 2: D(100_000), 3: D(100_000)}, "VND"
    )
    assert result.by_vendor == {1: D(33_334), 2: D(33_333), 3: D(33_333)} and not result.shop_pays
    assert sum(result.by_vendor.values()) == result.amount == D(100_000)


@pytest.mark.parametrize(
    ("amount", "weights"),
    [
        (D(1), {1: D(1), 2: D(1), 3: D(1)}),
        (D(99_999), {1: D(7), 2: D(13), 3: D(980_001)}),
        (D(12_345), {1: D(333_333), 2: D(666_667)}),
        (D(0), {1: D(5)}),
    ],
)
def test_proportional_split_sums_to_the_amount(amount, weights):
    shares = split_proportionally(amount, weights, "VND")
    assert sum(shares.values()) == amount
    assert all(share >= 0 and share == share.to_integral_value() for share in shares.values())
    total = sum(weights.values())
    for key, share in shares.items():
        assert abs(share - amount * weights[key] / total) < 1


def test_a_parts_discount_over_its_lines_adds_up():
    lines = {0: D(3 * 133_333), 1: D(77_777), 2: D(1)}
    shares = split_proportionally(D(47_654), lines, "VND")
    assert sum(shares.values()) == D(47_654)
    assert all(0 <= shares[key] <= lines[key] for key in lines)
