"""Refunds under concurrency — real threads, each on its own PostgreSQL connection, committing
for real, VNPay's refund API served locally: never more refunded than charged, never one
refund sent twice."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.accounts.actors import SYSTEM
from marketplace.orders.models import Order, OrderGrantedRefund
from marketplace.orders.services import vendor_order_fulfill
from marketplace.payments import refunds
from marketplace.payments.models import ProviderRefundRequest
from marketplace.returns import services as returns
from marketplace.returns.models import ReturnRequest
from tests.checkout_helpers import shop_with_product
from tests.factories import UserFactory
from tests.marketplace.checkout.test_races import race
from tests.marketplace.payments.test_refunds import TOTAL, confirm_vnpay, staff
from tests.service_helpers import member_of, part_of, place_order

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def order(seeded_channels, fake_vnpay):  # type: ignore[no-untyped-def]
    _, product = shop_with_product(price=300_000, stock=5)
    return confirm_vnpay(place_order([(product, 2)], gateway="vn.vnpay"))


def outcome(result: object) -> str:
    if isinstance(result, ValidationError):
        return str(result.error_dict["amount"][0].code)
    assert isinstance(result, OrderGrantedRefund), result
    return str(result.status)


def test_racing_refunds_give_back_at_most_what_was_charged(order, fake_vnpay):
    actors = [staff() for _ in range(4)]
    results = race(lambda i: refunds.order_refund(actor=actors[i], order=order, amount=Decimal(400_000)), 4)
    assert Counter(outcome(r) for r in results) == {"SUCCESS": 1, "AMOUNT_GREATER_THAN_AVAILABLE": 3}
    assert len(fake_vnpay.received) == 1 and fake_vnpay.bad_signatures == 0
    order.refresh_from_db()
    assert (order.total_refunded_amount, order.total_charged_amount) == (400_000, TOTAL)


def test_racing_requests_of_one_refund_send_it_once(order, fake_vnpay):
    actor = staff()
    granted = refunds.order_grant_refund_create(actor=actor, order=order, amount=TOTAL)
    results = race(lambda i: refunds.request_granted_refund(actor=actor, granted_refund=granted), 4)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(fake_vnpay.received) == 1 and ProviderRefundRequest.objects.count() == 1
    assert OrderGrantedRefund.objects.get().status == "SUCCESS"
    assert Order.objects.get(pk=order.pk).total_refunded_amount == TOTAL


def test_a_return_received_while_staff_refund_the_order_gives_back_at_most_the_charge(
    seeded_channels, fake_vnpay
):

    vendor, product = shop_with_product(price=300_000, stock=5)
    buyer = UserFactory()
    order = confirm_vnpay(place_order([(product, 2)], buyer=buyer, gateway="vn.vnpay"))
    vendor_order_fulfill(actor=SYSTEM, vendor_order=part_of(order, vendor), lines=None)
    request = returns.order_return_request(
        actor=buyer, order=order, lines=[(order.lines.get().pk, 2)], reason="Cả hai bình đều nứt"
    )
    request = returns.order_return_accept(actor=member_of(vendor), return_request=request)
    artisan, admin = member_of(vendor), staff()

    def work(i: int):  # type: ignore[no-untyped-def]
        if i == 0:
            return returns.order_return_receive(actor=artisan, return_request=request, restock=True)
        return refunds.order_refund(actor=admin, order=order, amount=Decimal(400_000))

    results = race(work, 2)
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1, results  # whichever came second found the money already held
    order.refresh_from_db()
    assert order.total_refunded_amount in (Decimal(600_000), Decimal(400_000))
    assert order.total_refunded_amount <= order.total_charged_amount == TOTAL
    assert len(fake_vnpay.received) == 1


def test_two_requests_to_return_the_same_units_at_once_make_one(seeded_channels, fake_vnpay):

    vendor, product = shop_with_product(price=300_000, stock=5)
    buyer = UserFactory()
    order = confirm_vnpay(place_order([(product, 2)], buyer=buyer, gateway="vn.vnpay"))
    vendor_order_fulfill(actor=SYSTEM, vendor_order=part_of(order, vendor), lines=None)
    line = order.lines.get()
    results = race(
        lambda i: returns.order_return_request(actor=buyer, order=order, lines=[(line.pk, 2)], reason="Nứt"),
        3,
    )
    assert Counter(type(r).__name__ for r in results) == {"ReturnRequest": 1, "ValidationError": 2}
    assert ReturnRequest.objects.count() == 1
