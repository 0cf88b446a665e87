"""A checkout, a buyer's orders and a shop's order parts cost the same number of SQL
queries for one line or order as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.orders.models import Order
from tests.checkout_helpers import CHECKOUT, gid, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data, run_operation
from tests.factories import UserFactory, listed_product
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

ORDERS = """{ me { orders(first: 20) { edges { node {
  id number status paymentStatus total { gross { amount } } userEmail shippingAddress { city }
  lines { productName quantity variant { sku product { name } } vendor { name } }
  fulfillments { status lines { quantity orderLine { productName } } }
  vendorOrders { status subtotal { amount } vendor { name } lines { productSku } fulfillments { id } }
} } } } }"""
VENDOR_ORDERS = """query($v: ID!) { vendorOrders(vendor: $v, first: 20) { edges { node {
  id status number subtotal { amount } commission { amount } payoutAmount { amount }
  lines { productName quantity variant { sku } }
  fulfillments { trackingNumber lines { quantity } }
  order { number userEmail shippingAddress { streetAddress1 } lines { productName } vendorOrders { id } }
} } } }"""


def count(client, document, operation=None, variables=None) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        if operation:
            content = run_operation(client, document, operation, variables or {})
        else:
            content = client.graphql(document, variables)
    return len(captured), data(content)


def test_a_checkout_of_one_line_costs_what_one_of_many_shops_costs(seeded_channels):
    client = ApiClient()
    _, first = shop_with_product()
    small = ready_checkout(client, [(first, 1)])
    one, found = count(client, CHECKOUT, "CheckoutFind", {"id": small})
    assert found["checkout"]["quantity"] == 1
    many_products = [shop_with_product()[1] for _ in range(7)]
    big = ready_checkout(client, [(p, 2) for p in [first, *many_products]])
    many, found = count(client, CHECKOUT, "CheckoutFind", {"id": big})
    assert len(found["checkout"]["lines"]) == 8
    assert many == one


def _orders_for(user, products) -> None:
    client = client_for(user)
    result = pay_and_complete(client, ready_checkout(client, [(p, 1) for p in products]))
    assert result["errors"] == []


def test_the_buyers_orders_cost_the_same_for_one_and_many(seeded_channels):
    user = UserFactory()
    products = [shop_with_product()[1] for _ in range(3)]
    _orders_for(user, products[:1])
    one, result = count(client_for(user), ORDERS)
    assert len(result["me"]["orders"]["edges"]) == 1
    for _ in range(4):
        _orders_for(user, products)
    many, result = count(client_for(user), ORDERS)
    assert len(result["me"]["orders"]["edges"]) == 5
    assert many == one


def test_a_shops_order_parts_cost_the_same_for_one_and_many(seeded_channels):
    vendor, product = shop_with_product(stock=50)
    owner = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=owner, role=VendorMemberRole.OWNER)
    other = listed_product(stock=50)
    buyer = UserFactory()
    _orders_for(buyer, [product, other])
    variables = {"v": gid("Vendor", vendor.pk)}
    one, result = count(client_for(owner), VENDOR_ORDERS, variables=variables)
    assert len(result["vendorOrders"]["edges"]) == 1
    for _ in range(5):
        _orders_for(UserFactory(), [product, other])
    many, result = count(client_for(owner), VENDOR_ORDERS, variables=variables)
    assert len(result["vendorOrders"]["edges"]) == 6
    assert all(len(edge["node"]["order"]["lines"]) == 1 for edge in result["vendorOrders"]["edges"])
    assert many == one
    assert Order.objects.count() == 6


def test_a_customers_carts_cost_the_same_for_one_and_many(seeded_channels):
    from tests.checkout_helpers import design_centre

    design_centre()
    user = UserFactory()
    client = client_for(user)
    products = [shop_with_product()[1] for _ in range(3)]
    query = (
        "{ me { checkouts(first: 10) { edges { node { id quantity lines { variant { sku } totalPrice { gross { amount } } } "
        "vendorParcels { vendor { name } weightGrams shippingPrice { amount } } shippingMethods { name price { amount } } "
        "availableCollectionPoints { name } deliveryMethod { __typename } subtotalPrice { gross { amount } } "
        "totalPrice { gross { amount } } stockReservationExpires } } } } }"
    )
    ready_checkout(client, [(products[0], 1)])
    one, result = count(client, query)
    assert len(result["me"]["checkouts"]["edges"]) == 1
    for _ in range(3):
        ready_checkout(client, [(p, 1) for p in products])
    many, result = count(client, query)
    edges = result["me"]["checkouts"]["edges"]
    assert len(edges) == 4 and {len(e["node"]["lines"]) for e in edges} == {1, 3}
    assert all(e["node"]["shippingMethods"] and e["node"]["availableCollectionPoints"] for e in edges)
    assert many == one
