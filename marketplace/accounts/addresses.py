"""Validation of postal addresses in Vietnam's two-tier form (since 1 July 2025):
``country_area`` is the province, ``city`` the commune or ward. Both are matched
accent-insensitively and stored in their official spelling; "xa bat trang, ha noi" in
``city`` alone is understood too. The marketplace delivers in Vietnam only."""

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.phones import InvalidPhone, normalize_phone
from marketplace.accounts.vn_units import find_province, find_ward
from marketplace.core.errors import field_error
from marketplace.core.text import nfc

TEXT_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "street_address_1",
    "street_address_2",
    "city",
    "city_area",
    "postal_code",
    "country",
    "country_area",
    "phone",
)
MAX_LENGTHS = {"postal_code": 20, "country": 2, "city_area": 128, "country_area": 128}
POSTAL_CODE = re.compile(r"^\d{5}$")


def validate_address(
    data: dict[str, Any],
    *,
    vietnamese_phone: bool = False,
    check_required: bool = True,
    check_format: bool = True,
    normalize: bool = True,
) -> dict[str, str]:
    """Clean address input into model field values, or raise a ValidationError keyed by field.

    The phone may be any country's (a tourist's own number), unless ``vietnamese_phone``
    (a shop's workshop). Saleor's validation rules: without ``check_required`` a missing
    street, commune or province is accepted; without ``check_format`` an unknown province
    or commune, a malformed postal code or phone are kept as given; without ``normalize``
    the values are checked but kept as typed (not the official spellings, the phone not in
    E.164). Lengths and the country (Vietnam only) are always checked."""
    cleaned = {field: nfc(str(data.get(field) or "")).strip() for field in TEXT_FIELDS}
    for field, value in cleaned.items():
        if field != "phone" and len(value) > MAX_LENGTHS.get(field, 256):
            raise field_error(
                field,
                AccountErrorCode.INVALID,
                _("At most %(limit)s characters."),
                limit=MAX_LENGTHS.get(field, 256),
            )
    country = (cleaned["country"] or "VN").upper()
    if country != "VN":
        raise field_error(
            "country", AccountErrorCode.INVALID_ADDRESS, _("We deliver only to addresses in Vietnam (VN).")
        )
    cleaned["country"] = country
    if check_required:
        for field in ("street_address_1", "city"):
            if not cleaned[field]:
                raise field_error(field, AccountErrorCode.REQUIRED, _("This field is required."))
    _place(cleaned, check_required=check_required, check_format=check_format, normalize=normalize)
    if cleaned["postal_code"] and not POSTAL_CODE.match(cleaned["postal_code"]) and check_format:
        raise field_error(
            "postal_code", AccountErrorCode.INVALID_POSTAL_CODE, _("Postal codes have 5 digits.")
        )
    if cleaned["phone"]:
        try:
            phone = normalize_phone(cleaned["phone"], vietnamese=vietnamese_phone)
        except InvalidPhone as exc:
            if check_format:
                raise exc.as_field_error("phone", AccountErrorCode.INVALID_PHONE) from None
        else:
            if normalize:
                cleaned["phone"] = phone
    if len(cleaned["phone"]) > 20:
        raise field_error("phone", AccountErrorCode.INVALID, _("At most 20 characters."))
    return cleaned


def _place(cleaned: dict[str, str], *, check_required: bool, check_format: bool, normalize: bool) -> None:
    """The province (``country_area``) and the commune or ward (``city``); "xa bat trang,
    ha noi" in ``city`` alone is understood too."""
    city, _ignored, rest = cleaned["city"].partition(",")
    province_text = cleaned["country_area"] or rest
    if not cleaned["country_area"] and rest.strip():
        cleaned["city"], cleaned["country_area"] = city.strip(), rest.strip()
    if not province_text.strip():
        if check_required:
            raise field_error(
                "country_area", AccountErrorCode.REQUIRED, _("The province or city is required.")
            )
        return
    province = find_province(province_text)
    if province is None:
        if check_format:
            raise field_error(
                "country_area",
                AccountErrorCode.INVALID_ADDRESS,
                _("Unknown province: %(province)s (one of the 34 provinces since 2025)."),
                province=repr(province_text.strip()[:60]),
            )
        return
    ward = find_ward(province, city) if city.strip() else None
    if ward is None and check_format and (city.strip() or check_required):
        raise field_error(
            "city",
            AccountErrorCode.INVALID_ADDRESS,
            _("No commune or ward %(ward)s in %(province)s."),
            ward=repr(city.strip()[:60]),
            province=province.name,
        )
    if normalize:
        cleaned["country_area"] = province.name
        if ward is not None:
            cleaned["city"] = ward.name


def canonical_province(text: str) -> str:
    """The official name of the province ``text`` names (accents, case and prefixes aside),
    or ``text`` itself when it names none: how shipping zones are matched."""
    province = find_province(text) if text else None
    return province.name if province else text


def address_values(address: Any) -> dict[str, str]:
    """An ``Address``'s values, as ``validate_address`` takes them."""
    return {field: getattr(address, field) for field in TEXT_FIELDS}
