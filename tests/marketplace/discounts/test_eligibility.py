"""The one set of rules a voucher meets when a code is added and when the order is placed."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from marketplace.discounts.eligibility import Refusal, refusal
from marketplace.discounts.models import Voucher
from vendors.shops.models import Vendor

NOW = timezone.now()
D = Decimal


def voucher(**fields) -> Voucher:  # type: ignore[no-untyped-def]
    values = {"channel_id": 1, "discount_value": D(10), "start_date": NOW - timedelta(days=1)}
    values.update(fields)
    return Voucher(**values)


def reason(v: Voucher, parts=None, **counts):  # type: ignore[no-untyped-def]
    found = refusal(v, channel_id=1, parts=parts or {7: D(100_000)}, now=NOW, **counts)
    return found.reason if found else None


def test_dates_are_checked_to_the_instant():
    assert reason(voucher(start_date=NOW + timedelta(seconds=1))) == Refusal.NOT_STARTED
    assert reason(voucher(start_date=NOW)) is None
    assert reason(voucher(end_date=NOW)) == Refusal.EXPIRED
    assert reason(voucher(end_date=NOW + timedelta(seconds=1))) is None


def test_channel_and_value_must_be_set():
    assert reason(voucher(channel_id=2)) == Refusal.UNKNOWN
    assert reason(voucher(discount_value=None)) == Refusal.UNKNOWN
    assert Refusal.UNKNOWN.is_unknown and not Refusal.MIN_SPENT.is_unknown


def test_limits_count_only_when_given():
    v = voucher(usage_limit=3, usage_limit_per_customer=1)
    assert reason(v) is None
    assert reason(v, used=2, customer_uses=0) is None
    assert reason(v, used=3) == Refusal.USED_UP
    assert reason(v, used=0, customer_uses=1) == Refusal.CUSTOMER_LIMIT


def test_a_shops_voucher_needs_its_shop_and_its_minimum_on_its_part():
    shop = Vendor(pk=7, name="Gốm Minh Châu")
    v = voucher(vendor=shop, min_spent_amount=D(150_000))
    assert reason(v, {8: D(900_000)}) == Refusal.SHOP_NOT_IN_CHECKOUT
    assert reason(v, {7: D(100_000), 8: D(900_000)}) == Refusal.MIN_SPENT  # the other shop does not count
    assert reason(v, {7: D(150_000)}) is None
    marketplace = voucher(min_spent_amount=D(150_000))
    assert reason(marketplace, {7: D(100_000), 8: D(50_000)}) is None  # the whole subtotal counts
