"""Saleor's ``addressValidationRules`` for the addresses the marketplace accepts.

Vietnam since 1 July 2025 has two tiers: the province (34, ``countryArea``) and the
commune or ward (``city``); districts are gone. The rules say so to a storefront's address
form: the provinces as ``countryAreaChoices``, the communes and wards of the province as
``cityChoices`` once ``countryArea`` is given, the required fields and a 5-digit postal
code. Field names are Saleor's (camelCase, ``streetAddress1``); formats use Google's
libaddressinput letters (N name, O organisation, A street, C city, S province, Z postal).

The marketplace delivers in Vietnam only: another country gets neutral rules without
choices, and an address there is refused when it is used.
"""

from dataclasses import dataclass, field

from marketplace.accounts.vn_units import find_province, provinces

VN_FORMAT = "%N%n%O%n%A%n%C%n%S %Z"
ALLOWED = ["name", "companyName", "streetAddress1", "streetAddress2", "city", "countryArea", "postalCode"]
VN_REQUIRED = ["streetAddress1", "city", "countryArea"]
POSTAL_CODE_PATTERN = r"^\d{5}$"


@dataclass(frozen=True)
class AddressRules:
    country_code: str
    country_name: str
    address_format: str
    address_latin_format: str
    allowed_fields: list[str]
    required_fields: list[str]
    upper_fields: list[str] = field(default_factory=list)
    country_area_type: str = "province"
    country_area_choices: list[tuple[str, str]] = field(default_factory=list)
    city_type: str = "city"
    city_choices: list[tuple[str, str]] = field(default_factory=list)
    city_area_type: str = "suburb"
    city_area_choices: list[tuple[str, str]] = field(default_factory=list)
    postal_code_type: str = "postal"
    postal_code_matchers: list[str] = field(default_factory=list)
    postal_code_examples: list[str] = field(default_factory=list)
    postal_code_prefix: str = ""


def address_rules(country_code: str, *, country_area: str | None = None) -> AddressRules:
    code = (country_code or "").upper()
    if code != "VN":
        return AddressRules(
            country_code=code,
            country_name=code,
            address_format="%N%n%O%n%A%n%C%n%S %Z",
            address_latin_format="%N%n%O%n%A%n%C%n%S %Z",
            allowed_fields=list(ALLOWED),
            required_fields=["streetAddress1", "city"],
        )
    province = find_province(country_area) if country_area else None
    return AddressRules(
        country_code="VN",
        country_name="VIET NAM",
        address_format=VN_FORMAT,
        address_latin_format=VN_FORMAT,
        allowed_fields=list(ALLOWED),
        required_fields=list(VN_REQUIRED),
        country_area_choices=[(p.name, p.name) for p in provinces()],
        city_choices=[(w.name, w.name) for w in province.wards] if province else [],
        postal_code_matchers=[POSTAL_CODE_PATTERN],
        postal_code_examples=["10000", "70000"],
    )
