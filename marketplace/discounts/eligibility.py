"""May this voucher apply to this checkout now? The one set of rules, used when a buyer
adds a code and again, under the voucher's lock, when the order is placed.

A refusal is a ``Refusal`` (what the checkout maps to Saleor's error codes) and a lazily
translated message.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import grouped
from marketplace.discounts.models import Voucher
from marketplace.discounts.pricing import eligible_subtotal


class Refusal(StrEnum):
    # Saleor treats these as an unknown code (its active-in-channel query leaves them out).
    UNKNOWN = "UNKNOWN"
    NOT_STARTED = "NOT_STARTED"
    EXPIRED = "EXPIRED"
    USED_UP = "USED_UP"
    # Saleor: the voucher exists but does not apply to this checkout.
    SHOP_NOT_IN_CHECKOUT = "SHOP_NOT_IN_CHECKOUT"
    MIN_SPENT = "MIN_SPENT"
    CUSTOMER_LIMIT = "CUSTOMER_LIMIT"

    @property
    def is_unknown(self) -> bool:
        return self in (Refusal.UNKNOWN, Refusal.NOT_STARTED, Refusal.EXPIRED, Refusal.USED_UP)


@dataclass(frozen=True)
class Refused:
    reason: Refusal
    message: Any  # a lazy translation
    params: dict[str, Any]


MESSAGES = {
    Refusal.UNKNOWN: _("Promo code is invalid"),
    Refusal.NOT_STARTED: _("This voucher is not valid yet."),
    Refusal.EXPIRED: _("This voucher has expired."),
    Refusal.USED_UP: _("This voucher has been used up."),
    Refusal.SHOP_NOT_IN_CHECKOUT: _("This voucher is for %(shop)s: add something of theirs first."),
    Refusal.MIN_SPENT: _("This voucher needs a spend of at least %(amount)s %(currency)s."),
    Refusal.CUSTOMER_LIMIT: _("You have already used this voucher as many times as it allows."),
}


def _refused(reason: Refusal, **params: Any) -> Refused:
    return Refused(reason, MESSAGES[reason], params)


def unknown() -> Refused:
    """A code that is gone or switched off: as if it never existed."""
    return _refused(Refusal.UNKNOWN)


def applicable_now(voucher: Voucher, *, channel_id: int, now: datetime) -> Refused | None:
    """The checks that need nothing but the voucher: channel, value and dates."""
    if voucher.channel_id != channel_id or voucher.discount_value is None:
        return _refused(Refusal.UNKNOWN)
    if voucher.start_date > now:
        return _refused(Refusal.NOT_STARTED)
    if voucher.end_date is not None and voucher.end_date <= now:
        return _refused(Refusal.EXPIRED)
    return None


def refusal(
    voucher: Voucher,
    *,
    channel_id: int,
    parts: dict[int, Decimal],
    now: datetime,
    used: int | None = None,
    customer_uses: int | None = None,
) -> Refused | None:
    """Why ``voucher`` cannot apply to a checkout of ``channel_id`` whose shops' parts are
    ``parts`` (shop id -> subtotal); ``used`` (the voucher's uses so far) and
    ``customer_uses`` (this buyer's) are checked when given."""
    refused = applicable_now(voucher, channel_id=channel_id, now=now)
    if refused is not None:
        return refused
    if used is not None and voucher.usage_limit is not None and used >= voucher.usage_limit:
        return _refused(Refusal.USED_UP)
    shop = voucher.vendor if voucher.vendor_id is not None else None
    if shop is not None and shop.pk not in parts:
        return _refused(Refusal.SHOP_NOT_IN_CHECKOUT, shop=shop.name)
    minimum = voucher.min_spent_amount
    if minimum and eligible_subtotal(voucher, parts) < minimum:
        return _refused(Refusal.MIN_SPENT, amount=grouped(int(minimum)), currency=voucher.currency)
    limit = voucher.usage_limit_per_customer
    if customer_uses is not None and limit is not None and customer_uses >= limit:
        return _refused(Refusal.CUSTOMER_LIMIT)
    return None
