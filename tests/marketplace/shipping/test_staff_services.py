"""Writes to shipping zones and methods: MANAGE_CHANNELS only, whole đồng, ordered days and
weights, official province names in one zone at most; nothing changes on a refusal."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.permissions import PermissionEnum
from marketplace.shipping.models import ShippingMethod, ShippingZone
from marketplace.shipping.services import shipping_method_save, shipping_zone_update
from tests.conftest import grant

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Giao tiết kiệm",
    "base_price": 20000,
    "base_weight_grams": 1000,
    "price_per_extra_kg": 4000,
    "minimum_delivery_days": 3,
    "maximum_delivery_days": 6,
    "is_active": True,
}


def code(error: ValidationError, field: str) -> str:
    return str(error.error_dict[field][0].code)


def test_only_channel_managers_write(seeded_channels, customer_user, staff_user):
    zone = ShippingZone.objects.get(slug="ha-noi")
    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS)
    for actor in (None, customer_user, staff_user):
        with pytest.raises(PermissionDenied):
            shipping_method_save(actor=actor, zone=zone, data=GOOD)
        with pytest.raises(PermissionDenied):
            shipping_zone_update(actor=actor, zone=zone, name="X", provinces=[])
    grant(staff_user, PermissionEnum.MANAGE_CHANNELS)
    method = shipping_method_save(actor=staff_user, zone=zone, data=GOOD)
    assert method.base_price_amount == Decimal("20000") and method.currency == "VND"


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        ({"base_price": "12.5"}, "base_price", "INVALID"),
        ({"base_price": -1}, "base_price", "INVALID"),
        ({"base_price": 10_000_000}, "base_price", "INVALID"),
        ({"base_price": "abc"}, "base_price", "INVALID"),
        ({"name": "  "}, "name", "REQUIRED"),
        ({"base_weight_grams": 0}, "base_weight_grams", "INVALID"),
        ({"maximum_weight_grams": 500}, "maximum_weight_grams", "MAX_LESS_THAN_MIN"),
        ({"minimum_delivery_days": 7}, "maximum_delivery_days", "MAX_LESS_THAN_MIN"),
        ({"maximum_delivery_days": 61}, "maximum_delivery_days", "INVALID"),
    ],
)
def test_bad_methods_are_refused(seeded_channels, change, field, expected):
    zone = ShippingZone.objects.get(slug="ha-noi")
    before = ShippingMethod.objects.count()
    with pytest.raises(ValidationError) as refused:
        shipping_method_save(actor=SYSTEM, zone=zone, data={**GOOD, **change})
    assert code(refused.value, field) == expected
    assert ShippingMethod.objects.count() == before


def test_a_method_of_another_zone_is_not_found(seeded_channels):
    hanoi, rest = ShippingZone.objects.get(slug="ha-noi"), ShippingZone.objects.get(slug="toan-quoc")
    method = rest.methods.first()
    with pytest.raises(ValidationError) as refused:
        shipping_method_save(actor=SYSTEM, zone=hanoi, method=method, data=GOOD)
    assert code(refused.value, "id") == "NOT_FOUND"


def test_zone_provinces(seeded_channels):
    hanoi, rest = ShippingZone.objects.get(slug="ha-noi"), ShippingZone.objects.get(slug="toan-quoc")
    shipping_zone_update(
        actor=SYSTEM, zone=hanoi, name="Hà Nội và Bắc Ninh", provinces=["ha noi", "Tỉnh Bắc Ninh", ""]
    )
    hanoi.refresh_from_db()
    assert hanoi.provinces == ["Thành phố Hà Nội", "Tỉnh Bắc Ninh"] and hanoi.name == "Hà Nội và Bắc Ninh"
    with pytest.raises(ValidationError) as refused:
        shipping_zone_update(actor=SYSTEM, zone=rest, name="Còn lại", provinces=["Bắc Ninh"])
    assert code(refused.value, "provinces") == "ALREADY_EXISTS"
    with pytest.raises(ValidationError) as refused:
        shipping_zone_update(actor=SYSTEM, zone=rest, name="Còn lại", provinces=["Atlantis"])
    assert code(refused.value, "provinces") == "NOT_FOUND"
    rest.refresh_from_db()
    assert rest.provinces == [] and rest.name != "Còn lại"
