"""The checkout's discount fields, the vouchers list and orders with their vouchers cost the
same number of SQL queries for one as for many."""

import pytest

from marketplace.accounts.permissions import PermissionEnum
from marketplace.discounts.models import VoucherCode
from tests.checkout_helpers import pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data, grant
from tests.factories import UserFactory
from tests.storefront_api.checkout.test_query_counts import count
from tests.storefront_api.discounts.helpers import ADD, make_voucher

pytestmark = pytest.mark.django_db

DISCOUNT = """query ($id: ID!) { checkout(id: $id) { voucherCode discountName translatedDiscountName
  discount { amount } subtotalPrice { gross { amount } } totalPrice { gross { amount } }
  vendorParcels { vendor { name } subtotal { amount } discount { amount } } lines { quantity } } }"""
VOUCHERS = """{ vouchers(first: 50) { totalCount edges { node { id name code used usageLimit
  applyOncePerCustomer discountValueType discountValue minSpent { amount } type startDate endDate
  vendor { name } channelListings { channel { slug } discountValue minSpent { amount } }
  codes(first: 10) { totalCount edges { node { code used isActive } } } } } } }"""
ORDERS = """{ me { orders(first: 20) { edges { node { number voucherCode voucher { name code used }
  discounts { type name valueType value total { amount } } total { gross { amount } }
  vendorOrders { discount { amount } } } } } } }"""


def test_the_checkouts_discount_costs_one_query_whatever_the_shops(seeded_channels):
    make_voucher(code="SAN10", value=10)
    client = ApiClient()
    _, first = shop_with_product()
    small = ready_checkout(client, [(first, 1)])
    without, _ = count(client, DISCOUNT, variables={"id": small})
    assert data(client.graphql(ADD, {"id": small, "code": "SAN10"}))["checkoutAddPromoCode"]["errors"] == []
    one, found = count(client, DISCOUNT, variables={"id": small})
    assert found["checkout"]["discount"] == {"amount": 10_000.0}
    big = ready_checkout(client, [(p, 2) for p in [first, *(shop_with_product()[1] for _ in range(7))]])
    assert data(client.graphql(ADD, {"id": big, "code": "SAN10"}))["checkoutAddPromoCode"]["errors"] == []
    many, found = count(client, DISCOUNT, variables={"id": big})
    assert len(found["checkout"]["vendorParcels"]) == 8 and found["checkout"]["discount"] == {
        "amount": 160_000.0
    }
    assert many == one == without + 1  # the applied code with its voucher and shop


def test_the_vouchers_list_costs_the_same_for_one_and_many(seeded_channels):
    manager = UserFactory(is_staff=True)
    grant(manager, PermissionEnum.MANAGE_DISCOUNTS)
    client = client_for(manager)
    vendor, _ = shop_with_product()
    make_voucher(code="MOT001", vendor=vendor)
    one, result = count(client, VOUCHERS)
    assert result["vouchers"]["totalCount"] == 1
    for i in range(12):
        voucher = make_voucher(code=f"NHIEU{i:03}", vendor=shop_with_product()[0] if i % 2 else None)
        VoucherCode.objects.create(voucher=voucher, code=f"THEM{i:03}", used=i)
    many, result = count(client, VOUCHERS)
    assert result["vouchers"]["totalCount"] == 13
    assert many == one


def test_orders_with_their_vouchers_cost_the_same_for_one_and_many(seeded_channels):
    make_voucher(code="DON10", value=10)
    buyer = UserFactory()
    products = [shop_with_product(stock=50)[1] for _ in range(3)]

    def order(lines):  # type: ignore[no-untyped-def]
        client = client_for(buyer)
        checkout_id = ready_checkout(client, [(p, 1) for p in lines])
        assert (
            data(client.graphql(ADD, {"id": checkout_id, "code": "DON10"}))["checkoutAddPromoCode"]["errors"]
            == []
        )
        assert pay_and_complete(client, checkout_id)["errors"] == []

    order(products[:1])
    one, result = count(client_for(buyer), ORDERS)
    assert result["me"]["orders"]["edges"][0]["node"]["discounts"][0]["total"] == {"amount": 10_000.0}
    for _ in range(4):
        order(products)
    many, result = count(client_for(buyer), ORDERS)
    assert len(result["me"]["orders"]["edges"]) == 5
    assert many == one
