"""Writes of vouchers: shops make vouchers for their own products (the vendor policy's
MANAGE_VOUCHERS: the shop's owner, or MANAGE_DISCOUNTS staff), staff holding
MANAGE_DISCOUNTS make the marketplace's; and the usage count, taken when an order is placed
and given back when it is canceled.

``voucher_create``/``voucher_update`` take the fields by their snake_case names
(``VOUCHER_FIELDS``); an update changes only the fields given.
"""

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.channels.models import Channel
from marketplace.core.errors import field_error
from marketplace.core.money import quantize
from marketplace.core.text import nfc
from marketplace.discounts.error_codes import DiscountErrorCode
from marketplace.discounts.models import DiscountValueType, Voucher, VoucherCode, VoucherType
from marketplace.discounts.selectors import vouchers_for
from vendors.shops import policies
from vendors.shops.models import Vendor
from vendors.shops.policies import VendorAction

CODE = re.compile(r"^[A-Za-z0-9_-]{3,64}$")
MAX_CODES = 50
MAX_NAME = 255
MAX_FIXED = Decimal(100_000_000)  # đồng: well above any craft order, far below overflow
MAX_LIMIT = 10_000_000
VOUCHER_FIELDS = frozenset(
    {
        "name",
        "codes",
        "type",
        "channel",
        "discount_value_type",
        "discount_value",
        "min_amount_spent",
        "start_date",
        "end_date",
        "usage_limit",
        "usage_limit_per_customer",
        "apply_once_per_customer",
    }
)
E = DiscountErrorCode


def _require_manage(actor: Actor, vendor_id: int | None) -> None:
    if vendor_id is None:
        if not has_permissions(actor, [PermissionEnum.MANAGE_DISCOUNTS]):
            raise PermissionDenied(_("You need the MANAGE_DISCOUNTS permission."))
        return
    policies.require(actor, VendorAction.MANAGE_VOUCHERS, vendor_id)


def _codes(values: list[str] | None) -> list[str]:
    values = values or []
    if len(values) > MAX_CODES:
        raise field_error("add_codes", E.INVALID, _("At most %(limit)s codes."), limit=MAX_CODES)
    cleaned = [nfc(value or "").strip() for value in values]
    for code in cleaned:
        if not CODE.match(code):
            raise field_error(
                "add_codes",
                E.INVALID,
                _("A code is 3 to 64 letters, digits, '-' or '_' (no spaces or accents)."),
            )
    if len({code.upper() for code in cleaned}) != len(cleaned):
        raise field_error("add_codes", E.DUPLICATED_INPUT_ITEM, _("A code is given twice."))
    taken = VoucherCode.objects.annotate(upper=Upper("code")).filter(upper__in=[c.upper() for c in cleaned])
    if taken.exists():
        raise field_error("add_codes", E.UNIQUE, _("This code is already taken."))
    return cleaned


def _decimal(value: Any, field: str) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise field_error(field, E.INVALID, _("Enter a number.")) from None
    if not number.is_finite():
        raise field_error(field, E.INVALID, _("Enter a number."))
    return number


def _limit(value: Any, field: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
        raise field_error(field, E.INVALID, _("Enter a whole number from 1 to %(max)s."), max=MAX_LIMIT)
    return value


def _apply(voucher: Voucher, data: Mapping[str, Any]) -> None:
    """Set the given fields on ``voucher`` (unsaved), each checked; then the whole checked."""
    unknown = set(data) - VOUCHER_FIELDS
    assert not unknown, unknown
    if "name" in data:
        name = nfc(data["name"] or "").strip()
        if len(name) > MAX_NAME:
            raise field_error("name", E.INVALID, _("At most %(limit)s characters."), limit=MAX_NAME)
        voucher.name = name
    if "type" in data and data["type"] is not None:
        if data["type"] != VoucherType.ENTIRE_ORDER:
            raise field_error(
                "type", E.INVALID, _("Only ENTIRE_ORDER vouchers exist here (a shop's: its whole part).")
            )
        voucher.type = data["type"]
    if "channel" in data:
        slug = data["channel"]
        channel = Channel.objects.filter(slug=slug).first() if slug else None
        if slug and channel is None:
            raise field_error("channel", E.NOT_FOUND, _("No channel with this slug."))
        voucher.channel = channel
        if channel is not None:
            voucher.currency = channel.currency_code
    if "discount_value_type" in data and data["discount_value_type"] is not None:
        voucher.discount_value_type = data["discount_value_type"]
    if "discount_value" in data:
        voucher.discount_value = _decimal(data["discount_value"], "discount_value")
    if "min_amount_spent" in data:
        voucher.min_spent_amount = _decimal(data["min_amount_spent"], "min_amount_spent")
    if "start_date" in data and data["start_date"] is not None:
        voucher.start_date = data["start_date"]
    if "end_date" in data:
        voucher.end_date = data["end_date"]
    if "usage_limit" in data:
        voucher.usage_limit = _limit(data["usage_limit"], "usage_limit")
    if "usage_limit_per_customer" in data:
        voucher.usage_limit_per_customer = _limit(
            data["usage_limit_per_customer"], "usage_limit_per_customer"
        )
    if data.get("apply_once_per_customer") is not None:
        once = data["apply_once_per_customer"]
        if once:
            voucher.usage_limit_per_customer = 1
        elif voucher.usage_limit_per_customer == 1:
            voucher.usage_limit_per_customer = None
    _check(voucher)


def _check(voucher: Voucher) -> None:
    value = voucher.discount_value
    if value is not None:
        if value <= 0:
            raise field_error("discount_value", E.INVALID, _("The discount must be more than 0."))
        if voucher.discount_value_type == DiscountValueType.PERCENTAGE:
            if value > 100 or value != value.quantize(Decimal("0.01")):
                raise field_error(
                    "discount_value", E.INVALID, _("A percentage is more than 0 and at most 100.")
                )
        elif value != quantize(value, voucher.currency) or value > MAX_FIXED:
            raise field_error(
                "discount_value",
                E.INVALID,
                _("An amount in whole %(currency)s, at most %(max)s."),
                currency=voucher.currency,
                max=int(MAX_FIXED),
            )
    minimum = voucher.min_spent_amount
    if minimum is not None and (minimum < 0 or minimum != quantize(minimum, voucher.currency)):
        raise field_error(
            "min_amount_spent", E.INVALID, _("An amount in whole %(currency)s."), currency=voucher.currency
        )
    if minimum is not None and minimum > MAX_FIXED:
        raise field_error("min_amount_spent", E.INVALID, _("At most %(max)s."), max=int(MAX_FIXED))
    if voucher.end_date is not None and voucher.end_date <= voucher.start_date:
        raise field_error("end_date", E.INVALID, _("The end date must be after the start date."))


def voucher_create(*, actor: Actor, vendor_id: int | None, data: Mapping[str, Any]) -> Voucher:
    """A voucher of the shop ``vendor_id`` (None: the marketplace's) with at least one code."""
    if vendor_id is not None and not Vendor.objects.filter(pk=vendor_id).exists():
        raise field_error("vendor", E.NOT_FOUND, _("No such shop."))
    _require_manage(actor, vendor_id)
    voucher = Voucher(vendor_id=vendor_id)
    _apply(voucher, {k: v for k, v in data.items() if k != "codes"})
    codes = _codes(data.get("codes"))
    if not codes:
        raise field_error("add_codes", E.REQUIRED, _("Give the voucher a code."))
    try:
        with transaction.atomic():
            voucher.save()
            VoucherCode.objects.bulk_create([VoucherCode(voucher=voucher, code=code) for code in codes])
    except IntegrityError:  # a concurrent create took a code between the check and the insert
        raise field_error("add_codes", E.UNIQUE, _("This code is already taken.")) from None
    return voucher


def _managed(actor: Actor, voucher_id: int) -> Voucher:
    """The voucher if ``actor`` may change it; NOT_FOUND when they may not even see it."""
    voucher = Voucher.objects.filter(pk=voucher_id).first()
    if voucher is None or not vouchers_for(actor).filter(pk=voucher_id).exists():
        raise field_error("id", E.NOT_FOUND, _("Couldn't resolve to a voucher."))
    _require_manage(actor, voucher.vendor_id)
    return voucher


def voucher_update(*, actor: Actor, voucher_id: int, data: Mapping[str, Any]) -> Voucher:
    voucher = _managed(actor, voucher_id)
    _apply(voucher, {k: v for k, v in data.items() if k != "codes"})
    codes = _codes(data.get("codes"))
    try:
        with transaction.atomic():
            voucher.save()
            VoucherCode.objects.bulk_create([VoucherCode(voucher=voucher, code=code) for code in codes])
    except IntegrityError:
        raise field_error("add_codes", E.UNIQUE, _("This code is already taken.")) from None
    return voucher


def voucher_delete(*, actor: Actor, voucher_id: int) -> Voucher:
    """Delete a voucher: checkouts holding its code lose it; orders keep the code and the
    discount they got (their voucher link is emptied)."""
    voucher = _managed(actor, voucher_id)
    pk = voucher.pk
    voucher.delete()
    voucher.pk = pk  # the API returns the deleted voucher with its ID, as Saleor does
    return voucher


# ---------------------------------------------------------------- usage


def lock_voucher(voucher_id: int) -> Voucher | None:
    """The voucher, row-locked until the caller's transaction ends: every use of it is
    counted one after the other (callers lock the checkout or order row first)."""
    return (
        Voucher.objects.select_for_update(of=("self",)).select_related("vendor").filter(pk=voucher_id).first()
    )


def record_use(*, code_id: int) -> None:
    """One more order placed with this code (the voucher row locked by the caller)."""
    VoucherCode.objects.filter(pk=code_id).update(used=F("used") + 1)


def release_use(*, voucher_id: int | None, code: str) -> None:
    """An order that used ``code`` was canceled or expired: its use comes back."""
    if voucher_id is None or not code:
        return
    if lock_voucher(voucher_id) is None:
        return
    VoucherCode.objects.filter(voucher_id=voucher_id, code=code, used__gt=0).update(used=F("used") - 1)
