"""Promo codes on a checkout (Saleor's ``checkoutAddPromoCode``/``checkoutRemovePromoCode``):
the marketplace's promo codes are voucher codes (it sells no gift cards).

One code per checkout: adding the applied code again changes nothing, adding another while
one is applied is refused (remove it first). A code is checked when added (Saleor's
answers: a code that is unknown, not started, expired, used up or of another channel is
INVALID; one that exists but does not fit this checkout is VOUCHER_NOT_APPLICABLE) and
again, under the voucher's lock, when the order is placed (``complete.py``). In between,
the checkout's discount is computed on every read and is 0 while the voucher does not
apply (a line removed below the minimum spend, say).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.fetch import CheckoutInfo, fetch_checkout_info
from marketplace.checkout.models import Checkout
from marketplace.core.errors import field_error
from marketplace.core.text import nfc
from marketplace.discounts.eligibility import Refused
from marketplace.discounts.selectors import code_lookup, voucher_uses
from marketplace.orders.selectors import voucher_uses_by

MAX_CODE_LENGTH = 255


def _clean(code: str, field: str) -> str:
    code = nfc(code or "").strip()
    if len(code) > MAX_CODE_LENGTH or "\x00" in code:
        raise field_error(field, CheckoutErrorCode.INVALID, _("Promo code is invalid"))
    return code


def _invalid() -> Exception:
    return field_error("promo_code", CheckoutErrorCode.INVALID, _("Promo code is invalid"))


def refusal_error(refused: Refused, field: str, *, at_completion: bool = False) -> Exception:
    code = (
        CheckoutErrorCode.INVALID
        if refused.reason.is_unknown and not at_completion
        else CheckoutErrorCode.VOUCHER_NOT_APPLICABLE
    )
    return field_error(field, code, refused.message, **refused.params)


def customer_uses(info: CheckoutInfo, actor: Actor = None) -> int:
    checkout = info.checkout
    assert info.voucher_code is not None
    user = checkout.user or actor_user(actor)
    return voucher_uses_by(
        voucher_id=info.voucher_code.voucher_id,
        email=checkout.email or (user.email if user else ""),
        user_id=user.pk if user else None,
    )


def add_promo_code(*, checkout: Checkout, code: str, actor: Actor = None) -> Checkout:
    code = _clean(code, "promo_code")
    found = code_lookup(code)
    if found is None:
        raise _invalid()
    if checkout.voucher_code_id == found.pk:
        return checkout  # already applied
    if checkout.voucher_code_id is not None:
        raise field_error(
            "promo_code",
            CheckoutErrorCode.INVALID,
            _("Only one promo code per checkout: remove the applied one first."),
        )
    info = fetch_checkout_info(checkout)
    info.voucher_code = found
    refused = info.voucher_refusal(
        used=voucher_uses(found.voucher_id), customer_uses=customer_uses(info, actor)
    )
    if refused is not None:
        raise refusal_error(refused, "promo_code")
    with transaction.atomic():
        # Only a checkout without a code gets one: two concurrent adds cannot both win.
        changed = Checkout.objects.filter(pk=checkout.pk, voucher_code__isnull=True).update(
            voucher_code=found, last_change=timezone.now()
        )
    if not changed:
        raise field_error(
            "promo_code",
            CheckoutErrorCode.INVALID,
            _("Only one promo code per checkout: remove the applied one first."),
        )
    checkout.refresh_from_db(fields=["voucher_code", "last_change"])
    return checkout


def remove_promo_code(*, checkout: Checkout, code: str) -> Checkout:
    code = _clean(code, "promo_code")
    applied = checkout.voucher_code
    if not code or applied is None or applied.code.upper() != code.upper():
        raise field_error("promo_code", CheckoutErrorCode.NOT_FOUND, _("Promo code does not exists."))
    return _detach(checkout)


def remove_voucher(*, checkout: Checkout, voucher_id: int) -> Checkout:
    """``promoCodeId``: a voucher's ID; removing one that is not applied changes nothing (Saleor)."""
    applied = checkout.voucher_code
    if applied is not None and applied.voucher_id == voucher_id:
        return _detach(checkout)
    return checkout


def _detach(checkout: Checkout) -> Checkout:
    checkout.voucher_code = None
    checkout.last_change = timezone.now()
    Checkout.objects.filter(pk=checkout.pk).update(voucher_code=None, last_change=checkout.last_change)
    return checkout
