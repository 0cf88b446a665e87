"""Artisans read and act on their own part of orders only; staff cancel; buyers read theirs."""

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from marketplace.accounts.permissions import PermissionEnum
from marketplace.inventory.models import Stock
from marketplace.orders.models import Order, VendorOrder
from tests.checkout_helpers import (
    ADDRESS,
    create,
    design_centre,
    gid,
    op,
    pay_and_complete,
    ready_checkout,
    shop_with_product,
)
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import UserFactory
from vendors.shops.models import VendorMember, VendorMemberRole, VendorStatus

pytestmark = pytest.mark.django_db

VENDOR_ORDERS = "query($v: ID!, $s: VendorOrderStatusEnum) { vendorOrders(vendor: $v, first: 20, status: $s) { totalCount edges { node { id status } } } }"
FULFIL = "mutation($id: ID!, $lines: [OrderFulfillLineInput!]) { vendorOrderFulfill(id: $id, lines: $lines) { vendorOrder { status lines { quantityFulfilled } } fulfillment { lines { quantity orderLine { productName } } } errors { field code message } } }"
READY = "mutation($id: ID!) { vendorOrderMarkReadyForPickup(id: $id) { vendorOrder { status } errors { field code } } }"
PAID = "mutation($id: ID!) { vendorOrderMarkPaid(id: $id) { vendorOrder { isPaid } errors { field code } } }"
CANCEL = "mutation($id: ID!) { orderCancel(id: $id) { order { status } errors { field code } } }"
PAYOUT = "query($v: ID!, $p: String!) { vendorPayoutSummary(vendor: $v, period: $p) { period orderCount grossSales { amount } commission { amount } shipping { amount } taxWithheld { amount } payoutAmount { amount } } }"


def member(vendor, role=VendorMemberRole.OWNER):
    user = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=user, role=role)
    return client_for(user)


@pytest.fixture
def placed(seeded_channels):
    """A COD order of two shops: 3 units of A's product, 1 of B's."""
    vendor_a, a = shop_with_product(price=200_000, stock=10)
    vendor_b, b = shop_with_product(price=50_000, stock=10)
    buyer = ApiClient()
    result = pay_and_complete(buyer, ready_checkout(buyer, [(a, 3), (b, 1)]))
    assert result["errors"] == []
    order = Order.objects.get()
    parts = {part.vendor_id: part for part in order.vendor_orders.all()}
    return {
        "order": order,
        "a": vendor_a,
        "b": vendor_b,
        "part_a": parts[vendor_a.pk],
        "part_b": parts[vendor_b.pk],
        "result": result,
    }


def test_vendor_orders_authorization_matrix(placed, staff_user):
    variables = {"v": gid("Vendor", placed["a"].pk)}
    staff_without = client_for(staff_user)
    for client in (ApiClient(), client_for(UserFactory()), member(placed["b"]), staff_without):
        assert error_codes(client.graphql(VENDOR_ORDERS, variables)) == ["PermissionDenied"]
    assert (
        data(member(placed["a"], VendorMemberRole.STAFF).graphql(VENDOR_ORDERS, variables))["vendorOrders"][
            "totalCount"
        ]
        == 1
    )
    grant(staff_user, PermissionEnum.MANAGE_ORDERS)
    assert data(client_for(staff_user).graphql(VENDOR_ORDERS, variables))["vendorOrders"]["totalCount"] == 1
    filtered = member(placed["a"]).graphql(VENDOR_ORDERS, {**variables, "s": "FULFILLED"})
    assert data(filtered)["vendorOrders"]["totalCount"] == 0


def test_another_shop_cannot_act_on_a_part(placed):
    part_a = gid("VendorOrder", placed["part_a"].pk)
    other = member(placed["b"])
    for document in (FULFIL, READY, PAID):
        assert error_codes(other.graphql(document, {"id": part_a})) == ["PermissionDenied"]
        assert error_codes(ApiClient().graphql(document, {"id": part_a})) == ["PermissionDenied"]
    placed["part_a"].refresh_from_db()
    assert (placed["part_a"].status, placed["part_a"].is_paid) == ("UNFULFILLED", False)


def test_a_suspended_shop_can_read_but_not_act(placed):
    client = member(placed["a"])
    placed["a"].status = VendorStatus.SUSPENDED
    placed["a"].save()
    assert (
        data(client.graphql(VENDOR_ORDERS, {"v": gid("Vendor", placed["a"].pk)}))["vendorOrders"][
            "totalCount"
        ]
        == 1
    )
    assert error_codes(client.graphql(FULFIL, {"id": gid("VendorOrder", placed["part_a"].pk)})) == [
        "PermissionDenied"
    ]


def test_partial_fulfilment_then_the_rest(placed):
    client = member(placed["a"])
    part_id = gid("VendorOrder", placed["part_a"].pk)
    line = placed["part_a"].lines.get()
    line_id = gid("OrderLine", line.pk)
    too_many = data(
        client.graphql(
            FULFIL, {"id": part_id, "lines": [{"orderLineId": line_id, "stocks": [{"quantity": 4}]}]}
        )
    )
    assert too_many["vendorOrderFulfill"]["errors"] == [
        {"field": "quantity", "code": "FULFILL_ORDER_LINE", "message": "Only 3 items remaining to fulfill."}
    ]
    other_line = gid("OrderLine", placed["part_b"].lines.get().pk)
    foreign = data(
        client.graphql(
            FULFIL, {"id": part_id, "lines": [{"orderLineId": other_line, "stocks": [{"quantity": 1}]}]}
        )
    )
    assert foreign["vendorOrderFulfill"]["errors"][0]["code"] == "NOT_FOUND"
    zero = data(
        client.graphql(
            FULFIL, {"id": part_id, "lines": [{"orderLineId": line_id, "stocks": [{"quantity": 0}]}]}
        )
    )
    assert zero["vendorOrderFulfill"]["errors"][0]["code"] == "ZERO_QUANTITY"
    # Saleor's orderLineId is optional in the schema (it also takes other references): ours is required.
    no_line = data(client.graphql(FULFIL, {"id": part_id, "lines": [{"stocks": [{"quantity": 1}]}]}))
    assert [(e["field"], e["code"]) for e in no_line["vendorOrderFulfill"]["errors"]] == [
        ("orderLineId", "REQUIRED")
    ]
    stock = Stock.objects.get(product_variant=line.variant)
    assert (stock.quantity, stock.quantity_allocated) == (10, 3)

    first = data(
        client.graphql(
            FULFIL, {"id": part_id, "lines": [{"orderLineId": line_id, "stocks": [{"quantity": 2}]}]}
        )
    )["vendorOrderFulfill"]
    assert first["errors"] == [] and first["vendorOrder"] == {
        "status": "PARTIALLY_FULFILLED",
        "lines": [{"quantityFulfilled": 2}],
    }
    assert first["fulfillment"]["lines"] == [{"quantity": 2, "orderLine": {"productName": line.product_name}}]
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (8, 1)
    order = Order.objects.get()
    assert order.status == "PARTIALLY_FULFILLED"
    rest = data(client.graphql(FULFIL, {"id": part_id}))["vendorOrderFulfill"]
    assert rest["vendorOrder"]["status"] == "FULFILLED"
    again = data(client.graphql(FULFIL, {"id": part_id}))["vendorOrderFulfill"]
    assert again["errors"][0]["code"] == "INVALID_STATUS"
    order.refresh_from_db()
    assert order.status == "PARTIALLY_FULFILLED"  # shop B has not shipped yet
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (7, 0)


def _fulfil_from(client, placed, warehouse, quantity=1):
    line_id = gid("OrderLine", placed["part_a"].lines.get().pk)
    stocks = [{"quantity": quantity, "warehouse": warehouse}]
    variables = {
        "id": gid("VendorOrder", placed["part_a"].pk),
        "lines": [{"orderLineId": line_id, "stocks": stocks}],
    }
    return data(client.graphql(FULFIL, variables))["vendorOrderFulfill"]


def _nothing_shipped(placed) -> None:
    from marketplace.orders.models import Fulfillment

    line = placed["part_a"].lines.get()
    assert line.quantity_fulfilled == 0
    assert not Fulfillment.objects.exists()
    placed["part_a"].refresh_from_db()
    assert placed["part_a"].status == "UNFULFILLED"
    assert [
        (s.quantity, s.quantity_allocated) for s in Stock.objects.filter(warehouse__vendor=placed["a"])
    ] == [(10, 3)]
    assert [
        (s.quantity, s.quantity_allocated) for s in Stock.objects.filter(warehouse__vendor=placed["b"])
    ] == [(10, 1)]


def test_units_leave_only_a_warehouse_of_the_shop_that_holds_them(placed):
    """Another shop's warehouse (or the Design Centre) is NOT_FOUND, an own warehouse that
    does not hold the allocated units is INSUFFICIENT_STOCK; nothing is written either way."""
    from tests.factories import WarehouseFactory

    client = member(placed["a"])
    foreign = placed["b"].warehouses.get()
    for warehouse in (foreign, design_centre()):
        refused = _fulfil_from(client, placed, gid("Warehouse", warehouse.pk))
        assert refused["errors"] == [
            {
                "field": "warehouse",
                "code": "NOT_FOUND",
                "message": "Couldn't find that warehouse of the shop.",
            }
        ]
        assert refused["vendorOrder"] is None
        _nothing_shipped(placed)
    wrong_type = _fulfil_from(client, placed, gid("Vendor", placed["a"].pk))
    assert [(e["field"], e["code"]) for e in wrong_type["errors"]] == [("warehouse", "INVALID")]
    empty = WarehouseFactory(vendor=placed["a"])
    short = _fulfil_from(client, placed, gid("Warehouse", empty.pk))
    assert short["errors"] == [
        {
            "field": "warehouse",
            "code": "INSUFFICIENT_STOCK",
            "message": "Only 0 units of this line are allocated in that warehouse.",
        }
    ]
    _nothing_shipped(placed)
    own = placed["a"].warehouses.exclude(pk=empty.pk).get()
    shipped = _fulfil_from(client, placed, gid("Warehouse", own.pk), quantity=2)
    assert shipped["errors"] == [] and shipped["vendorOrder"]["status"] == "PARTIALLY_FULFILLED"
    stock = Stock.objects.get(warehouse=own)
    assert (stock.quantity, stock.quantity_allocated) == (8, 1)


def test_cash_collected_once_per_part(placed):
    client = member(placed["b"])
    part_id = gid("VendorOrder", placed["part_b"].pk)
    assert data(client.graphql(PAID, {"id": part_id}))["vendorOrderMarkPaid"]["errors"] == []
    assert data(client.graphql(PAID, {"id": part_id}))["vendorOrderMarkPaid"]["errors"] == [
        {"field": "id", "code": "ALREADY_PAID"}
    ]
    order = Order.objects.get()
    part = placed["part_b"]
    part.refresh_from_db()
    assert order.total_charged_amount == part.subtotal_amount + part.shipping_price_amount
    assert order.charge_status == "PARTIALLY_CHARGED"
    payment = order.payments.get()
    assert (payment.charge_status, payment.captured_amount) == (
        "PARTIALLY_CHARGED",
        order.total_charged_amount,
    )


def test_ready_for_pickup_is_for_pickup_orders_only(placed):
    result = data(member(placed["a"]).graphql(READY, {"id": gid("VendorOrder", placed["part_a"].pk)}))
    assert result["vendorOrderMarkReadyForPickup"]["errors"] == [{"field": "id", "code": "NOT_PICKUP_ORDER"}]


def test_pickup_at_the_design_centre_and_at_a_workshop(seeded_channels):
    centre = design_centre()
    vendor_a, a = shop_with_product(pickup=True)
    vendor_b, b = shop_with_product()
    buyer = ApiClient()
    checkout_id = create(buyer, [(a, 1), (b, 1)])["checkout"]["id"]
    op(buyer, "CheckoutBillingAddressUpdate", id=checkout_id, address=ADDRESS)
    found = op(buyer, "CheckoutFind", id=checkout_id)["checkout"]
    assert [p["id"] for p in found["availableCollectionPoints"]] == [gid("Warehouse", centre.pk)]
    assert found["availableCollectionPoints"][0]["clickAndCollectOption"] == "ALL"
    chosen = op(
        buyer, "CheckoutDeliveryMethodUpdate", id=checkout_id, deliveryMethodId=gid("Warehouse", centre.pk)
    )
    checkout = chosen["checkoutDeliveryMethodUpdate"]["checkout"]
    assert checkout["deliveryMethod"] == {
        "__typename": "Warehouse",
        "id": gid("Warehouse", centre.pk),
        "name": centre.name,
    }
    assert checkout["shippingPrice"]["gross"]["amount"] == 0
    completed = pay_and_complete(buyer, checkout_id)
    assert completed["errors"] == [] and completed["order"]["shippingPrice"]["gross"]["amount"] == 0
    order = Order.objects.get()
    assert order.collection_point == centre and order.shipping_address.street_address_1 == "Phạm Hùng"
    mail.outbox.clear()
    part = order.vendor_orders.get(vendor=vendor_a)
    ready = data(member(vendor_a).graphql(READY, {"id": gid("VendorOrder", part.pk)}))[
        "vendorOrderMarkReadyForPickup"
    ]
    assert ready == {"vendorOrder": {"status": "READY_FOR_PICKUP"}, "errors": []}
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    assert centre.name in mail.outbox[0].body
    handed = data(member(vendor_a).graphql(FULFIL, {"id": gid("VendorOrder", part.pk)}))["vendorOrderFulfill"]
    assert handed["vendorOrder"]["status"] == "FULFILLED"

    # A cart of one shop only may also be picked up at that shop's own workshop.
    solo = ApiClient()
    solo_id = create(solo, [(a, 1)])["checkout"]["id"]
    points = op(solo, "CheckoutFind", id=solo_id)["checkout"]["availableCollectionPoints"]
    assert {p["name"] for p in points} == {centre.name, vendor_a.warehouses.get().name}


def test_staff_cancel_returns_the_stock(placed, staff_user):
    order_id = gid("Order", placed["order"].pk)
    assert error_codes(client_for(UserFactory()).graphql(CANCEL, {"id": order_id})) == ["PermissionDenied"]
    assert error_codes(client_for(staff_user).graphql(CANCEL, {"id": order_id})) == ["PermissionDenied"]
    grant(staff_user, PermissionEnum.MANAGE_ORDERS)
    staff = client_for(staff_user)
    assert data(staff.graphql(CANCEL, {"id": order_id}))["orderCancel"] == {
        "order": {"status": "CANCELED"},
        "errors": [],
    }
    assert list(Stock.objects.values_list("quantity_allocated", flat=True)) == [0, 0]
    assert set(VendorOrder.objects.values_list("status", flat=True)) == {"CANCELED"}
    assert placed["order"].payments.get().charge_status == "CANCELLED"
    assert data(staff.graphql(CANCEL, {"id": order_id}))["orderCancel"]["errors"] == [
        {"field": "id", "code": "CANNOT_CANCEL_ORDER"}
    ]
    assert (
        data(member(placed["a"]).graphql(FULFIL, {"id": gid("VendorOrder", placed["part_a"].pk)}))[
            "vendorOrderFulfill"
        ]["errors"][0]["code"]
        == "INVALID_STATUS"
    )


def test_an_order_with_a_fulfilment_cannot_be_canceled(placed, staff_user):
    data(member(placed["a"]).graphql(FULFIL, {"id": gid("VendorOrder", placed["part_a"].pk)}))
    grant(staff_user, PermissionEnum.MANAGE_ORDERS)
    result = data(client_for(staff_user).graphql(CANCEL, {"id": gid("Order", placed["order"].pk)}))
    assert result["orderCancel"]["errors"] == [{"field": "id", "code": "CANNOT_CANCEL_ORDER"}]
    assert Order.objects.get().status == "PARTIALLY_FULFILLED"


def test_the_payout_summary_of_a_month(placed):
    part = placed["part_a"]
    client = member(placed["a"])
    period = part.created_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m")
    variables = {"v": gid("Vendor", placed["a"].pk), "p": period}
    empty = data(client.graphql(PAYOUT, variables))["vendorPayoutSummary"]
    assert empty["orderCount"] == 0 and empty["grossSales"]["amount"] == 0  # cash not collected yet
    data(client.graphql(PAID, {"id": gid("VendorOrder", part.pk)}))
    summary = data(client.graphql(PAYOUT, variables))["vendorPayoutSummary"]
    gross = Decimal(600_000)  # 3 × 200,000
    assert summary["period"] == period and summary["orderCount"] == 1
    assert summary["grossSales"]["amount"] == 600_000
    assert summary["commission"]["amount"] == 60_000  # 10%
    assert summary["taxWithheld"]["amount"] == 6_000 + 3_000  # VAT 1% + PIT 0.5%
    assert summary["shipping"]["amount"] == float(part.shipping_price_amount)
    assert summary["payoutAmount"]["amount"] == float(gross - 60_000 + part.shipping_price_amount - 9_000)
    assert error_codes(member(placed["b"]).graphql(PAYOUT, variables)) == ["PermissionDenied"]
    for bad in ("2026-13", "nov", "2026-1", "1999-01"):
        assert error_codes(client.graphql(PAYOUT, {**variables, "p": bad})) == ["INVALID"]
    other_month = data(client.graphql(PAYOUT, {**variables, "p": "2020-01"}))["vendorPayoutSummary"]
    assert other_month["orderCount"] == 0


def test_order_details_are_for_the_buyer_and_staff(
    seeded_channels, customer_user, customer_api_client, staff_user
):
    _, product = shop_with_product()
    completed = pay_and_complete(customer_api_client, ready_checkout(customer_api_client, [(product, 1)]))
    order_id = completed["order"]["id"]
    query = "query($id: ID!) { order(id: $id) { number userEmail shippingAddress { streetAddress1 } payments { gateway } } }"
    mine = data(customer_api_client.graphql(query, {"id": order_id}))["order"]
    assert mine["userEmail"] == "lan@example.vn" and mine["shippingAddress"] == {
        "streetAddress1": "12 Hàng Gai"
    }
    assert mine["payments"] == [{"gateway": "vn.cod"}]
    anyone = data(ApiClient().graphql(query, {"id": order_id}))["order"]
    assert anyone == {
        "number": mine["number"],
        "userEmail": "l***@example.vn",
        "shippingAddress": None,
        "payments": [],
    }
    grant(staff_user, PermissionEnum.MANAGE_ORDERS)
    assert (
        data(client_for(staff_user).graphql(query, {"id": order_id}))["order"]["userEmail"]
        == "lan@example.vn"
    )
    assert (
        data(ApiClient().graphql(query, {"id": gid("Order", "00000000-0000-0000-0000-000000000000")}))[
            "order"
        ]
        is None
    )
    me = data(
        customer_api_client.graphql("{ me { orders(first: 5) { totalCount edges { node { id number } } } } }")
    )
    assert me["me"]["orders"]["edges"] == [{"node": {"id": order_id, "number": mine["number"]}}]


def test_an_unknown_vendor_order(seeded_channels, vendor_api_client):
    result = data(vendor_api_client.graphql(PAID, {"id": gid("VendorOrder", 999_999)}))
    assert result["vendorOrderMarkPaid"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
