"""``variant_stocks_update`` (the catalogue's stock write, the back office's stock page):
who may, the quantities after, typed errors with nothing written, and what it costs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.services.variants import variant_stocks_update
from marketplace.inventory.models import Stock
from tests.checkout_helpers import shop_with_product
from tests.factories import WarehouseFactory
from tests.service_helpers import allowed_callers, error_codes, member_of, place_order, refused_callers
from vendors.shops.models import VendorStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(seeded_channels):
    """A shop whose product has 10 units at its workshop, 2 of them allocated to an order."""
    vendor, product = shop_with_product(stock=10)
    place_order([(product, 2)])
    variant = product.variants.get()
    return vendor, variant, vendor.warehouses.get()


def quantities() -> list[tuple[int, int, int]]:
    return list(Stock.objects.order_by("pk").values_list("warehouse_id", "quantity", "quantity_allocated"))


def test_who_may_set_stock(shop):
    vendor, variant, workshop = shop
    other, _ = shop_with_product()
    before = quantities()
    refused = refused_callers(other_shop=other, permission=PermissionEnum.MANAGE_PRODUCTS)
    suspended_owner = member_of(vendor)
    for name, actor in refused.items():
        with pytest.raises(PermissionDenied):
            variant_stocks_update(
                actor=actor, variant=variant, stocks=[{"warehouse_id": workshop.pk, "quantity": 1}]
            )
        assert quantities() == before, name
    vendor.status = VendorStatus.SUSPENDED
    vendor.save()
    with pytest.raises(PermissionDenied):
        variant_stocks_update(
            actor=suspended_owner, variant=variant, stocks=[{"warehouse_id": workshop.pk, "quantity": 1}]
        )
    assert quantities() == before
    vendor.status = VendorStatus.ACTIVE
    vendor.save()
    allowed = allowed_callers(shop=vendor, permission=PermissionEnum.MANAGE_PRODUCTS)
    for quantity, (name, actor) in enumerate(allowed.items(), start=3):
        variant_stocks_update(
            actor=actor, variant=variant, stocks=[{"warehouse_id": workshop.pk, "quantity": quantity}]
        )
        assert Stock.objects.get(warehouse=workshop).quantity == quantity, name


def test_stock_goes_into_the_shops_own_warehouses(shop):
    vendor, variant, workshop = shop
    second = WarehouseFactory(vendor=vendor)
    owner = member_of(vendor)
    variant_stocks_update(
        actor=owner,
        variant=variant,
        stocks=[{"warehouse_id": second.pk, "quantity": 5}, {"warehouse_id": workshop.pk, "quantity": 12}],
    )
    assert Stock.objects.get(warehouse=workshop).quantity == 12
    assert (
        Stock.objects.get(warehouse=second).quantity,
        Stock.objects.get(warehouse=second).quantity_allocated,
    ) == (
        5,
        0,
    )


def test_bad_stock_is_a_typed_error_and_writes_nothing(shop):
    vendor, variant, workshop = shop
    owner = member_of(vendor)
    foreign = WarehouseFactory()
    second = WarehouseFactory(vendor=vendor)
    cases = [
        ([{"warehouse_id": workshop.pk, "quantity": 1}], {"stocks": ["STOCK_BELOW_ALLOCATED"]}),
        (
            [{"warehouse_id": second.pk, "quantity": 4}, {"warehouse_id": workshop.pk, "quantity": 1}],
            {"stocks": ["STOCK_BELOW_ALLOCATED"]},  # the second warehouse's write is rolled back
        ),
        ([{"warehouse_id": foreign.pk, "quantity": 1}], {"stocks": ["NOT_FOUND"]}),
        ([{"warehouse_id": 10**9, "quantity": 1}], {"stocks": ["NOT_FOUND"]}),
        (
            [{"warehouse_id": workshop.pk, "quantity": 3}, {"warehouse_id": workshop.pk, "quantity": 4}],
            {"stocks": ["DUPLICATED_INPUT_ITEM"]},
        ),
        ([{"warehouse_id": workshop.pk, "quantity": -1}], {"stocks": ["OUT_OF_RANGE"]}),
    ]
    before = quantities()
    for stocks, expected in cases:
        with pytest.raises(ValidationError) as refused:
            variant_stocks_update(actor=owner, variant=variant, stocks=stocks)
        assert error_codes(refused.value) == expected, stocks
        assert quantities() == before


@pytest.mark.parametrize("warehouses", [1, 5])
def test_stock_update_costs(shop, warehouses, django_assert_num_queries):
    """The check and the warehouses cost the same for any number; each warehouse adds its
    locked read (or insert) and its update."""
    vendor, variant, workshop = shop
    targets = [workshop, *[WarehouseFactory(vendor=vendor) for _ in range(warehouses - 1)]]
    for target in targets[1:]:
        Stock.objects.create(warehouse=target, product_variant=variant, quantity=0)
    owner = User.objects.get(pk=member_of(vendor).pk)
    with django_assert_num_queries(4 + 2 * warehouses):
        variant_stocks_update(
            actor=owner, variant=variant, stocks=[{"warehouse_id": t.pk, "quantity": 20} for t in targets]
        )
