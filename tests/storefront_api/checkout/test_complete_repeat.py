"""A repeated ``checkoutComplete`` (a storefront retrying after a timeout, or anyone else
holding the checkout's ID) finds the order the first call placed. The first call's rule
applies to it: a customer's order is that customer's only, a guest's is anyone's holding
the ID; and only the request that placed the order reads it unmasked for being that
request. Everyone else reads it as ``order(id)`` shows it to them: the email masked, no
addresses and no payments, unless they are the buyer or staff with MANAGE_ORDERS (Saleor
returns the existing order there and anonymises it for other readers)."""

import pytest
from django.core import mail

from marketplace.accounts.permissions import PermissionEnum
from marketplace.channels.models import Channel
from marketplace.checkout.models import Checkout
from marketplace.inventory.models import Stock
from marketplace.orders.models import Order
from marketplace.payments.models import Payment
from tests.checkout_helpers import op, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data, grant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COMPLETE = """
mutation ($id: ID!) { checkoutComplete(id: $id) {
  order {
    id number userEmail
    shippingAddress { firstName lastName streetAddress1 phone }
    billingAddress { firstName streetAddress1 phone }
    payments { gateway }
    lines { productName quantity }
  }
  confirmationNeeded
  errors { field code message }
} }
"""
FULL = {
    "userEmail": "lan@example.vn",
    "shippingAddress": {
        "firstName": "Lan",
        "lastName": "Nguyễn",
        "streetAddress1": "12 Hàng Gai",
        "phone": "+84912345678",
    },
    "billingAddress": {"firstName": "Lan", "streetAddress1": "12 Hàng Gai", "phone": "+84912345678"},
    "payments": [{"gateway": "vn.cod"}],
}
MASKED = {"userEmail": "l***@example.vn", "shippingAddress": None, "billingAddress": None, "payments": []}  # type: ignore[var-annotated]
NOT_FOUND = {
    "order": None,
    "confirmationNeeded": False,
    "errors": [{"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a checkout."}],
}


def complete(client: ApiClient, checkout_id: str) -> dict:
    return data(client.graphql(COMPLETE, {"id": checkout_id}))["checkoutComplete"]


def visible(result: dict) -> dict:
    order = result["order"]
    return {key: order[key] for key in ("userEmail", "shippingAddress", "billingAddress", "payments")}


def place(client: ApiClient) -> tuple[str, dict]:
    """A cash-on-delivery order placed by ``client``: the checkout's ID and the first answer."""
    _, product = shop_with_product(price=150_000, stock=5)
    checkout_id = ready_checkout(client, [(product, 2)])
    paid = op(client, "CheckoutPaymentCreate", id=checkout_id, gateway="vn.cod", amount=None, token=None)
    assert paid["checkoutPaymentCreate"]["errors"] == []
    first = complete(client, checkout_id)
    assert first["errors"] == [], first["errors"]
    return checkout_id, first


@pytest.fixture
def manager():
    user = UserFactory(email="quanly@langnghe.vn", is_staff=True)
    grant(user, PermissionEnum.MANAGE_ORDERS)
    return client_for(user)


def test_the_guest_who_placed_the_order_reads_it_in_full_only_in_the_placing_request(seeded_channels):
    guest = ApiClient()
    checkout_id, first = place(guest)
    assert visible(first) == FULL  # the request that placed it: the buyer, whoever they are
    order = Order.objects.get()
    assert order.user_id is None

    again = complete(guest, checkout_id)
    # Nothing identifies a guest but the checkout's ID, which is all a stranger has too:
    # the retry is read as any reader without an account reads the order.
    assert again["errors"] == [] and again["order"]["id"] == first["order"]["id"]
    assert again["order"]["number"] == str(order.number)
    assert visible(again) == MASKED
    assert (
        again["order"]["lines"]
        == first["order"]["lines"]
        == [{"productName": order.lines.get().product_name, "quantity": 2}]
    )
    assert Order.objects.count() == 1 and Payment.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]  # the confirmation, not again


def test_anyone_else_holding_a_guest_checkout_id_gets_the_order_masked(seeded_channels, manager):
    checkout_id, first = place(ApiClient())
    number = first["order"]["number"]
    stranger = complete(ApiClient(), checkout_id)
    assert stranger["errors"] == [] and stranger["order"]["number"] == number
    assert visible(stranger) == MASKED
    signed_in = complete(client_for(UserFactory(email="nguoila@example.vn")), checkout_id)
    assert signed_in["errors"] == [] and visible(signed_in) == MASKED
    # Staff with MANAGE_ORDERS read every order in full, here as through order(id).
    staff = complete(manager, checkout_id)
    assert staff["errors"] == [] and visible(staff) == FULL
    assert Order.objects.count() == 1 and Order.objects.get().user_id is None  # nobody took it over
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]


def test_a_customers_order_is_theirs_only_on_the_repeat_as_on_the_first_call(
    seeded_channels, customer_api_client, customer_user, manager, staff_api_client
):
    checkout_id, first = place(customer_api_client)
    assert visible(first) == FULL
    order = Order.objects.get()
    assert order.user_id == customer_user.pk
    before = (order.status, order.updated_at)

    again = complete(customer_api_client, checkout_id)
    assert again["errors"] == [] and again["order"]["id"] == first["order"]["id"]
    assert visible(again) == FULL  # the buyer, recognised by their account

    # Everyone else gets what the first call would have given them: no such checkout.
    for client in (
        ApiClient(),  # anonymous with only the checkout's ID
        client_for(UserFactory(email="nguoila@example.vn")),  # another customer
        staff_api_client,  # staff without permissions
        manager,  # staff with MANAGE_ORDERS (they read the order through order(id))
    ):
        assert complete(client, checkout_id) == NOT_FOUND

    order.refresh_from_db()
    assert (order.status, order.updated_at) == before
    assert Order.objects.count() == 1 and Payment.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]


def test_the_repeat_refuses_an_inactive_channel_like_the_first_call(seeded_channels, customer_api_client):
    checkout_id, _ = place(customer_api_client)
    order = Order.objects.get()
    order.channel.is_active = False
    order.channel.save(update_fields=["is_active"])
    result = complete(customer_api_client, checkout_id)
    assert result == {
        "order": None,
        "confirmationNeeded": False,
        "errors": [
            {
                "field": "channel",
                "code": "CHANNEL_INACTIVE",
                "message": "Cannot complete checkout with inactive channel.",
            }
        ],
    }


def test_the_first_call_refuses_an_inactive_channel_and_writes_nothing(seeded_channels, customer_api_client):
    _, product = shop_with_product(price=150_000, stock=5)
    checkout_id = ready_checkout(customer_api_client, [(product, 2)])
    paid = op(
        customer_api_client,
        "CheckoutPaymentCreate",
        id=checkout_id,
        gateway="vn.cod",
        amount=None,
        token=None,
    )
    assert paid["checkoutPaymentCreate"]["errors"] == []
    Channel.objects.filter(slug="default-channel").update(is_active=False)
    result = complete(customer_api_client, checkout_id)
    assert result["order"] is None
    assert result["errors"] == [
        {
            "field": "channel",
            "code": "CHANNEL_INACTIVE",
            "message": "Cannot complete checkout with inactive channel.",
        }
    ]
    assert Order.objects.count() == 0 and Checkout.objects.count() == 1
    assert Stock.objects.get().quantity_allocated == 0
    assert mail.outbox == []
