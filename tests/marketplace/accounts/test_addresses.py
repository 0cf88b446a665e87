"""Vietnamese two-tier addresses and phone numbers (any country's for buyers, Vietnamese for shops)."""

import pytest
from django.core.exceptions import ValidationError

from marketplace.accounts.addresses import validate_address
from marketplace.accounts.phones import InvalidPhone, normalize_phone
from marketplace.accounts.vn_units import provinces

BASE = {"street_address_1": "Số 1 Giang Cao", "country": "VN", "postal_code": "12406"}


def error_of(data):
    with pytest.raises(ValidationError) as caught:
        validate_address(data)
    (field, errors), *_ = caught.value.error_dict.items()
    return field, errors[0].code


def test_the_dataset_has_the_34_provinces_and_3314_communes_of_2025():
    assert len(provinces()) == 34
    assert sum(len(p.wards) for p in provinces()) == 3314
    assert not any(p.name.endswith("Hà Tây") for p in provinces())  # merged into Hà Nội in 2008


@pytest.mark.parametrize(
    ("city", "country_area"),
    [
        ("xa bat trang", "ha noi"),
        ("Xã Bát Tràng", "Thành phố Hà Nội"),
        ("BÁT TRÀNG", "TP Hà Nội"),
        ("xa bat trang, ha noi", ""),
    ],
)
def test_communes_match_without_accents_and_are_stored_officially(city, country_area):
    cleaned = validate_address({**BASE, "city": city, "country_area": country_area})
    assert (cleaned["city"], cleaned["country_area"]) == ("Xã Bát Tràng", "Thành phố Hà Nội")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"country_area": "Hà Tây"}, "country_area", "INVALID_ADDRESS"),
        ({"country_area": "Huyện Gia Lâm"}, "country_area", "INVALID_ADDRESS"),
        ({"city": "xã Không Có"}, "city", "INVALID_ADDRESS"),
        ({"city": "Phường Bến Nghé"}, "city", "INVALID_ADDRESS"),  # in Hồ Chí Minh City, not Hà Nội
        ({"country": "US"}, "country", "INVALID_ADDRESS"),
        ({"postal_code": "100000"}, "postal_code", "INVALID_POSTAL_CODE"),
        ({"phone": "0501234567"}, "phone", "INVALID_PHONE"),  # 050: no Vietnamese network
        ({"phone": "+84 912 345 678" + " 9" * 30}, "phone", "INVALID_PHONE"),
        ({"street_address_1": ""}, "street_address_1", "REQUIRED"),
        ({"country_area": ""}, "country_area", "REQUIRED"),
    ],
)
def test_bad_addresses_name_the_field(changes, field, code):
    assert error_of({**BASE, "city": "xã Bát Tràng", "country_area": "Hà Nội", **changes}) == (field, code)


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0912 345 678", "+84912345678"),
        ("+84 912-345-678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("(024) 3826 1234", "+842438261234"),
        ("0084 983 000 111", "+84983000111"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+81 90-1234-5678", "+819012345678"),
        ("+1 (415) 555-2671", "+14155552671"),
        ("0033 6 12 34 56 78", "+33612345678"),
    ],
)
def test_valid_numbers_of_any_country_are_stored_in_e164(raw, e164):
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize(
    "raw",
    [
        "091234567",  # a digit short
        "0112345678",  # no such Vietnamese prefix
        "0501234567",  # 050: a range no Vietnamese network was assigned (the old rule took it)
        "+84 80 123 4567",  # 080: likewise
        "+33 1",  # too short for France
        "phone",
        "",
        "+84 912 345 678 ext. 12",  # an extension would be lost in E.164
        "0912345678" * 5,  # longer than any number
    ],
)
def test_invalid_numbers_are_refused(raw):
    with pytest.raises(InvalidPhone):
        normalize_phone(raw)


def test_a_vietnamese_number_can_be_required():
    assert normalize_phone("0912 345 678", vietnamese=True) == "+84912345678"
    with pytest.raises(InvalidPhone, match=r"Vietnamese phone number is required.*\+33"):
        normalize_phone("+33 6 12 34 56 78", vietnamese=True)


def test_addresses_take_foreign_numbers_unless_the_domain_needs_a_vietnamese_one():
    address = {**BASE, "city": "xã Bát Tràng", "country_area": "Hà Nội", "phone": "+81 90-1234-5678"}
    assert validate_address(address)["phone"] == "+819012345678"
    with pytest.raises(ValidationError) as caught:
        validate_address(address, vietnamese_phone=True)
    assert caught.value.error_dict["phone"][0].code == "INVALID_PHONE"
