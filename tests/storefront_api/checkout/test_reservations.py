"""Adding to a cart holds the stock for CHECKOUT_RESERVATION_MINUTES, renewed by activity;
an expired reservation frees the stock at once, with no job having run."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.checkout.tasks import delete_expired_reservations
from marketplace.inventory.models import Reservation
from tests.checkout_helpers import create, op, shop_with_product
from tests.conftest import ApiClient, data

pytestmark = pytest.mark.django_db

AVAILABLE = "query($slug: String!) { product(slug: $slug) { isAvailable variants { quantityAvailable } } }"


@pytest.fixture
def product(seeded_channels):  # type: ignore[no-untyped-def]
    return shop_with_product(stock=3)[1]


def available(product) -> int:  # type: ignore[no-untyped-def]
    return data(ApiClient().graphql(AVAILABLE, {"slug": product.slug}))["product"]["variants"][0][
        "quantityAvailable"
    ]


def test_a_cart_holds_stock_from_other_buyers(product, settings):
    first = create(ApiClient(), [(product, 2)])
    assert first["errors"] == []
    reservation = Reservation.objects.get()
    assert reservation.quantity_reserved == 2
    expected_until = timezone.now() + timedelta(minutes=settings.CHECKOUT_RESERVATION_MINUTES)
    assert abs((reservation.reserved_until - expected_until).total_seconds()) < 5
    assert available(product) == 1
    second = create(ApiClient(), [(product, 2)])
    assert second["errors"][0]["code"] == "INSUFFICIENT_STOCK"
    assert second["errors"][0]["message"] == "Could not add items. Only 1 remaining in stock."
    # The holder's own reservation counts as available to it.
    more = op(
        ApiClient(),
        "CheckoutLinesAdd",
        id=first["checkout"]["id"],
        lines=[{"variantId": second["errors"][0]["variants"][0], "quantity": 1}],
    )
    assert more["checkoutLinesAdd"]["errors"] == []
    assert Reservation.objects.get().quantity_reserved == 3
    assert available(product) == 0


def test_an_expired_reservation_frees_the_stock_without_a_job(product):
    first = create(ApiClient(), [(product, 3)])
    assert available(product) == 0
    Reservation.objects.update(reserved_until=timezone.now() - timedelta(seconds=1))
    assert available(product) == 3  # nothing ran: the expired row simply holds nothing
    second = create(ApiClient(), [(product, 3)])
    assert second["errors"] == []
    # The first buyer's stale line no longer holds anything, and cannot grab the stock back.
    retry = op(
        ApiClient(),
        "CheckoutLinesUpdate",
        id=first["checkout"]["id"],
        lines=[{"lineId": first["checkout"]["lines"][0]["id"], "quantity": 3}],
    )
    assert retry["checkoutLinesUpdate"]["errors"][0]["code"] == "INSUFFICIENT_STOCK"


def test_activity_renews_the_reservations(product):
    created = create(ApiClient(), [(product, 1)])
    soon = timezone.now() + timedelta(minutes=1)
    Reservation.objects.update(reserved_until=soon)
    op(ApiClient(), "CheckoutEmailUpdate", id=created["checkout"]["id"], email="other@example.vn")
    assert Reservation.objects.get().reserved_until > soon + timedelta(minutes=10)
    expires = op(ApiClient(), "CheckoutFind", id=created["checkout"]["id"])
    assert expires["checkout"]["email"] == "other@example.vn"


def test_the_beat_task_deletes_only_expired_rows(product, seeded_channels):
    _, other = shop_with_product(stock=3)
    create(ApiClient(), [(product, 1)])
    create(ApiClient(), [(other, 1)])
    Reservation.objects.filter(stock__product_variant__product=product).update(
        reserved_until=timezone.now() - timedelta(minutes=1)
    )
    assert delete_expired_reservations.delay().get() == 1
    assert list(Reservation.objects.values_list("stock__product_variant__product", flat=True)) == [other.pk]


def test_reservations_can_be_turned_off(product, settings):
    settings.CHECKOUT_RESERVATION_MINUTES = 0
    assert create(ApiClient(), [(product, 3)])["errors"] == []
    assert Reservation.objects.count() == 0
    assert create(ApiClient(), [(product, 3)])["errors"] == []  # checked again when the order is placed
