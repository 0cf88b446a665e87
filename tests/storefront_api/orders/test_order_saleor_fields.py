"""The order fields Saleor's storefront reads (confirmation page, order history), with the
existing privacy rules: anyone holding an order's ID reads its status and totals; its
addresses, payments, transactions and metadata only the buyer, MANAGE_ORDERS staff and the
request that placed it."""

import pytest

from marketplace.accounts.permissions import PermissionEnum
from marketplace.orders.models import Order
from marketplace.shipping.models import ShippingMethod
from tests.checkout_helpers import gid, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data, grant
from tests.factories import UserFactory
from tests.storefront_api.checkout.documents import ORDER, complete, dummy, initialize

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(seeded_channels, settings):
    settings.PAYMENT_DUMMY_ENABLED = True
    _, product = shop_with_product(price=100_000)
    buyer = client_for(UserFactory(email="mua@example.vn"))
    checkout_id = ready_checkout(buyer, [(product, 1)])
    assert initialize(buyer, checkout_id, dummy("CHARGE_SUCCESS"))["errors"] == []
    order_id = complete(buyer, checkout_id)["order"]["id"]
    return buyer, order_id


def read(client: ApiClient, order_id: str) -> dict:
    return data(client.graphql(ORDER, {"id": order_id}))["order"]


def test_strangers_see_the_status_and_totals_not_the_payments(placed, staff_user):
    buyer, order_id = placed
    mine = read(buyer, order_id)
    stranger = read(ApiClient(), order_id)
    for field in (
        "status",
        "statusDisplay",
        "chargeStatus",
        "authorizeStatus",
        "total",
        "totalBalance",
        "lines",
    ):
        assert stranger[field] == mine[field], field
    assert len(mine["transactions"]) == 1 and stranger["transactions"] == []
    assert mine["shippingAddress"] is not None and stranger["shippingAddress"] is None
    assert stranger["userEmail"] == "l***@example.vn"
    grant(staff_user, PermissionEnum.MANAGE_ORDERS)
    assert len(read(client_for(staff_user), order_id)["transactions"]) == 1


@pytest.mark.parametrize(
    ("status", "label"),
    [("UNCONFIRMED", "Unconfirmed"), ("PARTIALLY_FULFILLED", "Partially fulfilled"), ("EXPIRED", "Expired")],
)
def test_status_display_follows_saleor(placed, status, label):
    buyer, order_id = placed
    Order.objects.update(status=status)
    assert read(buyer, order_id)["statusDisplay"] == label


def test_a_deleted_method_or_variant_leaves_the_order_readable(placed):
    buyer, order_id = placed
    ShippingMethod.objects.filter(pk=Order.objects.get().shipping_method_id).delete()
    Order.objects.get().lines.update(variant=None)
    order = read(buyer, order_id)
    assert order["deliveryMethod"] is None
    assert order["lines"][0]["thumbnail"] is None and order["lines"][0]["productName"]
    assert order["shippingPrice"]["gross"]["amount"] == 25_000  # as bought


def test_an_older_api_cash_on_delivery_order_is_not_authorized(seeded_channels):
    _, product = shop_with_product(price=100_000)
    client = ApiClient()
    completed = pay_and_complete(client, ready_checkout(client, [(product, 1)]), "vn.cod")
    order = read(client, completed["order"]["id"])
    # Saleor's rule for the older payments: a cash payment authorizes nothing.
    assert (order["chargeStatus"], order["authorizeStatus"]) == ("NONE", "NONE")
    assert order["totalBalance"]["amount"] == -125_000 and order["transactions"] == []
    assert order["isPaid"] is False and gid("Order", Order.objects.get().pk) == completed["order"]["id"]


def test_order_by_token_reads_as_order_by_id(placed):
    buyer, order_id = placed
    token = str(Order.objects.get().pk)
    query = "query ($t: UUID!) { orderByToken(token: $t) { id userEmail shippingAddress { city } } }"
    mine = data(buyer.graphql(query, {"t": token}))["orderByToken"]
    assert mine["id"] == order_id and mine["userEmail"] == "lan@example.vn" and mine["shippingAddress"]
    theirs = data(ApiClient().graphql(query, {"t": token}))["orderByToken"]
    assert theirs == {"id": order_id, "userEmail": "l***@example.vn", "shippingAddress": None}
    assert (
        data(ApiClient().graphql(query, {"t": "00000000-0000-0000-0000-000000000000"}))["orderByToken"]
        is None
    )
