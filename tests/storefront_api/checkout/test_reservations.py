"""The reservation policy (README, Stock): a checkout holds stock only once it has an email
and a shipping address (or a delivery method), for CHECKOUT_RESERVATION_MINUTES renewed by
activity but never beyond CHECKOUT_RESERVATION_MAX_MINUTES, at most
CHECKOUT_RESERVATION_MAX_UNITS of a variant per checkout and
CHECKOUT_RESERVATION_CLIENT_MAX_UNITS per client; checkout creation is throttled per IP and
per customer. An expired reservation frees the stock at once, with no job having run."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.checkout.models import Checkout
from marketplace.checkout.tasks import delete_expired_reservations
from marketplace.inventory.models import Reservation
from marketplace.orders.models import Order
from tests.checkout_helpers import ADDRESS, create, op, pay_and_complete, ready_checkout, shop_with_product
from tests.checkout_helpers import variant_id as vid
from tests.conftest import ApiClient, client_for, data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AVAILABLE = "query($slug: String!) { product(slug: $slug) { isAvailable variants { quantityAvailable } } }"
CREATE_READY = """mutation($lines: [CheckoutLineInput!]!, $email: String, $address: AddressInput) {
  checkoutCreate(input: {channel: "default-channel", email: $email, lines: $lines, shippingAddress: $address}) {
    checkout { id quantity lines { id quantity } } errors { field code message variants } } }"""


@pytest.fixture
def product(seeded_channels):
    return shop_with_product(stock=3)[1]


def available(product) -> int:
    return data(ApiClient().graphql(AVAILABLE, {"slug": product.slug}))["product"]["variants"][0][
        "quantityAvailable"
    ]


def held() -> int:
    return sum(
        Reservation.objects.filter(reserved_until__gt=timezone.now()).values_list(
            "quantity_reserved", flat=True
        )
    )


def create_ready(client: ApiClient, product, quantity: int, *, email: str | None = "lan@example.vn"):
    variables = {
        "lines": [{"variantId": vid(product), "quantity": quantity}],
        "email": email,
        "address": ADDRESS,
    }
    return data(client.graphql(CREATE_READY, variables))["checkoutCreate"]


def ship_to(client: ApiClient, checkout_id: str) -> None:
    result = op(client, "CheckoutShippingAddressUpdate", id=checkout_id, address=ADDRESS)
    assert result["checkoutShippingAddressUpdate"]["errors"] == []


def test_a_cart_holds_nothing_until_it_has_an_email_and_an_address(product):
    cart = create(ApiClient(), [(product, 3)], email=None)
    assert cart["errors"] == []
    assert (Reservation.objects.count(), available(product)) == (0, 3)
    op(ApiClient(), "CheckoutEmailUpdate", id=cart["checkout"]["id"], email="lan@example.vn")
    assert (Reservation.objects.count(), available(product)) == (0, 3)
    ship_to(ApiClient(), cart["checkout"]["id"])
    assert (held(), available(product)) == (3, 0)


def test_a_pickup_checkout_holds_once_it_chose_the_collection_point(seeded_channels):
    from tests.checkout_helpers import gid

    vendor, product = shop_with_product(stock=3, pickup=True)
    cart = create(ApiClient(), [(product, 2)])["checkout"]["id"]
    assert held() == 0
    workshop = vendor.warehouses.get()
    chosen = op(
        ApiClient(), "CheckoutDeliveryMethodUpdate", id=cart, deliveryMethodId=gid("Warehouse", workshop.pk)
    )
    assert chosen["checkoutDeliveryMethodUpdate"]["errors"] == []
    assert (held(), available(product)) == (2, 1)


def test_a_ready_cart_holds_stock_from_other_buyers(product, settings):
    first = create_ready(ApiClient(), product, 2)
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
        lines=[{"variantId": vid(product), "quantity": 1}],
    )
    assert more["checkoutLinesAdd"]["errors"] == []
    assert Reservation.objects.get().quantity_reserved == 3
    assert available(product) == 0


def test_an_expired_reservation_frees_the_stock_without_a_job(product):
    first = create_ready(ApiClient(), product, 3)
    assert available(product) == 0
    Reservation.objects.update(reserved_until=timezone.now() - timedelta(seconds=1))
    assert available(product) == 3  # nothing ran: the expired row simply holds nothing
    second = create_ready(ApiClient(REMOTE_ADDR="198.51.100.2"), product, 3)
    assert second["errors"] == []
    # The first buyer's stale line no longer holds anything, and cannot grab the stock back.
    retry = op(
        ApiClient(),
        "CheckoutLinesUpdate",
        id=first["checkout"]["id"],
        lines=[{"lineId": first["checkout"]["lines"][0]["id"], "quantity": 3}],
    )
    assert retry["checkoutLinesUpdate"]["errors"][0]["code"] == "INSUFFICIENT_STOCK"


def test_activity_renews_the_hold_but_never_beyond_the_maximum(product, settings):
    created = create_ready(ApiClient(), product, 1)["checkout"]["id"]
    soon = timezone.now() + timedelta(minutes=1)
    Reservation.objects.update(reserved_until=soon)
    op(ApiClient(), "CheckoutEmailUpdate", id=created, email="other@example.vn")
    assert Reservation.objects.get().reserved_until > soon + timedelta(minutes=10)
    assert op(ApiClient(), "CheckoutFind", id=created)["checkout"]["email"] == "other@example.vn"
    # 55 minutes after the first hold, renewing gives only the 5 minutes left of the hour...
    Checkout.objects.update(reserved_since=timezone.now() - timedelta(minutes=55))
    op(ApiClient(), "CheckoutEmailUpdate", id=created, email="lan@example.vn")
    until = Reservation.objects.get().reserved_until
    assert timedelta(minutes=4) < until - timezone.now() <= timedelta(minutes=5)
    # ...and after the hour, nothing: the stock is free, the cart can still be bought.
    Checkout.objects.update(
        reserved_since=timezone.now() - timedelta(minutes=settings.CHECKOUT_RESERVATION_MAX_MINUTES + 1)
    )
    op(ApiClient(), "CheckoutEmailUpdate", id=created, email="lan@example.vn")
    assert (Reservation.objects.count(), available(product)) == (0, 3)
    op(ApiClient(), "CheckoutLinesAdd", id=created, lines=[{"variantId": vid(product), "quantity": 1}])
    assert Reservation.objects.count() == 0
    op(ApiClient(), "CheckoutBillingAddressUpdate", id=created, address=ADDRESS)
    method = op(ApiClient(), "CheckoutFind", id=created)["checkout"]["shippingMethods"][0]["id"]
    op(ApiClient(), "CheckoutDeliveryMethodUpdate", id=created, deliveryMethodId=method)
    assert pay_and_complete(ApiClient(), created)["errors"] == []
    assert Order.objects.get().lines.get().quantity == 2


def test_a_checkout_holds_at_most_its_share_and_a_client_at_most_its_own(seeded_channels, settings):
    settings.CHECKOUT_RESERVATION_MAX_UNITS = 4
    settings.CHECKOUT_RESERVATION_CLIENT_MAX_UNITS = 6
    _, product = shop_with_product(stock=20)
    one_client = ApiClient(REMOTE_ADDR="203.0.113.9")
    first = create_ready(one_client, product, 15)
    assert first["errors"] == [] and first["checkout"]["quantity"] == 15  # the line is not capped...
    assert (held(), available(product)) == (4, 16)  # ...its hold is
    second = create_ready(one_client, product, 5)
    assert second["errors"] == []
    assert (held(), available(product)) == (6, 14)  # the client's checkouts together: 6
    stranger = create_ready(ApiClient(REMOTE_ADDR="198.51.100.4"), product, 5)
    assert stranger["errors"] == []
    assert (held(), available(product)) == (10, 10)
    # A signed-in customer is one client on any address.
    customer = UserFactory()
    for address in ("192.0.2.1", "192.0.2.2"):
        assert create_ready(client_for(customer, REMOTE_ADDR=address), product, 5)["errors"] == []
    assert held() == 16
    assert set(Checkout.objects.filter(user=customer).values_list("client_key", flat=True)) == {
        f"user:{customer.pk}"
    }
    assert not Checkout.objects.filter(client_key__contains="203.0.113.9").exists()  # a hash, not the address


def test_the_abuse_scenario_no_longer_locks_out_stock(seeded_channels):
    """Before: three carts without email held all 120 units for 20 minutes, renewable, and 60
    carts were created in seconds. Now: those carts hold nothing, with an email and an
    address one client holds at most 20, creation stops at 30, and a real buyer buys."""
    _, product = shop_with_product(stock=120)
    abuser = ApiClient(REMOTE_ADDR="203.0.113.66")
    carts = [create(abuser, [(product, 40)], email=None) for _ in range(3)]
    assert all(c["errors"] == [] for c in carts)
    assert (held(), available(product)) == (0, 50)  # quantityAvailable shows at most 50
    for cart in carts:
        op(abuser, "CheckoutEmailUpdate", id=cart["checkout"]["id"], email="x@example.vn")
        ship_to(abuser, cart["checkout"]["id"])
    assert held() == 20
    more = [create(abuser, [(product, 1)], email=None) for _ in range(60)]
    codes = [m["errors"][0]["code"] if m["errors"] else "created" for m in more]
    assert codes == ["created"] * 27 + ["CHECKOUT_CREATION_DELAYED"] * 33
    refused = more[-1]["errors"][0]
    assert refused["field"] is None and refused["message"].startswith("Too many new checkouts; try again in ")
    assert more[-1]["checkout"] is None
    assert Checkout.objects.count() == 30
    buyer = ApiClient(REMOTE_ADDR="198.51.100.7")
    result = pay_and_complete(buyer, ready_checkout(buyer, [(product, 5)]))
    assert result["errors"] == [] and result["order"]["lines"][0]["quantity"] == 5


def test_a_customer_is_throttled_on_any_address(product, customer_user, settings):
    settings.CHECKOUT_CREATE_PER_USER = 2
    codes = []
    for index in range(3):
        result = create(client_for(customer_user, REMOTE_ADDR=f"192.0.2.{index}"), [(product, 1)], email=None)
        codes.append(result["errors"][0]["code"] if result["errors"] else "created")
    assert codes == ["created", "created", "CHECKOUT_CREATION_DELAYED"]
    assert create(ApiClient(REMOTE_ADDR="192.0.2.9"), [(product, 1)])["errors"] == []  # a guest there


def test_the_beat_task_deletes_only_expired_rows(product, seeded_channels):
    _, other = shop_with_product(stock=3)
    create_ready(ApiClient(), product, 1)
    create_ready(ApiClient(), other, 1)
    Reservation.objects.filter(stock__product_variant__product=product).update(
        reserved_until=timezone.now() - timedelta(minutes=1)
    )
    assert delete_expired_reservations.delay().get() == 1
    assert list(Reservation.objects.values_list("stock__product_variant__product", flat=True)) == [other.pk]


def test_reservations_can_be_turned_off(product, settings):
    settings.CHECKOUT_RESERVATION_MINUTES = 0
    assert create_ready(ApiClient(), product, 3)["errors"] == []
    assert Reservation.objects.count() == 0
    assert create_ready(ApiClient(), product, 3)["errors"] == []  # checked again when the order is placed


def test_abandoned_checkouts_are_deleted_with_their_addresses(product, customer_api_client):
    from marketplace.accounts.models import Address
    from marketplace.checkout.tasks import delete_abandoned_checkouts

    guest = create(ApiClient(), [(product, 1)])["checkout"]["id"]
    ship_to(ApiClient(), guest)
    create(ApiClient(), [], email=None)  # an empty cart
    create(customer_api_client, [(product, 1)])
    addresses = Address.objects.count()
    assert delete_abandoned_checkouts.delay().get() == 0  # all fresh
    Checkout.objects.update(last_change=timezone.now() - timedelta(days=31))
    assert Reservation.objects.count() == 1  # the guest's
    assert delete_abandoned_checkouts.delay().get() == 2  # the guest's and the empty one
    assert Address.objects.count() == addresses - 1
    assert list(Checkout.objects.values_list("user__email", flat=True)) == ["khach@example.vn"]
    assert Reservation.objects.count() == 0  # the guest's went with its lines
    Checkout.objects.update(last_change=timezone.now() - timedelta(days=91))
    assert delete_abandoned_checkouts.delay().get() == 1


def test_an_abandoned_checkout_holding_money_is_never_deleted(product, settings):
    """A checkout whose transactions authorized, charged or wait for money stays (someone must
    complete or refund it); one whose transactions failed is deleted like any other."""
    from marketplace.checkout.tasks import delete_abandoned_checkouts
    from marketplace.payments.models import TransactionItem
    from tests.storefront_api.checkout.documents import dummy, initialize

    settings.PAYMENT_DUMMY_ENABLED = True
    paid, failed = (create(ApiClient(), [(product, 1)])["checkout"]["id"] for _ in range(2))
    for checkout_id in (paid, failed):
        ship_to(ApiClient(), checkout_id)
    assert initialize(ApiClient(), paid, dummy("CHARGE_SUCCESS"), amount=1)["errors"] == []
    assert initialize(ApiClient(), failed, dummy("CHARGE_FAILURE"))["errors"] == []
    Checkout.objects.update(last_change=timezone.now() - timedelta(days=91))
    assert delete_abandoned_checkouts.delay().get() == 1
    kept = Checkout.objects.get()
    assert TransactionItem.objects.get(checkout=kept).charged_value == 1
    assert TransactionItem.objects.filter(checkout__isnull=True).count() == 1  # the failed one's, kept
