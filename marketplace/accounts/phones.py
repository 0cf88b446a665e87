"""Phone numbers, validated with Google's libphonenumber (the ``phonenumbers`` package, as
Saleor does) and stored in E.164 (``+84912345678``).

Buyers are Vietnamese shoppers and foreign tourists: an address or a buyer may give any
valid number of any country. Where the domain needs a Vietnamese number (a shop's contact,
its workshop), ``vietnamese=True`` refuses the others. A number written without a leading
``+`` (or ``00``) is read as a Vietnamese one: ``0912 345 678`` -> ``+84912345678``.
"""

import phonenumbers
from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import TranslatableError

DEFAULT_REGION = "VN"
VIETNAM_COUNTRY_CODE = 84
MAX_INPUT_LENGTH = 40  # "+84 (0) 24 3826 4567" and the like fit; E.164 is 16 at most


class InvalidPhone(TranslatableError, ValueError):
    """The number cannot be stored; the message says why, for the person who typed it."""


def normalize_phone(value: str, *, vietnamese: bool = False) -> str:
    """The E.164 form of a valid number, or ``InvalidPhone``."""
    text = value.strip()
    if len(text) > MAX_INPUT_LENGTH:
        raise InvalidPhone(_("A phone number has at most %(limit)s characters."), limit=MAX_INPUT_LENGTH)
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise InvalidPhone(_("Not a phone number.")) from None
    if number.extension:
        raise InvalidPhone(_("Give the number without an extension."))
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(
            _(
                "Not a valid phone number: check the digits, and give the country code (+33, +81, ...) "
                "for a number outside Vietnam."
            )
        )
    if vietnamese and number.country_code != VIETNAM_COUNTRY_CODE:
        raise InvalidPhone(
            _(
                "A Vietnamese phone number is required here (+84..., or 0... without the country code); "
                "this one is a +%(country_code)s number."
            ),
            country_code=number.country_code,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
