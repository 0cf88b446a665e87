"""Cash on delivery through the transactions API, as a storefront integration would call it
(Saleor's storefront integrates only Stripe and the dummy app, so it cannot offer it in its
UI): the whole amount is authorized — the buyer's promise to pay at delivery — and each
artisan's part is charged when the shop collects the cash (``vendorOrderMarkPaid``), visible
in the order's ``chargeStatus``; canceling the order releases the authorization."""

import pytest

from marketplace.accounts.permissions import PermissionEnum
from marketplace.orders.models import Order, VendorOrder
from marketplace.payments.models import TransactionEvent, TransactionItem
from tests.checkout_helpers import gid, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, grant
from tests.factories import UserFactory
from tests.storefront_api.checkout.documents import (
    CHECKOUT,
    MARK_PAID,
    ORDER,
    ORDER_CANCEL,
    complete,
    dummy,
    initialize,
    payload,
    run,
)
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

COD = {"id": "vn.cod"}


def member(vendor):
    user = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=user, role=VendorMemberRole.OWNER)
    return client_for(user)


@pytest.fixture
def placed(seeded_channels):
    """A customer's cash-on-delivery order from two shops, placed through the transactions API."""
    (shop_a, pot), (shop_b, silk) = shop_with_product(price=120_000), shop_with_product(price=250_000)
    buyer = client_for(UserFactory(email="mua@example.vn"))
    checkout_id = ready_checkout(buyer, [(pot, 1), (silk, 1)])
    authorized = initialize(buyer, checkout_id, COD)
    assert authorized["errors"] == []
    assert authorized["transactionEvent"]["type"] == "AUTHORIZATION_SUCCESS"
    assert authorized["transactionEvent"]["message"] == (
        "Cash on delivery: each shop collects its parcel's amount at delivery."
    )
    assert authorized["transaction"]["actions"] == ["CHARGE", "CANCEL"]
    checkout = run(buyer, CHECKOUT, id=checkout_id)["checkout"]
    assert (checkout["authorizeStatus"], checkout["chargeStatus"]) == ("FULL", "NONE")
    completed = complete(buyer, checkout_id)
    assert completed["errors"] == []
    return {"buyer": buyer, "order_id": completed["order"]["id"], "a": shop_a, "b": shop_b}


def shown(client, order_id):
    return run(client, ORDER, id=order_id)["order"]


def test_each_shop_charges_its_part_when_it_collects_the_cash(placed):
    order = Order.objects.get()
    # 120,000 + 250,000 and two Hà Nội parcels of 0.5 kg (25,000 each).
    assert (order.total_gross_amount, order.total_authorized_amount, order.total_charged_amount) == (
        420_000,
        420_000,
        0,
    )
    assert order.gateway == "vn.cod" and order.status == "UNFULFILLED"
    before = shown(placed["buyer"], placed["order_id"])
    assert (before["authorizeStatus"], before["chargeStatus"], before["isPaid"]) == ("FULL", "NONE", False)
    assert before["paymentStatus"] == "NOT_CHARGED"
    assert before["totalAuthorized"]["amount"] == 420_000
    assert before["totalBalance"] == {"currency": "VND", "amount": -420_000}

    part_a = VendorOrder.objects.get(vendor=placed["a"])
    paid = payload(member(placed["a"]), MARK_PAID, id=gid("VendorOrder", part_a.pk))
    assert paid == {"vendorOrder": {"isPaid": True}, "errors": []}
    middle = shown(placed["buyer"], placed["order_id"])
    assert (middle["authorizeStatus"], middle["chargeStatus"], middle["isPaid"]) == ("FULL", "PARTIAL", False)
    assert middle["totalCharged"]["amount"] == 145_000 and middle["totalAuthorized"]["amount"] == 275_000
    assert middle["totalBalance"]["amount"] == -275_000
    assert middle["paymentStatus"] == "PARTIALLY_CHARGED"

    again = payload(member(placed["a"]), MARK_PAID, id=gid("VendorOrder", part_a.pk))
    assert again == {"vendorOrder": None, "errors": [{"field": "id", "code": "ALREADY_PAID"}]}
    part_b = VendorOrder.objects.get(vendor=placed["b"])
    payload(member(placed["b"]), MARK_PAID, id=gid("VendorOrder", part_b.pk))
    after = shown(placed["buyer"], placed["order_id"])
    assert (after["authorizeStatus"], after["chargeStatus"], after["isPaid"]) == ("FULL", "FULL", True)
    assert after["totalCaptured"]["amount"] == 420_000 and after["totalAuthorized"]["amount"] == 0
    assert after["totalBalance"]["amount"] == 0
    item = TransactionItem.objects.get()
    assert (item.authorized_value, item.charged_value, item.available_actions) == (0, 420_000, [])
    assert list(item.events.values_list("type", "amount_value")) == [
        ("CHARGE_REQUEST", 420_000),
        ("AUTHORIZATION_SUCCESS", 420_000),
        ("CHARGE_SUCCESS", 145_000),
        ("CHARGE_SUCCESS", 275_000),
    ]
    assert [t["events"] for t in after["transactions"]] == [
        [
            {"type": "CHARGE_REQUEST"},
            {"type": "AUTHORIZATION_SUCCESS"},
            {"type": "CHARGE_SUCCESS"},
            {"type": "CHARGE_SUCCESS"},
        ]
    ]


def test_canceling_the_order_releases_the_authorization(placed, staff_user):
    grant(staff_user, PermissionEnum.MANAGE_ORDERS)
    canceled = payload(client_for(staff_user), ORDER_CANCEL, id=placed["order_id"])
    assert canceled == {"order": {"status": "CANCELED", "chargeStatus": "NONE"}, "errors": []}
    item = TransactionItem.objects.get()
    assert (item.authorized_value, item.canceled_value, item.charged_value) == (0, 420_000, 0)
    assert item.events.order_by("pk").last().type == "CANCEL_SUCCESS"
    after = shown(placed["buyer"], placed["order_id"])
    assert (after["authorizeStatus"], after["chargeStatus"]) == ("NONE", "NONE")


def test_cash_on_delivery_pays_for_everything_or_nothing(seeded_channels, settings):
    settings.PAYMENT_DUMMY_ENABLED = True
    _, product = shop_with_product(price=100_000)
    client = ApiClient()
    checkout_id = ready_checkout(client, [(product, 1)])
    message = "Cash on delivery pays for the whole order, and only when nothing else does."
    assert initialize(client, checkout_id, COD, amount=50_000)["errors"] == [
        {"field": "amount", "code": "INVALID", "message": message}
    ]
    assert initialize(client, checkout_id, dummy("CHARGE_SUCCESS"), amount=50_000)["errors"] == []
    assert initialize(client, checkout_id, COD)["errors"] == [
        {"field": "amount", "code": "INVALID", "message": message}
    ]
    assert TransactionItem.objects.filter(gateway="vn.cod").count() == 0
    assert TransactionEvent.objects.filter(transaction__gateway="vn.cod").count() == 0
