"""A shop's commercial terms (commission rate, commission, payout) are for its members and
for staff managing orders or shops: the buyer, and anyone holding the order's ID, read the
order without them. The contract keeps ``commission`` and ``payoutAmount`` non-null, so a
reader who may not see them gets a PermissionDenied error for the field, as Saleor does."""

from decimal import Decimal

import pytest

from marketplace.accounts.permissions import PermissionEnum
from marketplace.orders.models import Order
from tests.checkout_helpers import gid, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import UserFactory, VendorFactory
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

TERMS = "commissionRate commission { amount } payoutAmount { amount }"
ORDER = "query ($id: ID!) { order(id: $id) { number vendorOrders { vendor { slug } TERMS } } }".replace(
    "TERMS", TERMS
)
ORDER_WITHOUT_TERMS = (
    "query ($id: ID!) { order(id: $id) { number vendorOrders { status subtotal { amount } } } }"
)
OWN_PART = (
    "query ($v: ID!) { vendorOrders(vendor: $v, first: 5) { edges { node {"
    " TERMS order { vendorOrders { TERMS } } } } } }"
).replace("TERMS", TERMS)


def member_of(vendor):
    user = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=user, role=VendorMemberRole.STAFF)
    return user


@pytest.fixture
def placed(seeded_channels, customer_user):
    """A signed-in customer's COD order from two shops."""
    vendor_a, a = shop_with_product(price=200_000, stock=10)
    vendor_b, b = shop_with_product(price=50_000, stock=10)
    buyer = client_for(customer_user)
    assert pay_and_complete(buyer, ready_checkout(buyer, [(a, 1), (b, 2)]))["errors"] == []
    order = Order.objects.get()
    return {"order": order, "id": gid("Order", order.pk), "a": vendor_a, "b": vendor_b, "buyer": buyer}


def assert_denied(content) -> None:
    """A PermissionDenied error for each protected field, and no order in the answer: the
    fields are non-null, so the error nulls their parents (graphql-sync-dataloaders' deferred
    execution nulls the whole ``data``, where the spec stops at the nullable ``order``)."""
    assert (content["data"] or {}).get("order") is None
    assert set(error_codes(content)) == {"PermissionDenied"}
    assert {e["path"][-1] for e in content["errors"]} <= {"commissionRate", "commission", "payoutAmount"}


def expected_terms(order: Order) -> list[dict]:
    return [
        {
            "vendor": {"slug": part.vendor.slug},
            "commissionRate": str(part.commission_rate),
            "commission": {"amount": float(part.commission_amount)},
            "payoutAmount": {"amount": float(part.payout_amount)},
        }
        for part in order.vendor_orders.order_by("pk")
    ]


def test_who_reads_a_shops_terms_on_an_order(placed, staff_user):
    other_shop_member = member_of(VendorFactory())
    denied = {
        "anonymous with the id": ApiClient(),
        "the buyer": placed["buyer"],
        "a member of another shop": client_for(other_shop_member),
        "staff without the permission": client_for(staff_user),
    }
    for who, client in denied.items():
        response = client.post_graphql(ORDER, {"id": placed["id"]})
        assert response.status_code == 200, who
        assert_denied(response.json())
        # the same readers still read the order itself
        order = data(client.graphql(ORDER_WITHOUT_TERMS, {"id": placed["id"]}))["order"]
        assert order["number"] == str(placed["order"].number) and len(order["vendorOrders"]) == 2, who

    for permission in (PermissionEnum.MANAGE_ORDERS, PermissionEnum.MANAGE_VENDORS):
        staff = UserFactory(is_staff=True)
        grant(staff, permission)
        order = data(client_for(staff).graphql(ORDER, {"id": placed["id"]}))["order"]
        assert sorted(order["vendorOrders"], key=lambda p: p["vendor"]["slug"]) == sorted(
            expected_terms(placed["order"]), key=lambda p: p["vendor"]["slug"]
        ), permission


def test_a_shop_member_reads_its_own_terms(placed):
    part_a = placed["order"].vendor_orders.get(vendor=placed["a"])
    member = client_for(member_of(placed["a"]))
    edges = data(member.graphql(OWN_PART, {"v": gid("Vendor", placed["a"].pk)}))["vendorOrders"]["edges"]
    node = edges[0]["node"]
    assert node["commissionRate"] == str(part_a.commission_rate) == "10.00"
    assert Decimal(str(node["commission"]["amount"])) == part_a.commission_amount == Decimal(20_000)
    assert Decimal(str(node["payoutAmount"]["amount"])) == part_a.payout_amount
    assert node["order"]["vendorOrders"] == [
        {k: v for k, v in node.items() if k != "order"}
    ]  # through its part, the order shows only that part

    # ...and not the other shop's terms on the same order
    response = member.post_graphql(ORDER, {"id": placed["id"]})
    assert_denied(response.json())
