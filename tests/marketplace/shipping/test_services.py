"""Shipping called directly: the zones and methods serving a province, what a parcel
costs, and the checkout's delivery-method service (ship with a method of the address's
zone, or collect at a point), with typed errors, nothing written on a refusal, and what
each costs."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.checkout import services as checkout_services
from marketplace.checkout.delivery import collection_points_by_vendors
from marketplace.checkout.models import Checkout
from marketplace.inventory.models import ClickAndCollectOption
from marketplace.shipping.models import ShippingMethod, ShippingZone
from marketplace.shipping.pricing import accepts_weight, parcel_price, zone_for_province
from marketplace.shipping.selectors import methods_by_province, methods_for_province
from tests.checkout_helpers import design_centre, shop_with_product
from tests.factories import channel
from tests.service_helpers import ADDRESS, error_codes, first_variant_id

pytestmark = pytest.mark.django_db

HANOI, HUE = "Thành phố Hà Nội", "Thành phố Huế"


def names(methods: list[ShippingMethod]) -> list[str]:
    return [method.name for method in methods]


def test_a_province_is_served_by_its_zone_or_the_default_one(seeded_channels):
    assert names(methods_for_province(HANOI)) == ["Giao hàng tiêu chuẩn Hà Nội", "Giao nhanh trong ngày"]
    nationwide = ["Giao hàng tiêu chuẩn toàn quốc", "Giao hàng nhanh toàn quốc"]
    assert names(methods_for_province(HUE)) == nationwide
    assert names(methods_for_province("")) == nationwide
    ShippingMethod.objects.filter(name="Giao nhanh trong ngày").update(is_active=False)
    assert names(methods_for_province(HANOI)) == ["Giao hàng tiêu chuẩn Hà Nội"]
    ShippingZone.objects.filter(is_default=True).update(is_default=False)
    assert methods_for_province(HUE) == []
    assert zone_for_province(HUE, list(ShippingZone.objects.all())) is None


@pytest.mark.parametrize("provinces", [1, 34])
def test_the_methods_of_one_province_cost_what_many_cost(
    seeded_channels, provinces, django_assert_num_queries
):
    wanted = [HANOI, *[f"Tỉnh {index}" for index in range(provinces - 1)]]
    with django_assert_num_queries(2):
        found = methods_by_province(wanted)
    assert len(found[HANOI]) == 2
    assert all(len(found[name]) == 2 for name in wanted)


def test_a_parcel_costs_its_base_then_each_started_kilogram(seeded_channels):
    standard = ShippingMethod.objects.get(name="Giao hàng tiêu chuẩn Hà Nội")  # 25,000 + 5,000/kg
    express = ShippingMethod.objects.get(name="Giao nhanh trong ngày")  # at most 10 kg
    assert [parcel_price(standard, grams) for grams in (0, 1000, 1001, 2000, 2001)] == [
        Decimal(25_000),
        Decimal(25_000),
        Decimal(30_000),
        Decimal(30_000),
        Decimal(35_000),
    ]
    assert [accepts_weight(express, grams) for grams in (10_000, 10_001)] == [True, False]
    assert accepts_weight(standard, 10**9)


# ---------------------------------------------------------------- the checkout's delivery method


@pytest.fixture
def shop(seeded_channels):
    return shop_with_product(price=100_000, stock=50, pickup=True)


def new_checkout(product, quantity=1, **addresses) -> Checkout:
    return checkout_services.checkout_create(
        actor=None,
        channel=channel(),
        lines=[(first_variant_id(product), quantity)],
        email="lan@example.vn",
        **addresses,
    )


def delivery(checkout: Checkout) -> tuple:
    row = Checkout.objects.values_list("shipping_method_id", "collection_point_id").get(pk=checkout.pk)
    return tuple(row)


def test_ship_with_a_method_of_the_zone_or_collect_at_a_point(shop):
    vendor, product = shop
    checkout = new_checkout(product, shipping_address=ADDRESS)
    standard = ShippingMethod.objects.get(name="Giao hàng tiêu chuẩn Hà Nội")
    updated = checkout_services.delivery_method_update(checkout=checkout, shipping_method_id=standard.pk)
    assert delivery(updated) == (standard.pk, None)
    workshop = vendor.warehouses.get()
    updated = checkout_services.delivery_method_update(checkout=updated, warehouse_id=workshop.pk)
    assert delivery(updated) == (None, workshop.pk)
    centre = design_centre()
    updated = checkout_services.delivery_method_update(checkout=updated, warehouse_id=centre.pk)
    assert delivery(updated) == (None, centre.pk)
    assert delivery(checkout_services.delivery_method_update(checkout=updated)) == (None, None)


def test_a_method_that_cannot_serve_is_a_typed_error(shop):
    vendor, product = shop
    nationwide = ShippingMethod.objects.get(name="Giao hàng tiêu chuẩn toàn quốc")
    express = ShippingMethod.objects.get(name="Giao nhanh trong ngày")  # at most 10 kg
    heavy = new_checkout(product, quantity=21, shipping_address=ADDRESS)  # one parcel of 21 x 500 g
    no_address = new_checkout(product)
    other_shop, _ = shop_with_product()
    other_workshop = other_shop.warehouses.get()
    other_workshop.click_and_collect_option = ClickAndCollectOption.LOCAL
    other_workshop.save()
    cases = [
        (no_address, {"shipping_method_id": nationwide.pk}, "SHIPPING_ADDRESS_NOT_SET"),
        (heavy, {"shipping_method_id": nationwide.pk}, "DELIVERY_METHOD_NOT_APPLICABLE"),  # another zone
        (heavy, {"shipping_method_id": express.pk}, "DELIVERY_METHOD_NOT_APPLICABLE"),  # too heavy
        (heavy, {"shipping_method_id": 10**9}, "DELIVERY_METHOD_NOT_APPLICABLE"),
        (heavy, {"warehouse_id": other_workshop.pk}, "DELIVERY_METHOD_NOT_APPLICABLE"),  # not this shop's
    ]
    for checkout, choice, code in cases:
        before = Checkout.objects.filter(pk=checkout.pk).values().get()
        with pytest.raises(ValidationError) as refused:
            checkout_services.delivery_method_update(checkout=checkout, **choice)
        assert error_codes(refused.value) == {"delivery_method_id": [code]}, choice
        assert Checkout.objects.filter(pk=checkout.pk).values().get() == before


@pytest.mark.parametrize("shops", [1, 5])
def test_collection_points_of_one_cart_cost_what_many_cost(seeded_channels, shops, django_assert_num_queries):
    carts = [frozenset({shop_with_product(pickup=True)[0].pk}) for _ in range(shops)]
    centre = design_centre()
    with django_assert_num_queries(1):
        points = collection_points_by_vendors([*carts, frozenset(), frozenset(v for c in carts for v in c)])
    assert [len(found) for found in points] == [2] * shops + [0, 1 if shops > 1 else 2]
    assert centre in points[-1] and all(centre in found for found in points[:shops])


def test_choosing_a_method_costs(shop, django_assert_num_queries):
    _, product = shop
    checkout = new_checkout(product, shipping_address=ADDRESS)
    standard = ShippingMethod.objects.get(name="Giao hàng tiêu chuẩn Hà Nội")
    with django_assert_num_queries(16):
        checkout_services.delivery_method_update(checkout=checkout, shipping_method_id=standard.pk)
