"""Promo codes on a checkout (Saleor's ``checkoutAddPromoCode``/``checkoutRemovePromoCode``).

The marketplace has no vouchers or gift cards yet, so every code is unknown and answered
as Saleor answers an unknown code. Vouchers plug in here: a ``PromoCodeSource`` finds a
code's promotion for a checkout, applies and removes it; list it in ``SOURCES``. The
checkout's discount, voucher code and discount name then come from ``applied``.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.core.errors import field_error
from marketplace.core.text import nfc

MAX_CODE_LENGTH = 255


@dataclass(frozen=True)
class AppliedPromotion:
    code: str
    name: str
    translated_name: str
    discount: Decimal


class PromoCodeSource(Protocol):
    def apply(self, checkout: Checkout, code: str) -> bool:
        """Apply the code to the checkout if it is one of this source's; False otherwise."""
        ...

    def remove(self, checkout: Checkout, code: str) -> bool:
        """Remove the code from the checkout if it is applied; False otherwise."""
        ...

    def applied(self, checkout: Checkout) -> list[AppliedPromotion]: ...


SOURCES: tuple[PromoCodeSource, ...] = ()


def _clean(code: str, field: str) -> str:
    code = nfc(code or "").strip()
    if len(code) > MAX_CODE_LENGTH or "\x00" in code:
        raise field_error(field, CheckoutErrorCode.INVALID, _("Promo code is invalid"))
    return code


def add_promo_code(*, checkout: Checkout, code: str) -> Checkout:
    code = _clean(code, "promo_code")
    if code and any(source.apply(checkout, code) for source in SOURCES):
        return checkout
    raise field_error("promo_code", CheckoutErrorCode.INVALID, _("Promo code is invalid"))


def remove_promo_code(*, checkout: Checkout, code: str) -> Checkout:
    code = _clean(code, "promo_code")
    if code and any(source.remove(checkout, code) for source in SOURCES):
        return checkout
    raise field_error("promo_code", CheckoutErrorCode.NOT_FOUND, _("Promo code does not exists."))


def applied(checkout: Checkout) -> list[AppliedPromotion]:
    return [promotion for source in SOURCES for promotion in source.applied(checkout)]
