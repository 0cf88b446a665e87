"""``vendor_order_mark_paid``, ``order_cancel``, ``expire_unpaid_orders`` and
``order_metadata_write`` called directly: who may, the state after, typed errors with
nothing written on a refusal, and what they cost."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.inventory.models import Allocation, Stock
from marketplace.orders.models import Order, VendorOrder
from marketplace.orders.services import (
    expire_unpaid_orders,
    order_cancel,
    order_metadata_write,
    vendor_order_fulfill,
    vendor_order_mark_paid,
)
from marketplace.payments.models import Payment, TransactionEvent, TransactionItem
from tests.checkout_helpers import shop_with_product
from tests.factories import UserFactory
from tests.service_helpers import (
    allowed_callers,
    error_codes,
    member_of,
    part_of,
    place_order,
    refused_callers,
    snapshot,
)

pytestmark = pytest.mark.django_db


def money_state(order: Order) -> list:
    return [
        snapshot(Order.objects.get(pk=order.pk)),
        list(VendorOrder.objects.filter(order=order).order_by("pk").values()),
        list(Payment.objects.order_by("pk").values()),
        list(TransactionItem.objects.order_by("pk").values()),
        TransactionEvent.objects.count(),
    ]


# ---------------------------------------------------------------- cash collected


def test_each_shop_collects_its_own_cash(placed):
    part_a, part_b = placed.part_a, placed.part_b
    a_due = part_a.subtotal_amount + part_a.shipping_price_amount
    vendor_order_mark_paid(actor=member_of(placed.a), vendor_order=part_a)
    order = Order.objects.get(pk=placed.order.pk)
    assert (order.total_charged_amount, order.charge_status) == (a_due, "PARTIALLY_CHARGED")
    assert VendorOrder.objects.get(pk=part_a.pk).is_paid is True
    assert VendorOrder.objects.get(pk=part_b.pk).is_paid is False
    payment = Payment.objects.get(order=order)
    assert (payment.captured_amount, payment.charge_status) == (a_due, "PARTIALLY_CHARGED")

    vendor_order_mark_paid(actor=member_of(placed.b), vendor_order=part_b)
    order.refresh_from_db()
    assert (order.total_charged_amount, order.charge_status) == (order.total_gross_amount, "FULLY_CHARGED")
    payment.refresh_from_db()
    assert (payment.captured_amount, payment.charge_status) == (order.total_gross_amount, "FULLY_CHARGED")

    before = money_state(order)
    with pytest.raises(ValidationError) as again:
        vendor_order_mark_paid(actor=member_of(placed.b), vendor_order=part_b)
    assert error_codes(again.value) == {"id": ["ALREADY_PAID"]}
    assert money_state(order) == before


def test_who_may_mark_paid(placed):
    before = money_state(placed.order)
    for name, actor in refused_callers(other_shop=placed.b, permission=PermissionEnum.MANAGE_ORDERS).items():
        with pytest.raises(PermissionDenied):
            vendor_order_mark_paid(actor=actor, vendor_order=placed.part_a)
        assert money_state(placed.order) == before, name
    for name, actor in allowed_callers(shop=placed.a, permission=PermissionEnum.MANAGE_ORDERS).items():
        part = part_of(place_order([(placed.product_a, 1)]), placed.a)
        assert vendor_order_mark_paid(actor=actor, vendor_order=part).is_paid is True, name


def test_cash_is_collected_only_for_cash_on_delivery(placed, settings):
    settings.PAYMENT_DUMMY_ENABLED = True
    order = place_order([(placed.product_a, 1)], gateway="mirumee.payments.dummy")
    assert order.charge_status == "FULLY_CHARGED"
    before = money_state(order)
    with pytest.raises(ValidationError) as refused:
        vendor_order_mark_paid(actor=member_of(placed.a), vendor_order=part_of(order, placed.a))
    assert error_codes(refused.value) == {"id": ["NOT_CASH_ON_DELIVERY"]}
    assert money_state(order) == before


def test_a_canceled_part_is_not_paid(placed):
    order_cancel(actor=SYSTEM, order=placed.order)
    before = money_state(placed.order)
    with pytest.raises(ValidationError) as refused:
        vendor_order_mark_paid(actor=member_of(placed.a), vendor_order=placed.part_a)
    assert error_codes(refused.value) == {"id": ["INVALID_STATUS"]}
    assert money_state(placed.order) == before


def test_cash_through_the_transactions_api_is_a_charge_of_the_authorization(placed):
    order = place_order([(placed.product_a, 2), (placed.product_b, 1)], through_transactions=True)
    item = TransactionItem.objects.get(order=order)
    assert (item.authorized_value, item.charged_value) == (order.total_gross_amount, 0)
    owner = member_of(placed.a)
    part_a = part_of(order, placed.a)
    vendor_order_mark_paid(actor=owner, vendor_order=part_a)
    collected = part_a.subtotal_amount + part_a.shipping_price_amount
    charge = TransactionEvent.objects.get(transaction=item, type="CHARGE_SUCCESS")
    assert (charge.amount_value, charge.user_id) == (collected, owner.pk)
    item.refresh_from_db()
    assert (item.charged_value, item.authorized_value) == (collected, order.total_gross_amount - collected)
    order.refresh_from_db()
    assert (order.total_charged_amount, order.charge_status) == (collected, "PARTIALLY_CHARGED")

    vendor_order_mark_paid(actor=SYSTEM, vendor_order=part_of(order, placed.b))  # no person: no author
    last = TransactionEvent.objects.filter(transaction=item, type="CHARGE_SUCCESS").latest("pk")
    assert last.user_id is None
    order.refresh_from_db()
    assert order.charge_status == "FULLY_CHARGED"


def test_mark_paid_costs(placed, django_assert_num_queries):
    owner = User.objects.get(pk=member_of(placed.a).pk)
    with django_assert_num_queries(10):  # memberships, savepoint, locks, writes, payment
        vendor_order_mark_paid(actor=owner, vendor_order=placed.part_a)


# ---------------------------------------------------------------- cancel


def stock_state() -> list:
    return [
        list(Stock.objects.order_by("pk").values_list("quantity", "quantity_allocated")),
        list(Allocation.objects.order_by("pk").values_list("quantity_allocated", flat=True)),
    ]


def test_staff_cancel_and_the_stock_returns(placed):
    assert stock_state() == [[(10, 3), (10, 1)], [3, 1]]
    staff = allowed_callers(shop=None, permission=PermissionEnum.MANAGE_ORDERS)["staff with the permission"]
    canceled = order_cancel(actor=staff, order=placed.order)
    assert canceled.status == Order.objects.get(pk=placed.order.pk).status == "CANCELED"
    assert set(VendorOrder.objects.filter(order=placed.order).values_list("status", flat=True)) == {
        "CANCELED"
    }
    assert stock_state() == [[(10, 0), (10, 0)], [0, 0]]
    payment = Payment.objects.get(order=placed.order)
    assert (payment.charge_status, payment.is_active) == ("CANCELLED", False)

    before = [money_state(placed.order), stock_state()]
    with pytest.raises(ValidationError) as again:
        order_cancel(actor=SYSTEM, order=placed.order)
    assert error_codes(again.value) == {"id": ["CANNOT_CANCEL_ORDER"]}
    assert [money_state(placed.order), stock_state()] == before


def test_who_may_cancel(placed):
    """Only holders of MANAGE_ORDERS: a shop's own members cannot cancel the buyer's order."""
    before = [money_state(placed.order), stock_state()]
    refused = {
        **refused_callers(other_shop=placed.b, permission=PermissionEnum.MANAGE_ORDERS),
        "OWNER of a shop in the order": member_of(placed.a),
    }
    for name, actor in refused.items():
        with pytest.raises(PermissionDenied):
            order_cancel(actor=actor, order=placed.order)
        assert [money_state(placed.order), stock_state()] == before, name
    for name, actor in allowed_callers(shop=None, permission=PermissionEnum.MANAGE_ORDERS).items():
        order = place_order([(placed.product_a, 1)])
        assert order_cancel(actor=actor, order=order).status == "CANCELED", name


def test_a_shipped_order_cannot_be_canceled(placed):
    vendor_order_fulfill(actor=SYSTEM, vendor_order=placed.part_b, lines=None)
    before = [money_state(placed.order), stock_state()]
    with pytest.raises(ValidationError) as refused:
        order_cancel(actor=SYSTEM, order=placed.order)
    assert error_codes(refused.value) == {"id": ["CANNOT_CANCEL_ORDER"]}
    assert [money_state(placed.order), stock_state()] == before


def test_cancel_releases_a_cash_authorization(placed):
    order = place_order([(placed.product_a, 1)], through_transactions=True)
    staff = UserFactory(is_staff=True, is_superuser=True)
    order_cancel(actor=staff, order=order)
    item = TransactionItem.objects.get(order=order)
    assert (item.authorized_value, item.canceled_value, item.available_actions) == (
        0,
        order.total_gross_amount,
        [],
    )
    event = TransactionEvent.objects.get(transaction=item, type="CANCEL_SUCCESS")
    assert event.user_id == staff.pk
    order.refresh_from_db()
    assert (order.status, order.total_authorized_amount) == ("CANCELED", 0)


@pytest.mark.parametrize("products", [1, 3])
def test_cancel_costs(seeded_channels, products, django_assert_num_queries):
    """The order, its parts and payments cost the same for any size (the stock rows are
    locked in one query); each allocation adds its stock update."""
    items = [(shop_with_product(stock=5)[1], 1) for _ in range(products)]
    order = place_order(items)
    with django_assert_num_queries(12 + products):
        order_cancel(actor=SYSTEM, order=order)


# ---------------------------------------------------------------- expire (the beat task)


@pytest.fixture
def vnpay(settings):
    settings.VNPAY_TMN_CODE = "LANGNGHE"
    settings.VNPAY_HASH_SECRET = "SECRET-FOR-TESTS-ONLY"
    settings.VNPAY_PAYMENT_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    return settings


def test_unpaid_online_orders_expire_and_release_their_stock(placed, vnpay):
    late = place_order([(placed.product_a, 2)], gateway="vn.vnpay")
    fresh = place_order([(placed.product_a, 1)], gateway="vn.vnpay")
    assert (late.status, fresh.status) == ("UNCONFIRMED", "UNCONFIRMED")
    window = timedelta(minutes=vnpay.VNPAY_PAYMENT_MINUTES + vnpay.VNPAY_GRACE_MINUTES)
    Order.objects.filter(pk=late.pk).update(created_at=timezone.now() - window - timedelta(minutes=1))
    assert Stock.objects.get(product_variant__product=placed.product_a).quantity_allocated == 3 + 2 + 1

    assert expire_unpaid_orders(actor=SYSTEM) == 1
    assert Order.objects.get(pk=late.pk).status == "EXPIRED"
    assert Order.objects.get(pk=fresh.pk).status == "UNCONFIRMED"
    assert Payment.objects.get(order=late).charge_status == "CANCELLED"
    assert Stock.objects.get(product_variant__product=placed.product_a).quantity_allocated == 3 + 1
    assert expire_unpaid_orders(actor=SYSTEM) == 0  # idempotent


def test_only_the_beat_task_expires_orders(placed, vnpay, django_assert_num_queries):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    for actor in (superuser, None, member_of(placed.a)):
        with django_assert_num_queries(0), pytest.raises(PermissionDenied):
            expire_unpaid_orders(actor=actor, now=timezone.now() + timedelta(days=1))


def test_the_task_runs_as_system(placed, vnpay):
    from marketplace.orders.tasks import expire_unpaid_orders as task

    order = place_order([(placed.product_a, 1)], gateway="vn.vnpay")
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=1))
    assert task.delay().get() == 1
    assert Order.objects.get(pk=order.pk).status == "EXPIRED"


# ---------------------------------------------------------------- metadata


def test_order_metadata_matrix(placed):
    buyer = UserFactory(email="mua@example.vn")
    own = place_order([(placed.product_a, 1)], buyer=buyer)
    staff = allowed_callers(shop=None, permission=PermissionEnum.MANAGE_ORDERS)["staff with the permission"]
    written = order_metadata_write(actor=buyer, order=own, items=[("gift", "yes")])
    assert written.metadata == {"gift": "yes"}
    refused = [
        (buyer, own, True),  # the buyer writes only the public metadata
        (UserFactory(), own, False),  # another customer
        (None, own, False),
        (buyer, placed.order, False),  # a guest's order is nobody's
        (member_of(placed.a), own, False),  # the shop's member
    ]
    for actor, order, private in refused:
        before = snapshot(Order.objects.get(pk=order.pk))
        with pytest.raises(PermissionDenied):
            order_metadata_write(actor=actor, order=order, items=[("note", "x")], private=private)
        assert snapshot(Order.objects.get(pk=order.pk)) == before
    for actor in (staff, SYSTEM):
        order_metadata_write(actor=actor, order=own, items=[("crm", "42")], private=True)
    assert Order.objects.get(pk=own.pk).private_metadata == {"crm": "42"}
    order_metadata_write(actor=staff, order=own, delete_keys=["gift"])
    assert Order.objects.get(pk=own.pk).metadata == {}


def test_bad_metadata_is_a_typed_error(placed):
    before = snapshot(Order.objects.get(pk=placed.order.pk))
    with pytest.raises(ValidationError) as refused:
        order_metadata_write(actor=SYSTEM, order=placed.order, items=[("", "x")])
    assert set(error_codes(refused.value)) == {"input"}
    assert snapshot(Order.objects.get(pk=placed.order.pk)) == before
