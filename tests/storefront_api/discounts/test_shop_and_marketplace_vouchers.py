"""Done-when, over HTTP: a shop's voucher discounts only that shop's part and its payout
statement is right; the marketplace's voucher is spread over the parts, paid by the
marketplace, and the shops' payouts do not change."""

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from marketplace.accounts.permissions import PermissionEnum
from marketplace.discounts.models import VoucherCode
from marketplace.orders.models import Order, VendorOrder
from tests.checkout_helpers import gid, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data, grant
from tests.factories import UserFactory
from tests.storefront_api.discounts.helpers import ADD, member

pytestmark = pytest.mark.django_db

CREATE = """mutation ($input: VoucherInput!) { voucherCreate(input: $input) {
  errors { field code message } voucher { id name code type discountValueType discountValue
    minSpent { amount } applyOncePerCustomer vendor { slug } } } }"""
ORDER = """query ($id: ID!) { order(id: $id) { voucherCode voucher { name code }
  discounts { type name valueType value total { amount } amount { amount } }
  subtotal { gross { amount } } shippingPrice { gross { amount } } total { gross { amount } } } }"""
PARTS = """query ($v: ID!) { vendorOrders(vendor: $v, first: 5) { edges { node { id subtotal { amount }
  discount { amount } shopDiscount { amount } commission { amount } shippingPrice { amount }
  payoutAmount { amount } } } } }"""
PAID = "mutation($id: ID!) { vendorOrderMarkPaid(id: $id) { errors { field code } } }"
PAYOUT = """query($v: ID!, $p: String!) { vendorPayoutSummary(vendor: $v, period: $p) { orderCount
  grossSales { amount } shopDiscounts { amount } marketplaceDiscounts { amount } netSales { amount }
  commission { amount } shipping { amount } taxWithheld { amount } payoutAmount { amount } } }"""
VOUCHERS = "query { vouchers(first: 10) { totalCount edges { node { code used usageLimit } } } }"


def _part(client, vendor):  # type: ignore[no-untyped-def]
    edges = data(client.graphql(PARTS, {"v": gid("Vendor", vendor.pk)}))["vendorOrders"]["edges"]
    assert len(edges) == 1
    return edges[0]["node"]


def _statement(client, vendor):  # type: ignore[no-untyped-def]
    part = VendorOrder.objects.get(vendor=vendor)
    period = part.created_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m")
    assert (
        data(client.graphql(PAID, {"id": gid("VendorOrder", part.pk)}))["vendorOrderMarkPaid"]["errors"] == []
    )
    return data(client.graphql(PAYOUT, {"v": gid("Vendor", vendor.pk), "p": period}))["vendorPayoutSummary"]


def test_a_shops_voucher_discounts_only_its_part_and_the_shop_pays_it(seeded_channels):
    vendor_a, pot = shop_with_product(price=200_000, stock=10)
    vendor_b, cup = shop_with_product(price=50_000, stock=10)
    owner_a, owner_b = member(vendor_a), member(vendor_b)
    created = data(
        owner_a.graphql(
            CREATE,
            {
                "input": {
                    "vendor": gid("Vendor", vendor_a.pk),
                    "name": "Gốm giảm 10%",
                    "addCodes": ["GOM10"],
                    "discountValueType": "PERCENTAGE",
                    "discountValue": "10",
                    "minAmountSpent": "300000",
                    "channel": "default-channel",
                    "applyOncePerCustomer": True,
                }
            },
        )
    )["voucherCreate"]
    assert created["errors"] == []
    assert created["voucher"] | {"id": None} == {
        "id": None,
        "name": "Gốm giảm 10%",
        "code": "GOM10",
        "type": "ENTIRE_ORDER",
        "discountValueType": "PERCENTAGE",
        "discountValue": 10.0,
        "minSpent": {"amount": 300_000.0},
        "applyOncePerCustomer": True,
        "vendor": {"slug": vendor_a.slug},
    }

    buyer = ApiClient()
    checkout_id = ready_checkout(buyer, [(pot, 3), (cup, 1)])
    added = data(buyer.graphql(ADD, {"id": checkout_id, "code": "gom10"}))["checkoutAddPromoCode"]
    assert added["errors"] == []
    checkout = added["checkout"]
    shipping = checkout["shippingPrice"]["gross"]["amount"]
    assert checkout["voucherCode"] == "GOM10" and checkout["discountName"] == "Gốm giảm 10%"
    assert checkout["discount"] == {"amount": 60_000.0, "currency": "VND"}  # 10% of A's 600,000 only
    assert checkout["subtotalPrice"]["gross"]["amount"] == 650_000
    assert checkout["totalPrice"]["gross"]["amount"] == 650_000 + shipping - 60_000
    assert {p["vendor"]["slug"]: p["discount"]["amount"] for p in checkout["vendorParcels"]} == {
        vendor_a.slug: 60_000,
        vendor_b.slug: 0,
    }

    completed = pay_and_complete(buyer, checkout_id)
    assert completed["errors"] == []
    order = data(buyer.graphql(ORDER, {"id": completed["order"]["id"]}))["order"]
    assert order["voucherCode"] == "GOM10" and order["voucher"] == {"name": "Gốm giảm 10%", "code": "GOM10"}
    assert order["discounts"] == [
        {
            "type": "VOUCHER",
            "name": "Gốm giảm 10%",
            "valueType": "PERCENTAGE",
            "value": "10.000",
            "total": {"amount": 60_000.0},
            "amount": {"amount": 60_000.0},
        }
    ]
    assert order["total"]["gross"]["amount"] == 650_000 + shipping - 60_000
    assert VoucherCode.objects.get().used == 1
    discounts = {line.product_name: line.discount_amount for line in Order.objects.get().lines.all()}
    assert discounts == {pot.name: 60_000, cup.name: 0}

    part_a, part_b = _part(owner_a, vendor_a), _part(owner_b, vendor_b)
    ship_a, ship_b = part_a["shippingPrice"]["amount"], part_b["shippingPrice"]["amount"]
    assert ship_a + ship_b == shipping
    # A sells at 540,000: commission 10% of that; the payout is on the discounted sales.
    assert part_a | {"id": None, "shippingPrice": None} == {
        "id": None,
        "shippingPrice": None,
        "subtotal": {"amount": 600_000.0},
        "discount": {"amount": 60_000.0},
        "shopDiscount": {"amount": 60_000.0},
        "commission": {"amount": 54_000.0},
        "payoutAmount": {"amount": 540_000 - 54_000 + ship_a},
    }
    # B is untouched.
    assert part_b["discount"] == part_b["shopDiscount"] == {"amount": 0.0}
    assert part_b["commission"] == {"amount": 5_000.0}
    assert part_b["payoutAmount"] == {"amount": 50_000 - 5_000 + ship_b}

    statement_a = _statement(owner_a, vendor_a)
    assert statement_a == {
        "orderCount": 1,
        "grossSales": {"amount": 600_000.0},
        "shopDiscounts": {"amount": 60_000.0},
        "marketplaceDiscounts": {"amount": 0.0},
        "netSales": {"amount": 540_000.0},
        "commission": {"amount": 54_000.0},
        "shipping": {"amount": ship_a},
        "taxWithheld": {"amount": 5_400.0 + 2_700.0},  # VAT 1% + PIT 0.5% of the net sales
        "payoutAmount": {"amount": 540_000 - 54_000 + ship_a - 8_100},
    }
    statement_b = _statement(owner_b, vendor_b)
    assert statement_b["shopDiscounts"] == statement_b["marketplaceDiscounts"] == {"amount": 0.0}
    assert statement_b["payoutAmount"] == {"amount": 50_000 - 5_000 + ship_b - 750}
    # Both parts' cash collected: what the buyer paid, no more, no less.
    assert Order.objects.get().charge_status == "FULLY_CHARGED"
    assert data(owner_a.graphql(VOUCHERS))["vouchers"] == {
        "totalCount": 1,
        "edges": [{"node": {"code": "GOM10", "used": 1, "usageLimit": None}}],
    }
    assert data(owner_b.graphql(VOUCHERS))["vouchers"]["totalCount"] == 0


def test_the_marketplaces_voucher_is_spread_and_the_marketplace_pays_it(seeded_channels):
    vendor_a, pot = shop_with_product(price=200_000, stock=10)
    vendor_b, cup = shop_with_product(price=50_000, stock=10)
    manager = UserFactory(is_staff=True)
    grant(manager, PermissionEnum.MANAGE_DISCOUNTS)
    created = data(
        client_for(manager).graphql(
            CREATE,
            {
                "input": {
                    "name": "Tết 2027",
                    "addCodes": ["TET2027"],
                    "discountValueType": "FIXED",
                    "discountValue": 100_000,
                    "channel": "default-channel",
                }
            },
        )
    )["voucherCreate"]
    assert created["errors"] == [] and created["voucher"]["vendor"] is None

    buyer = ApiClient()
    checkout_id = ready_checkout(buyer, [(pot, 3), (cup, 1)])
    checkout = data(buyer.graphql(ADD, {"id": checkout_id, "code": "TET2027"}))["checkoutAddPromoCode"][
        "checkout"
    ]
    parcels = {p["vendor"]["slug"]: p["discount"]["amount"] for p in checkout["vendorParcels"]}
    # 100,000 × 600/650 = 92,307.69 and × 50/650 = 7,692.31: whole đồng that add up.
    assert parcels == {vendor_a.slug: 92_308, vendor_b.slug: 7_692}
    assert checkout["discount"]["amount"] == 100_000
    assert pay_and_complete(buyer, checkout_id)["errors"] == []

    owner_a, owner_b = member(vendor_a), member(vendor_b)
    part_a = _part(owner_a, vendor_a)
    assert part_a["discount"] == {"amount": 92_308.0} and part_a["shopDiscount"] == {"amount": 0.0}
    assert part_a["commission"] == {"amount": 60_000.0}  # on the undiscounted price
    ship_a = part_a["shippingPrice"]["amount"]
    assert part_a["payoutAmount"] == {"amount": 600_000 - 60_000 + ship_a}
    statement = _statement(owner_a, vendor_a)
    assert statement["grossSales"] == statement["netSales"] == {"amount": 600_000.0}
    assert statement["shopDiscounts"] == {"amount": 0.0}
    assert statement["marketplaceDiscounts"] == {"amount": 92_308.0}
    assert statement["payoutAmount"] == {"amount": 600_000 - 60_000 + ship_a - 9_000}
    assert _statement(owner_b, vendor_b)["marketplaceDiscounts"] == {"amount": 7_692.0}
    order = Order.objects.get()
    assert order.discount_amount == Decimal(100_000) and order.voucher_code == "TET2027"
    for part in order.vendor_orders.all():  # each line's share, whole đồng adding up to its part's
        assert sum(line.discount_amount for line in part.lines.all()) == part.discount_amount
    assert order.charge_status == "FULLY_CHARGED"  # the buyer paid the discounted total in cash
