"""A voucher's use comes back when an unpaid online order expires; a marketplace voucher of
the Design Centre channel applies there and nowhere else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.accounts.actors import SYSTEM
from marketplace.discounts.models import VoucherCode
from marketplace.orders.models import Order
from marketplace.orders.services import expire_unpaid_orders
from tests.checkout_helpers import create, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, data
from tests.factories import VendorFactory, WarehouseFactory, listed_product
from tests.storefront_api.discounts.helpers import ADD, make_voucher

pytestmark = pytest.mark.django_db


def test_an_expired_unpaid_order_gives_the_use_back(seeded_channels, settings):
    settings.VNPAY_TMN_CODE = "LANGNGHE"
    settings.VNPAY_HASH_SECRET = "SECRET-FOR-TESTS-ONLY"
    settings.VNPAY_PAYMENT_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    _, pot = shop_with_product(price=200_000)
    voucher = make_voucher(code="VNPAY1", value=10, usage_limit=1)
    client = ApiClient()
    checkout_id = ready_checkout(client, [(pot, 1)])
    assert (
        data(client.graphql(ADD, {"id": checkout_id, "code": "VNPAY1"}))["checkoutAddPromoCode"]["errors"]
        == []
    )
    placed = pay_and_complete(client, checkout_id, gateway="vn.vnpay")
    assert placed["errors"] == [] and placed["order"]["status"] == "UNCONFIRMED"
    assert VoucherCode.objects.get(voucher=voucher).used == 1
    window = timedelta(minutes=settings.VNPAY_PAYMENT_MINUTES + settings.VNPAY_GRACE_MINUTES + 1)
    Order.objects.update(created_at=timezone.now() - window)
    assert expire_unpaid_orders(actor=SYSTEM) == 1
    assert Order.objects.get().status == "EXPIRED"
    assert VoucherCode.objects.get(voucher=voucher).used == 0


def test_a_design_centre_voucher_applies_in_that_channel_only(seeded_channels):
    vendor = VendorFactory()
    vase = listed_product(
        vendor=vendor,
        channel_slug="design-centre",
        prices=(500_000,),
        warehouse=WarehouseFactory(vendor=vendor),
    )
    make_voucher(code="TRUNGTAM", value=50_000, kind="FIXED", channel="design-centre")
    make_voucher(code="SANCHUNG", value=10)
    client = ApiClient()
    showcase = create(client, [(vase, 1)], channel="design-centre")["checkout"]["id"]
    added = data(client.graphql(ADD, {"id": showcase, "code": "TRUNGTAM"}))["checkoutAddPromoCode"]
    assert added["errors"] == [] and added["checkout"]["discount"]["amount"] == 50_000
    assert added["checkout"]["totalPrice"]["gross"]["amount"] == 450_000
    other = ApiClient()
    second = create(other, [(vase, 1)], channel="design-centre")["checkout"]["id"]
    refused = data(other.graphql(ADD, {"id": second, "code": "SANCHUNG"}))["checkoutAddPromoCode"]
    assert [(e["code"], e["message"]) for e in refused["errors"]] == [("INVALID", "Promo code is invalid")]
    _, pot = shop_with_product()
    market = ready_checkout(other, [(pot, 1)])
    refused = data(other.graphql(ADD, {"id": market, "code": "TRUNGTAM"}))["checkoutAddPromoCode"]
    assert [e["code"] for e in refused["errors"]] == ["INVALID"]
