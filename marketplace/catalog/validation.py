"""Input checks shared by the catalogue services: prices, quantities, text, slugs."""

from decimal import Decimal, InvalidOperation

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.core.errors import field_error, grouped
from marketplace.core.money import currency_exponent
from marketplace.core.text import nfc, slugify_vi

# A sane ceiling: no craft product costs a billion đồng; a typo of extra zeros does. Prices
# (and cost prices, and a curator's showcase price) are strictly below it.
PRICE_LIMIT = {"VND": Decimal(1_000_000_000)}
DEFAULT_PRICE_LIMIT = Decimal(1_000_000_000)
MAX_STOCK = 1_000_000


def clean_price(value: object, *, currency: str, field: str, allow_zero: bool = False) -> Decimal:
    """A positive amount with no more decimals than the currency has (VND: whole đồng),
    below ``PRICE_LIMIT`` (VND: at most 999,999,999)."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise field_error(field, ProductErrorCode.INVALID_PRICE, _("Not a number.")) from None
    if not amount.is_finite() or amount < 0 or (amount == 0 and not allow_zero):
        raise field_error(field, ProductErrorCode.INVALID_PRICE, _("The price must be positive."))
    if amount != amount.quantize(Decimal(1).scaleb(-currency_exponent(currency))):
        raise field_error(
            field,
            ProductErrorCode.INVALID_PRICE,
            _("%(currency)s prices have %(decimals)s decimal places."),
            currency=currency,
            decimals=currency_exponent(currency),
        )
    limit = PRICE_LIMIT.get(currency, DEFAULT_PRICE_LIMIT)
    if amount >= limit:
        raise field_error(
            field,
            ProductErrorCode.INVALID_PRICE,
            _("Prices are below %(limit)s %(currency)s."),
            limit=grouped(limit),  # type: ignore[arg-type]
            currency=currency,
        )
    return amount.quantize(Decimal(1).scaleb(-currency_exponent(currency)))


def clean_quantity(value: int, *, field: str) -> int:
    if value < 0 or value > MAX_STOCK:
        raise field_error(
            field,
            ProductErrorCode.OUT_OF_RANGE,
            _("Quantities go from 0 to %(limit)s."),
            limit=grouped(MAX_STOCK),
        )
    return value


def clean_text(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise field_error(field, ProductErrorCode.REQUIRED, _("This field is required."))
    if len(text) > max_length:
        raise field_error(
            field, ProductErrorCode.INVALID, _("At most %(limit)s characters."), limit=max_length
        )
    return text


def unique_slug(
    model: type[Model], *, wanted: str | None, name: str, field: str, exclude_pk: int | None = None
) -> str:
    """The given slug (must be free) or one made from the name (suffixed until free)."""
    if wanted:
        slug = slugify_vi(wanted)[:240]
        if not slug:
            raise field_error(field, ProductErrorCode.INVALID, _("A slug needs letters or digits."))
        taken = model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()  # type: ignore[attr-defined]
        if taken:
            raise field_error(field, ProductErrorCode.UNIQUE, _("This slug is already taken."))
        return slug
    base = slugify_vi(name)[:230] or "san-pham"
    slug, index = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():  # type: ignore[attr-defined]
        slug, index = f"{base}-{index}", index + 1
    return slug
