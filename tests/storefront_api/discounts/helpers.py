"""Vouchers for the tests: made through the service (the API's own tests make them over HTTP)."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from marketplace.accounts.actors import SYSTEM
from marketplace.discounts.models import Voucher
from marketplace.discounts.services import voucher_create
from tests.conftest import client_for
from tests.factories import UserFactory
from vendors.shops.models import VendorMember, VendorMemberRole

ADD = """mutation ($id: ID!, $code: String!) { checkoutAddPromoCode(id: $id, promoCode: $code) {
  errors { field code message } checkout { voucherCode discountName discount { amount currency }
    subtotalPrice { gross { amount } } shippingPrice { gross { amount } } totalPrice { gross { amount } }
    vendorParcels { vendor { slug } subtotal { amount } discount { amount } } } } }"""
REMOVE = """mutation ($id: ID!, $code: String, $voucherId: ID) {
  checkoutRemovePromoCode(id: $id, promoCode: $code, promoCodeId: $voucherId) {
    errors { field code message } checkout { voucherCode discount { amount } totalPrice { gross { amount } } } } }"""
CHECKOUT = """query ($id: ID!) { checkout(id: $id) { voucherCode discountName translatedDiscountName
  discount { amount } subtotalPrice { gross { amount } } totalPrice { gross { amount } }
  vendorParcels { vendor { slug } discount { amount } } } }"""


def make_voucher(
    *,
    code: str,
    vendor=None,
    value: Any = 10,
    kind: str = "PERCENTAGE",
    channel: str = "default-channel",
    **fields: Any,
) -> Voucher:  # type: ignore[no-untyped-def]
    data = {
        "codes": [code],
        "discount_value_type": kind,
        "discount_value": Decimal(value),
        "channel": channel,
    }
    data.update(fields)
    return voucher_create(actor=SYSTEM, vendor_id=vendor.pk if vendor else None, data=data)


def member(vendor, role=VendorMemberRole.OWNER):  # type: ignore[no-untyped-def]
    user = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=user, role=role)
    return client_for(user)


def days(n: int):  # type: ignore[no-untyped-def]
    return timezone.now() + timedelta(days=n)
