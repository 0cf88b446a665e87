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


def test_abandoned_checkouts_are_deleted_with_their_addresses(product, customer_api_client):
    from marketplace.accounts.models import Address
    from marketplace.checkout.models import Checkout
    from marketplace.checkout.tasks import delete_abandoned_checkouts
    from tests.checkout_helpers import ADDRESS

    guest = create(ApiClient(), [(product, 1)])["checkout"]["id"]
    op(ApiClient(), "CheckoutShippingAddressUpdate", id=guest, address=ADDRESS)
    create(ApiClient(), [], email=None)  # an empty cart
    create(customer_api_client, [(product, 1)])
    addresses = Address.objects.count()
    assert delete_abandoned_checkouts.delay().get() == 0  # all fresh
    Checkout.objects.update(last_change=timezone.now() - timedelta(days=31))
    assert delete_abandoned_checkouts.delay().get() == 2  # the guest's and the empty one
    assert Address.objects.count() == addresses - 1
    assert list(Checkout.objects.values_list("user__email", flat=True)) == ["khach@example.vn"]
    assert Reservation.objects.count() == 1  # the guest's went with its lines
    Checkout.objects.update(last_change=timezone.now() - timedelta(days=91))
    assert delete_abandoned_checkouts.delay().get() == 1
