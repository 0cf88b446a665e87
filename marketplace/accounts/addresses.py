"""Validation of postal addresses in Vietnam's two-tier form (since 1 July 2025):
``country_area`` is the province, ``city`` the commune or ward. Both are matched
accent-insensitively and stored in their official spelling; "xa bat trang, ha noi" in
``city`` alone is understood too. The marketplace delivers in Vietnam only."""

import re
from typing import Any

from django.core.exceptions import ValidationError

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.phones import InvalidPhone, normalize_phone
from marketplace.accounts.vn_units import find_province, find_ward
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


def _error(field: str, code: AccountErrorCode, message: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def validate_address(data: dict[str, Any], *, vietnamese_phone: bool = False) -> dict[str, str]:
    """Clean address input into model field values, or raise a ValidationError keyed by field.

    The phone may be any country's (a tourist's own number), unless ``vietnamese_phone``
    (a shop's workshop)."""
    cleaned = {field: nfc(str(data.get(field) or "")).strip() for field in TEXT_FIELDS}
    for field, value in cleaned.items():
        if field != "phone" and len(value) > MAX_LENGTHS.get(field, 256):
            raise _error(
                field, AccountErrorCode.INVALID, f"At most {MAX_LENGTHS.get(field, 256)} characters."
            )
    country = (cleaned["country"] or "VN").upper()
    if country != "VN":
        raise _error(
            "country", AccountErrorCode.INVALID_ADDRESS, "We deliver only to addresses in Vietnam (VN)."
        )
    cleaned["country"] = country
    for field in ("street_address_1", "city"):
        if not cleaned[field]:
            raise _error(field, AccountErrorCode.REQUIRED, "This field is required.")
    city, _, rest = cleaned["city"].partition(",")
    province_text = cleaned["country_area"] or rest
    if not province_text.strip():
        raise _error("country_area", AccountErrorCode.REQUIRED, "The province or city is required.")
    province = find_province(province_text)
    if province is None:
        raise _error(
            "country_area",
            AccountErrorCode.INVALID_ADDRESS,
            f"Unknown province: {province_text.strip()[:60]!r} (one of the 34 provinces since 2025).",
        )
    ward = find_ward(province, city)
    if ward is None:
        raise _error(
            "city",
            AccountErrorCode.INVALID_ADDRESS,
            f"No commune or ward {city.strip()[:60]!r} in {province.name}.",
        )
    cleaned["country_area"], cleaned["city"] = province.name, ward.name
    if cleaned["postal_code"] and not POSTAL_CODE.match(cleaned["postal_code"]):
        raise _error("postal_code", AccountErrorCode.INVALID_POSTAL_CODE, "Postal codes have 5 digits.")
    if cleaned["phone"]:
        try:
            cleaned["phone"] = normalize_phone(cleaned["phone"], vietnamese=vietnamese_phone)
        except InvalidPhone as exc:
            raise _error("phone", AccountErrorCode.INVALID_PHONE, str(exc)) from None
    return cleaned
