"""Done-when: over HTTP with the contract's documents, a guest buys from three artisans with
cash on delivery, and each artisan sees and fulfils its own part."""

from decimal import Decimal

import pytest
from django.core import mail

from marketplace.inventory.models import Allocation, Stock
from marketplace.orders.models import Order, VendorOrder
from tests.checkout_helpers import ADDRESS, create, gid, op, pay_and_complete, shop_with_product
from tests.conftest import ApiClient, client_for, data
from tests.factories import UserFactory
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

VENDOR_ORDERS = """
query ($vendor: ID!) { vendorOrders(vendor: $vendor, first: 10) { totalCount edges { node {
  id status number subtotal { amount } shippingPrice { amount } commission { amount } payoutAmount { amount }
  lines { id productName quantity quantityFulfilled }
  order { id number lines { productName } vendorOrders { id } shippingAddress { streetAddress1 } userEmail }
} } } }
"""
FULFIL = """
mutation ($id: ID!, $tracking: String) { vendorOrderFulfill(id: $id, trackingNumber: $tracking) {
  vendorOrder { status } fulfillment { fulfillmentOrder trackingNumber lines { quantity } }
  errors { field code message } } }
"""
MARK_PAID = (
    "mutation ($id: ID!) { vendorOrderMarkPaid(id: $id) { vendorOrder { isPaid } errors { field code } } }"
)


def member_client(vendor):
    user = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=user, role=VendorMemberRole.OWNER)
    return client_for(user)


def test_a_guest_buys_from_three_artisans_and_each_fulfils_its_part(seeded_channels):
    shops = [shop_with_product(price=price, stock=5) for price in (120_000, 250_000, 85_000)]
    clients = [member_client(vendor) for vendor, _ in shops]
    guest = ApiClient()
    created = create(guest, [(shops[0][1], 2), (shops[1][1], 1), (shops[2][1], 3)])
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    assert created["checkout"]["quantity"] == 6
    assert created["checkout"]["subtotalPrice"]["gross"] == {"amount": 745_000, "currency": "VND"}

    shipped = op(guest, "CheckoutShippingAddressUpdate", id=checkout_id, address=ADDRESS)
    checkout = shipped["checkoutShippingAddressUpdate"]["checkout"]
    assert checkout["shippingAddress"]["city"] == "Phường Hoàn Kiếm"
    assert checkout["shippingAddress"]["countryArea"] == "Thành phố Hà Nội"
    assert checkout["shippingAddress"]["phone"] == "+84912345678"
    methods = {m["name"]: m for m in checkout["shippingMethods"]}
    standard = methods["Giao hàng tiêu chuẩn Hà Nội"]
    # Three parcels of 1, 0.5 and 1.5 kg (500 g a unit): 25,000 + 25,000 + (25,000 + 5,000).
    assert standard["price"] == {"amount": 80_000, "currency": "VND"}
    assert (standard["minimumDeliveryDays"], standard["maximumDeliveryDays"]) == (1, 2)
    assert (
        op(guest, "CheckoutBillingAddressUpdate", id=checkout_id, address=ADDRESS)[
            "checkoutBillingAddressUpdate"
        ]["errors"]
        == []
    )
    chosen = op(guest, "CheckoutDeliveryMethodUpdate", id=checkout_id, deliveryMethodId=standard["id"])
    checkout = chosen["checkoutDeliveryMethodUpdate"]["checkout"]
    assert checkout["deliveryMethod"] == {
        "__typename": "ShippingMethod",
        "id": standard["id"],
        "name": standard["name"],
    }
    assert checkout["shippingPrice"]["gross"]["amount"] == 80_000
    assert checkout["totalPrice"]["gross"]["amount"] == 825_000
    assert checkout["totalPrice"]["tax"] == {"amount": 0, "currency": "VND"}
    assert {g["id"] for g in checkout["availablePaymentGateways"]} >= {"vn.cod"}

    completed = pay_and_complete(guest, checkout_id, "vn.cod")
    assert completed["errors"] == []
    assert completed["confirmationNeeded"] is False
    order = completed["order"]
    assert order["status"] == "UNFULFILLED"
    assert order["paymentStatus"] == "NOT_CHARGED" and order["isPaid"] is False
    assert order["userEmail"] == "lan@example.vn"
    assert order["total"]["gross"]["amount"] == 825_000
    assert order["shippingPrice"]["gross"]["amount"] == 80_000
    assert sorted((line["productName"], line["quantity"]) for line in order["lines"]) == sorted(
        (shop[1].name, quantity) for shop, quantity in zip(shops, (2, 1, 3), strict=True)
    )

    stored = Order.objects.get()
    assert stored.vendor_orders.count() == 3
    assert [s.quantity_allocated for s in Stock.objects.order_by("pk")] == [2, 1, 3]
    assert Allocation.objects.count() == 3
    assert op(guest, "CheckoutFind", id=checkout_id)["checkout"] is None  # deleted with the order
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert len(mail.outbox) == 4  # the buyer's confirmation and each shop's "new order"
    assert subjects["lan@example.vn"] == f"Đơn hàng #{order['number']} đã được đặt"
    owners = [VendorMember.objects.get(vendor=vendor).user.email for vendor, _ in shops]
    assert all(subjects[email] == f"Đơn hàng mới #{order['number']}" for email in owners)

    # Each artisan sees only its own part, and fulfils it.
    for (vendor, product), quantity, client in zip(shops, (2, 1, 3), clients, strict=True):
        parts = data(client.graphql(VENDOR_ORDERS, {"vendor": gid("Vendor", vendor.pk)}))["vendorOrders"]
        assert parts["totalCount"] == 1
        part = parts["edges"][0]["node"]
        assert part["number"] == order["number"]
        assert [(line["productName"], line["quantity"]) for line in part["lines"]] == [
            (product.name, quantity)
        ]
        assert part["order"]["lines"] == [{"productName": product.name}]  # only its part of the order
        assert len(part["order"]["vendorOrders"]) == 1
        assert part["order"]["shippingAddress"]["streetAddress1"] == "12 Hàng Gai"  # it must ship there
        subtotal = Decimal(part["subtotal"]["amount"])
        assert part["commission"]["amount"] == float(subtotal / 10)  # the default 10% rate
        assert part["payoutAmount"]["amount"] == float(
            subtotal - Decimal(part["commission"]["amount"]) + Decimal(part["shippingPrice"]["amount"])
        )
        fulfilled = data(client.graphql(FULFIL, {"id": part["id"], "tracking": f"GHN{vendor.pk}"}))[
            "vendorOrderFulfill"
        ]
        assert fulfilled["errors"] == []
        assert fulfilled["vendorOrder"]["status"] == "FULFILLED"
        assert fulfilled["fulfillment"]["trackingNumber"] == f"GHN{vendor.pk}"
        assert data(client.graphql(MARK_PAID, {"id": part["id"]}))["vendorOrderMarkPaid"] == {
            "vendorOrder": {"isPaid": True},
            "errors": [],
        }
        stored.refresh_from_db()
        if vendor != shops[-1][0]:
            assert stored.status == "PARTIALLY_FULFILLED"
            assert stored.charge_status == "PARTIALLY_CHARGED"

    stored.refresh_from_db()
    assert stored.status == "FULFILLED" and stored.charge_status == "FULLY_CHARGED"
    assert stored.total_charged_amount == Decimal(825_000)
    assert [(s.quantity, s.quantity_allocated) for s in Stock.objects.order_by("pk")] == [
        (3, 0),
        (4, 0),
        (2, 0),
    ]
    assert VendorOrder.objects.filter(status="FULFILLED", is_paid=True).count() == 3

    read = op(guest, "OrderById", id=order["id"])["order"]
    assert read["status"] == "FULFILLED" and read["isPaid"] is True
    assert len(read["fulfillments"]) == 3
    assert sorted(f["trackingNumber"] for f in read["fulfillments"]) == sorted(f"GHN{s[0].pk}" for s in shops)
