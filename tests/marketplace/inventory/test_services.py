"""The stock services called directly: availability with reservations, holding stock for
carts, allocating to orders (all or nothing), giving back and shipping, and what each
costs (the reads cost the same for one variant or many)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.inventory import services as stock
from marketplace.inventory.models import Allocation, Reservation, Stock
from marketplace.orders.models import OrderLine
from tests.checkout_helpers import shop_with_product
from tests.factories import WarehouseFactory, channel
from tests.service_helpers import place_order

pytestmark = pytest.mark.django_db

SOON = timedelta(minutes=20)


def variant_of(product):
    return product.variants.order_by("pk").first()


def cart(*items) -> Checkout:
    """A checkout with lines ``(variant, quantity)`` and no reservation yet."""
    checkout = Checkout.objects.create(channel=channel(), currency="VND", client_key="ip:203.0.113.7")
    for variant, quantity in items:
        CheckoutLine.objects.create(checkout=checkout, variant=variant, quantity=quantity)
    return checkout


def reserve(checkout: Checkout, stock_row: Stock, quantity: int, *, until=None) -> Reservation:
    line = checkout.lines.get(variant=stock_row.product_variant)
    return Reservation.objects.create(
        checkout_line=line,
        stock=stock_row,
        quantity_reserved=quantity,
        reserved_until=until or timezone.now() + SOON,
    )


@pytest.fixture
def two_workshops(seeded_channels):
    """One variant in stock at two workshops of its shop: 4 units at the first, 6 at the second."""
    vendor, product = shop_with_product(stock=4)
    variant = variant_of(product)
    first = Stock.objects.get(product_variant=variant)
    second = Stock.objects.create(
        warehouse=WarehouseFactory(vendor=vendor), product_variant=variant, quantity=6
    )
    return variant, first, second


def test_availability_counts_other_carts_unexpired_holds(two_workshops):
    variant, first, second = two_workshops
    mine, theirs, gone = cart((variant, 3)), cart((variant, 2)), cart((variant, 5))
    reserve(mine, first, 3)
    reserve(theirs, first, 1)
    reserve(theirs, second, 1)
    reserve(gone, second, 5, until=timezone.now() - timedelta(seconds=1))  # expired: holds nothing
    Stock.objects.filter(pk=second.pk).update(quantity_allocated=2)
    rows = stock.lock_stocks([variant.pk])
    assert [row.pk for row in rows] == sorted([first.pk, second.pk])
    assert stock.stock_availability(rows, checkout_token=mine.pk) == {first.pk: 3, second.pk: 3}
    assert stock.stock_availability(rows) == {first.pk: 0, second.pk: 3}
    assert stock.available_by_variant([variant.pk]) == {variant.pk: 3}
    assert stock.available_for_checkouts([(mine.pk, variant.pk), (theirs.pk, variant.pk)]) == {
        (mine.pk, variant.pk): 6,
        (theirs.pk, variant.pk): 5,
    }


def test_shortages_write_nothing(two_workshops):
    variant, first, second = two_workshops
    checkout = cart((variant, 11))
    rows = stock.lock_stocks([variant.pk])
    found = stock.shortages(checkout_token=checkout.pk, lines=[(variant.pk, 11, True)], locked=rows)
    assert [(s.variant_id, s.requested, s.available) for s in found] == [(variant.pk, 11, 10)]
    assert stock.shortages(checkout_token=checkout.pk, lines=[(variant.pk, 11, False)], locked=rows) == []
    assert not Reservation.objects.exists()


def test_hold_replaces_a_carts_holds_within_its_caps(two_workshops):
    variant, first, second = two_workshops
    checkout = cart((variant, 8))
    line = checkout.lines.get()
    until = timezone.now() + SOON
    held = stock.hold(
        checkout_token=checkout.pk,
        client_key=checkout.client_key,
        lines=[(line, 8, True)],
        locked=stock.lock_stocks([variant.pk]),
        until=until,
        max_units=7,
        client_max_units=50,
    )
    assert held == 7  # the per-variant cap
    assert sorted(Reservation.objects.values_list("stock_id", "quantity_reserved")) == sorted(
        [(second.pk, 6), (first.pk, 1)]  # the fuller workshop first
    )
    other = cart((variant, 5))
    Checkout.objects.filter(pk=other.pk).update(client_key=checkout.client_key)
    other.refresh_from_db()
    held = stock.hold(
        checkout_token=other.pk,
        client_key=other.client_key,
        lines=[(other.lines.get(), 5, True)],
        locked=stock.lock_stocks([variant.pk]),
        until=until,
        max_units=50,
        client_max_units=9,
    )
    assert held == 2  # the client already holds 7 of its 9
    again = stock.hold(
        checkout_token=checkout.pk,
        client_key=checkout.client_key,
        lines=[(line, 1, True)],
        locked=stock.lock_stocks([variant.pk]),
        until=until,
        max_units=50,
        client_max_units=50,
    )
    assert again == 1
    assert Reservation.objects.filter(checkout_line__checkout=checkout).count() == 1
    assert (
        stock.hold(
            checkout_token=checkout.pk,
            client_key="",
            lines=[(line, 3, False)],  # does not track inventory: nothing to hold
            locked=[],
            until=until,
            max_units=50,
            client_max_units=50,
        )
        == 0
    )
    assert not Reservation.objects.filter(checkout_line__checkout=checkout).exists()


def test_expired_holds_are_deleted(two_workshops):
    variant, first, _ = two_workshops
    checkout = cart((variant, 1))
    reserve(checkout, first, 1, until=timezone.now() - timedelta(minutes=1))
    live = cart((variant, 1))
    reserve(live, first, 1)
    assert stock.delete_expired_reservations() == 1
    assert list(Reservation.objects.values_list("checkout_line__checkout_id", flat=True)) == [live.pk]


def order_line(quantity: int = 3) -> OrderLine:
    """The line of a placed order (``quantity`` units allocated from a stock of 10)."""
    _, product = shop_with_product(stock=10)
    return place_order([(product, quantity)]).lines.get()


def test_allocate_all_or_nothing(two_workshops):
    variant, first, second = two_workshops
    line = order_line()  # 3 units already allocated at its own product's workshop
    placed_at = stock.allocated_by_warehouse(order_line_id=line.pk)
    assert list(placed_at.values()) == [3]
    rows = stock.lock_stocks([variant.pk])
    short = stock.allocate(checkout_token=None, lines=[(line, variant.pk, 11, True)], locked=rows)
    assert [(s.requested, s.available) for s in short] == [(11, 10)]
    assert not Allocation.objects.filter(stock__product_variant=variant).exists()
    assert [(s.quantity, s.quantity_allocated) for s in Stock.objects.filter(product_variant=variant)] == [
        (4, 0),
        (6, 0),
    ]
    assert stock.allocate(checkout_token=None, lines=[(line, variant.pk, 8, True)], locked=rows) == []
    assert sorted(
        Allocation.objects.filter(stock__product_variant=variant).values_list(
            "stock_id", "quantity_allocated"
        )
    ) == sorted([(second.pk, 6), (first.pk, 2)])
    assert stock.allocated_by_warehouse(order_line_id=line.pk) == {
        **placed_at,
        second.warehouse_id: 6,
        first.warehouse_id: 2,
    }


def test_ship_and_give_back(seeded_channels):
    line = order_line(quantity=3)
    row = Stock.objects.get(product_variant=line.variant)
    assert (row.quantity, row.quantity_allocated) == (10, 3)
    assert stock.warehouses_of_vendor(row.warehouse.vendor_id, [row.warehouse_id, 10**9]) == [
        row.warehouse_id
    ]
    assert stock.warehouses_of_vendor(row.warehouse.vendor_id, []) == []
    assert stock.ship(order_line_id=line.pk, quantity=1, warehouse_id=WarehouseFactory().pk) == 0
    assert stock.ship(order_line_id=line.pk, quantity=1) == 1
    row.refresh_from_db()
    assert (row.quantity, row.quantity_allocated) == (9, 2)
    stock.deallocate(order_line_ids=[line.pk])
    row.refresh_from_db()
    assert (row.quantity, row.quantity_allocated) == (9, 0)
    stock.deallocate(order_line_ids=[line.pk])  # nothing left to give back
    row.refresh_from_db()
    assert (row.quantity, row.quantity_allocated) == (9, 0)


# ---------------------------------------------------------------- what reads cost


@pytest.mark.parametrize("variants", [1, 30])
def test_availability_of_one_variant_costs_what_many_cost(
    seeded_channels, variants, django_assert_num_queries
):
    ids = [variant_of(shop_with_product(stock=5)[1]).pk for _ in range(variants)]
    with django_assert_num_queries(1):
        assert stock.available_by_variant(ids) == {pk: 5 for pk in ids}
    with django_assert_num_queries(2):
        found = stock.available_for_checkouts([("4f0c0f6e-0000-4000-8000-000000000000", pk) for pk in ids])
    assert set(found.values()) == {5}
    with django_assert_num_queries(1):
        rows = stock.lock_stocks(ids)
    with django_assert_num_queries(1):
        assert set(stock.stock_availability(rows).values()) == {5}
    with django_assert_num_queries(0):
        assert stock.lock_stocks([]) == []
