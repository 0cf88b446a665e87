"""A refund of lines gives back what the buyer paid for them: the listed price less their
share of the voucher discount (vouchers: h31; refunds: h32)."""

from decimal import Decimal

import pytest

from marketplace.orders.models import Order
from marketplace.payments.refunds import _refund_lines
from tests.checkout_helpers import pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, data
from tests.storefront_api.discounts.helpers import ADD, make_voucher

pytestmark = pytest.mark.django_db


def test_the_value_of_refunded_lines_is_net_of_their_voucher_share(seeded_channels):
    vendor, pot = shop_with_product(price=200_000, stock=10)
    make_voucher(code="GOM10", vendor=vendor, value=10)
    buyer = ApiClient()
    checkout_id = ready_checkout(buyer, [(pot, 3)])
    added = data(buyer.graphql(ADD, {"id": checkout_id, "code": "GOM10"}))["checkoutAddPromoCode"]
    assert added["errors"] == [] and added["checkout"]["discount"]["amount"] == 60_000.0
    pay_and_complete(buyer, checkout_id)
    order = Order.objects.get()
    line = order.lines.get()
    assert line.discount_amount == Decimal(60_000)
    assert _refund_lines(order, [(line.pk, 1)])[1] == Decimal(180_000)
    assert _refund_lines(order, [(line.pk, 3)])[1] == Decimal(540_000)  # the whole line: all its discount
