"""The buyer is e-mailed when a shop's parcel ships, with the tracking number, in the
buyer's language, after the commit (the orders service does it, so vendorOrderFulfill sends
it as the back office does); a pickup handed over sends none, a refused fulfilment none."""

import pytest
from django.core import mail

from marketplace.orders.models import Order
from tests.checkout_helpers import design_centre, gid, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data
from tests.factories import UserFactory
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

FULFIL = "mutation($id: ID!, $t: String) { vendorOrderFulfill(id: $id, trackingNumber: $t) { vendorOrder { status } errors { field code } } }"


def owner_of(vendor) -> ApiClient:
    user = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=user, role=VendorMemberRole.OWNER)  # type: ignore[misc]
    return client_for(user)


def test_vendor_order_fulfill_emails_the_buyer_the_tracking_number(seeded_channels):
    vendor, product = shop_with_product(price=120_000, name="Nón lá Chuông")
    buyer = ApiClient()
    pay_and_complete(buyer, ready_checkout(buyer, [(product, 2)]))
    order = Order.objects.get()
    part = order.vendor_orders.get()
    mail.outbox.clear()
    result = data(owner_of(vendor).graphql(FULFIL, {"id": gid("VendorOrder", part.pk), "t": "VTP123456789"}))
    assert result["vendorOrderFulfill"]["errors"] == []
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    message = mail.outbox[0]
    assert message.subject == f"Đơn hàng #{order.number} đã được gửi đi"  # the order was placed in Vietnamese
    assert "Mã vận đơn: VTP123456789" in message.body
    assert "Nón lá Chuông" in message.body and "× 2" in message.body
    assert vendor.name in message.body


def test_the_email_is_in_the_buyers_language_and_names_the_courier(seeded_channels):
    from marketplace.orders.services import vendor_order_fulfill

    vendor, product = shop_with_product(price=120_000)
    buyer = ApiClient()
    pay_and_complete(buyer, ready_checkout(buyer, [(product, 1)]))
    order = Order.objects.get()
    Order.objects.filter(pk=order.pk).update(language_code="en")
    part = order.vendor_orders.select_related("vendor").get()
    owner = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=owner, role=VendorMemberRole.OWNER)
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
        vendor_order_fulfill(
            actor=owner, vendor_order=part, lines=None, tracking_number="GHN-42", carrier="GHN"
        )
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    message = mail.outbox[0]
    assert message.subject == f"Order #{order.number} is on its way"
    assert "Carrier: GHN\nTracking number: GHN-42" in message.body
    assert part.fulfillments.get().carrier == "GHN"


def test_a_pickup_handed_over_and_a_refused_fulfilment_send_nothing(seeded_channels):
    vendor, product = shop_with_product(price=90_000, pickup=True)
    centre = design_centre()
    buyer = ApiClient()
    checkout = ready_checkout(buyer, [(product, 1)])
    from tests.checkout_helpers import op

    chosen = op(
        buyer, "CheckoutDeliveryMethodUpdate", id=checkout, deliveryMethodId=gid("Warehouse", centre.pk)
    )
    assert chosen["checkoutDeliveryMethodUpdate"]["errors"] == []
    pay_and_complete(buyer, checkout)
    part = Order.objects.get().vendor_orders.get()
    owner = owner_of(vendor)
    mail.outbox.clear()
    handed = data(owner.graphql(FULFIL, {"id": gid("VendorOrder", part.pk), "t": ""}))
    assert handed["vendorOrderFulfill"]["errors"] == []
    again = data(owner.graphql(FULFIL, {"id": gid("VendorOrder", part.pk), "t": "X"}))
    assert [e["code"] for e in again["vendorOrderFulfill"]["errors"]] == ["INVALID_STATUS"]
    assert mail.outbox == []
