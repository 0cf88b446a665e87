"""Reviews racing: two buyers reviewing one product at the same moment both count in its
rating (the product's row lock orders them); one order line reviewed twice at once gives one
review (the database's unique order line decides), the other request a typed error."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from marketplace.catalog.models import Product
from marketplace.orders.models import OrderLine
from marketplace.orders.services import vendor_order_fulfill
from marketplace.reviews.models import Review
from marketplace.reviews.services import review_create
from tests.checkout_helpers import shop_with_product
from tests.factories import UserFactory
from tests.service_helpers import member_of, part_of, place_order

pytestmark = pytest.mark.django_db(transaction=True)


def received_line(product, vendor, owner):  # type: ignore[no-untyped-def]
    buyer = UserFactory()
    order = place_order([(product, 1)], buyer=buyer)
    vendor_order_fulfill(actor=owner, vendor_order=part_of(order, vendor), lines=None)
    return buyer, OrderLine.objects.get(order=order)


def race(*calls):  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = []

    def run(call):  # type: ignore[no-untyped-def]
        try:
            barrier.wait(5)
            outcomes.append(call())
        except ValidationError as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return outcomes


def test_two_reviews_at_once_both_count(seeded_channels):
    vendor, product = shop_with_product(price=100_000, stock=10)
    owner = member_of(vendor)
    (first, line1), (second, line2) = (
        received_line(product, vendor, owner),
        received_line(product, vendor, owner),
    )
    outcomes = race(
        lambda: review_create(actor=first, order_line_id=line1.pk, rating=5),
        lambda: review_create(actor=second, order_line_id=line2.pk, rating=2),
    )
    assert all(isinstance(o, Review) for o in outcomes), outcomes
    product.refresh_from_db()
    assert (product.rating, product.review_count) == (3.5, 2)


def test_one_line_reviewed_twice_at_once_is_one_review(seeded_channels):
    vendor, product = shop_with_product(price=100_000, stock=10)
    buyer, line = received_line(product, vendor, member_of(vendor))
    outcomes = race(*[lambda: review_create(actor=buyer, order_line_id=line.pk, rating=4) for _ in range(3)])
    reviews = [o for o in outcomes if isinstance(o, Review)]
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(reviews) == 1 and len(refusals) == 2
    assert {e.code for r in refusals for e in r.error_dict["order_line"]} == {"ALREADY_EXISTS"}
    assert Review.objects.count() == 1
    assert Product.objects.get(pk=product.pk).review_count == 1
