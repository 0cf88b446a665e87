"""``vendor_order_fulfill`` and ``vendor_order_mark_ready_for_pickup`` called directly, as
the back office will: who may, the state after, typed errors with nothing written on a
refusal, and what they cost."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.inventory.models import Allocation, Stock
from marketplace.orders.models import Fulfillment, FulfillmentLine, Order, OrderLine, VendorOrder
from marketplace.orders.services import vendor_order_fulfill, vendor_order_mark_ready_for_pickup
from tests.checkout_helpers import shop_with_product
from tests.factories import WarehouseFactory
from tests.service_helpers import (
    allowed_callers,
    error_codes,
    member_of,
    part_of,
    place_order,
    refused_callers,
    snapshot,
)
from vendors.shops.models import VendorMemberRole, VendorStatus

pytestmark = pytest.mark.django_db


def stocks_of(vendor) -> list[tuple[int, int]]:
    return list(Stock.objects.filter(warehouse__vendor=vendor).values_list("quantity", "quantity_allocated"))


def state(placed) -> list:
    """Everything fulfilling could change."""
    return [
        snapshot(Order.objects.get(pk=placed.order.pk)),
        list(VendorOrder.objects.order_by("pk").values()),
        list(OrderLine.objects.order_by("pk").values()),
        list(Stock.objects.order_by("pk").values()),
        list(Allocation.objects.order_by("pk").values()),
        Fulfillment.objects.count(),
        FulfillmentLine.objects.count(),
    ]


def test_who_may_fulfil(placed):
    before = state(placed)
    for name, actor in refused_callers(other_shop=placed.b, permission=PermissionEnum.MANAGE_ORDERS).items():
        with pytest.raises(PermissionDenied):
            vendor_order_fulfill(actor=actor, vendor_order=placed.part_a, lines=None)
        assert state(placed) == before, name
    suspended_owner = member_of(placed.a)
    placed.a.status = VendorStatus.SUSPENDED
    placed.a.save()
    with pytest.raises(PermissionDenied):
        vendor_order_fulfill(actor=suspended_owner, vendor_order=placed.part_a, lines=None)
    assert state(placed) == before
    placed.a.status = VendorStatus.ACTIVE
    placed.a.save()

    for name, actor in allowed_callers(shop=placed.a, permission=PermissionEnum.MANAGE_ORDERS).items():
        part = part_of(place_order([(placed.product_a, 1)]), placed.a)
        fulfillment = vendor_order_fulfill(actor=actor, vendor_order=part, lines=None)
        assert fulfillment.lines.get().quantity == 1, name
        assert VendorOrder.objects.get(pk=part.pk).status == "FULFILLED", name


def test_fulfil_everything_then_nothing_is_left(placed):
    owner = member_of(placed.a, VendorMemberRole.STAFF)
    fulfillment = vendor_order_fulfill(
        actor=owner, vendor_order=placed.part_a, lines=None, tracking_number="  GHN-123  "
    )
    line = placed.part_a.lines.get()
    assert (fulfillment.fulfillment_order, fulfillment.tracking_number, fulfillment.vendor_order_id) == (
        1,
        "GHN-123",
        placed.part_a.pk,
    )
    assert list(fulfillment.lines.values_list("order_line_id", "quantity")) == [(line.pk, 3)]
    line.refresh_from_db()
    assert line.quantity_fulfilled == 3
    assert VendorOrder.objects.get(pk=placed.part_a.pk).status == "FULFILLED"
    assert VendorOrder.objects.get(pk=placed.part_b.pk).status == "UNFULFILLED"
    assert Order.objects.get(pk=placed.order.pk).status == "PARTIALLY_FULFILLED"
    assert stocks_of(placed.a) == [(7, 0)]
    assert stocks_of(placed.b) == [(10, 1)]

    before = state(placed)
    with pytest.raises(ValidationError) as again:
        vendor_order_fulfill(actor=owner, vendor_order=placed.part_a, lines=None)
    assert error_codes(again.value) == {"id": ["INVALID_STATUS"]}
    assert state(placed) == before

    vendor_order_fulfill(actor=member_of(placed.b), vendor_order=placed.part_b, lines=None)
    assert Order.objects.get(pk=placed.order.pk).status == "FULFILLED"
    assert list(Fulfillment.objects.order_by("pk").values_list("fulfillment_order", flat=True)) == [1, 2]


def test_partial_fulfilment_then_the_rest(placed):
    owner = member_of(placed.a)
    line = placed.part_a.lines.get()
    vendor_order_fulfill(actor=owner, vendor_order=placed.part_a, lines=[(line.pk, [(None, 2)])])
    assert VendorOrder.objects.get(pk=placed.part_a.pk).status == "PARTIALLY_FULFILLED"
    assert stocks_of(placed.a) == [(8, 1)]
    vendor_order_fulfill(actor=owner, vendor_order=placed.part_a, lines=None)  # the one left
    assert VendorOrder.objects.get(pk=placed.part_a.pk).status == "FULFILLED"
    assert stocks_of(placed.a) == [(7, 0)]
    assert list(FulfillmentLine.objects.order_by("pk").values_list("quantity", flat=True)) == [2, 1]


def test_bad_plans_are_typed_errors_and_write_nothing(placed):
    owner = member_of(placed.a)
    line = placed.part_a.lines.get()
    other_line = placed.part_b.lines.get()
    own_empty = WarehouseFactory(vendor=placed.a)
    foreign = placed.b.warehouses.get()
    cases = [
        ([], None, {"lines": ["ZERO_QUANTITY"]}),
        (
            [(line.pk, [(None, 1)]), (line.pk, [(None, 1)])],
            None,
            {"order_line_id": ["DUPLICATED_INPUT_ITEM"]},
        ),
        ([(other_line.pk, [(None, 1)])], None, {"order_line_id": ["NOT_FOUND"]}),
        ([(line.pk, [(None, 0)])], None, {"quantity": ["ZERO_QUANTITY"]}),
        ([(line.pk, [(None, 2), (None, -1)])], None, {"quantity": ["ZERO_QUANTITY"]}),
        ([(line.pk, [(None, 4)])], None, {"quantity": ["FULFILL_ORDER_LINE"]}),
        (
            [(line.pk, [(own_empty.pk, 1), (own_empty.pk, 1)])],
            None,
            {"warehouse": ["DUPLICATED_INPUT_ITEM"]},
        ),
        ([(line.pk, [(foreign.pk, 1)])], None, {"warehouse": ["NOT_FOUND"]}),
        ([(line.pk, [(own_empty.pk, 1)])], None, {"warehouse": ["INSUFFICIENT_STOCK"]}),
        (None, "x" * 256, {"tracking_number": ["INVALID"]}),
    ]
    before = state(placed)
    for lines, tracking, expected in cases:
        with pytest.raises(ValidationError) as refused:
            vendor_order_fulfill(
                actor=owner, vendor_order=placed.part_a, lines=lines, tracking_number=tracking or ""
            )
        assert error_codes(refused.value) == expected, (lines, tracking)
        assert state(placed) == before


def test_an_unpaid_online_order_cannot_be_fulfilled(placed):
    VendorOrder.objects.filter(pk=placed.part_a.pk).update(status="UNCONFIRMED")
    before = state(placed)
    with pytest.raises(ValidationError) as refused:
        vendor_order_fulfill(actor=member_of(placed.a), vendor_order=placed.part_a, lines=None)
    assert error_codes(refused.value) == {"id": ["CANNOT_FULFILL_UNPAID_ORDER"]}
    assert state(placed) == before


def test_a_fulfilment_costs_a_fixed_number_of_queries_plus_a_few_per_line(
    seeded_channels, django_assert_num_queries
):
    """A part of one line and a part of three: the order, its part and their checks cost
    the same; each line adds its allocation lookups, stock and allocation updates, and
    its fulfilment line. The last queries read the fulfilment's lines for the "shipped"
    message to the buyer and record its delivery (a look-up, then the insert in a
    savepoint: 4)."""
    vendor, first = shop_with_product(price=100_000, stock=5)
    warehouse = vendor.warehouses.get()
    more = [shop_with_product(price=100_000, stock=5)[1] for _ in range(2)]
    for product in more:
        product.vendor = vendor
        product.save()
        Stock.objects.filter(product_variant__product=product).update(warehouse=warehouse)
    one = place_order([(first, 1)])
    three = place_order([(first, 1), *[(product, 1) for product in more]])
    part_one, part_three = part_of(one, vendor), part_of(three, vendor)
    owner = User.objects.get(pk=member_of(vendor).pk)
    with django_assert_num_queries(24):
        vendor_order_fulfill(actor=owner, vendor_order=part_one, lines=None)
    owner = User.objects.get(pk=owner.pk)  # a new request: memberships asked again
    with django_assert_num_queries(24 + 2 * 7):
        vendor_order_fulfill(actor=owner, vendor_order=part_three, lines=None)


# ---------------------------------------------------------------- ready for pickup


@pytest.fixture
def pickup(seeded_channels):
    vendor, product = shop_with_product(price=150_000, stock=4, pickup=True)
    order = place_order([(product, 2)], pickup_at=vendor.warehouses.get())
    return vendor, part_of(order, vendor)


def test_ready_for_pickup_once_and_the_buyer_is_told(pickup, django_capture_on_commit_callbacks):
    vendor, part = pickup
    owner = member_of(vendor)
    with django_capture_on_commit_callbacks(execute=True):
        ready = vendor_order_mark_ready_for_pickup(actor=owner, vendor_order=part)
    assert ready.status == VendorOrder.objects.get(pk=part.pk).status == "READY_FOR_PICKUP"
    assert [message.to for message in mail.outbox] == [["lan@example.vn"]]
    with django_capture_on_commit_callbacks(execute=True):
        again = vendor_order_mark_ready_for_pickup(actor=owner, vendor_order=part)
    assert again.status == "READY_FOR_PICKUP" and len(mail.outbox) == 1  # nothing new to tell


def test_who_may_mark_ready_for_pickup(pickup):
    vendor, part = pickup
    other, _ = shop_with_product()
    for name, actor in refused_callers(other_shop=other, permission=PermissionEnum.MANAGE_ORDERS).items():
        with pytest.raises(PermissionDenied):
            vendor_order_mark_ready_for_pickup(actor=actor, vendor_order=part)
        assert VendorOrder.objects.get(pk=part.pk).status == "UNFULFILLED", name
    for name, actor in allowed_callers(shop=vendor, permission=PermissionEnum.MANAGE_ORDERS).items():
        VendorOrder.objects.filter(pk=part.pk).update(status="UNFULFILLED")
        assert vendor_order_mark_ready_for_pickup(actor=actor, vendor_order=part).status == (
            "READY_FOR_PICKUP"
        ), name


def test_a_delivery_order_is_not_for_pickup(placed):
    before = state(placed)
    with pytest.raises(ValidationError) as refused:
        vendor_order_mark_ready_for_pickup(actor=member_of(placed.a), vendor_order=placed.part_a)
    assert error_codes(refused.value) == {"id": ["NOT_PICKUP_ORDER"]}
    assert state(placed) == before


def test_ready_for_pickup_costs(pickup, django_assert_num_queries):
    vendor, part = pickup
    owner = User.objects.get(pk=member_of(vendor).pk)
    # 6 for the part, 2 for the pickup point and its address (the message names the place and
    # its opening hours), 4 to record the buyer's delivery (a look-up, the insert in a savepoint).
    with django_assert_num_queries(12):
        vendor_order_mark_ready_for_pickup(actor=owner, vendor_order=part)
