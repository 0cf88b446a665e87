"""Saleor's storefront's checkout over HTTP, step by step as it drives it: an empty cart,
lines, email and marketing-consent metadata, a Vietnamese address saved to the address
book, delivery options from ``deliveryOptionsCalculate`` (per-artisan parcels and pickup
points) chosen by their Delivery ID, payment through the dummy payment app's contract
with the transactions API, ``checkoutComplete``, and the order as its confirmation page
and order history read it."""

import pytest

from marketplace.orders.models import Order
from marketplace.payments.models import TransactionEvent, TransactionItem
from tests.checkout_helpers import ADDRESS, design_centre, gid, shop_with_product, variant_id
from tests.conftest import ApiClient, client_for
from tests.factories import UserFactory
from tests.storefront_api.checkout.documents import (
    BILLING_ADDRESS,
    CHECKOUT,
    CREATE,
    DELIVERY_METHOD,
    DELIVERY_OPTIONS,
    DUMMY,
    EMAIL,
    GATEWAYS_INITIALIZE,
    LINES_ADD,
    MY_ORDERS,
    ORDER,
    SHIPPING_ADDRESS,
    UPDATE_METADATA,
    complete,
    dummy,
    initialize,
    payload,
    run,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dummy_gateways(settings):
    settings.PAYMENT_DUMMY_ENABLED = True


CONSENT = [
    {"key": "paper.marketing_opt_in", "value": "true"},
    {"key": "paper.marketing_opt_in_at", "value": "2026-12-01T10:00:00.000Z"},
    {"key": "paper.marketing_opt_in_source", "value": "checkout_contact"},
]


def start(client: ApiClient, lines: list) -> str:
    created = payload(client, CREATE, channel="default-channel")
    assert created["errors"] == []
    assert created["checkout"]["authorizeStatus"] == "NONE" and created["checkout"]["chargeStatus"] == "NONE"
    checkout_id = created["checkout"]["id"]
    added = payload(
        client,
        LINES_ADD,
        id=checkout_id,
        lines=[{"variantId": variant_id(p), "quantity": q} for p, q in lines],
    )
    assert added["errors"] == []
    return checkout_id


def test_a_customer_pays_with_the_dummy_app_and_reads_the_order(seeded_channels):
    settings_gateways = {"saleor.io.dummy-payment-app", "mirumee.payments.dummy", "vn.cod"}
    (_, pot), (_, silk) = shop_with_product(price=120_000), shop_with_product(price=250_000)
    user = UserFactory(email="lan@example.vn")
    client = client_for(user)
    checkout_id = start(client, [(pot, 2), (silk, 1)])

    assert payload(client, EMAIL, id=checkout_id, email="lan@example.vn")["errors"] == []
    consent = payload(client, UPDATE_METADATA, id=checkout_id, input=CONSENT)
    assert consent["errors"] == []
    assert consent["item"]["__typename"] == "Checkout" and consent["item"]["id"] == checkout_id
    assert {i["key"]: i["value"] for i in consent["item"]["metadata"]}["paper.marketing_opt_in"] == "true"

    shipped = payload(client, SHIPPING_ADDRESS, id=checkout_id, address=ADDRESS, saveAddress=True)
    assert shipped["errors"] == []
    checkout = shipped["checkout"]
    assert checkout["shippingAddress"]["countryArea"] == "Thành phố Hà Nội"
    assert checkout["delivery"] is None and checkout["problems"] == []

    options = payload(client, DELIVERY_OPTIONS, id=checkout_id)
    assert options["errors"] == []
    methods = {d["shippingMethod"]["name"]: d for d in options["deliveries"]}
    standard = methods["Giao hàng tiêu chuẩn Hà Nội"]
    # Two artisans' parcels (1 kg and 0.5 kg): 25,000 each.
    assert standard["shippingMethod"]["price"] == {"currency": "VND", "amount": 50_000}
    assert standard["shippingMethod"]["active"] is True
    assert (
        standard["shippingMethod"]["minimumDeliveryDays"],
        standard["shippingMethod"]["maximumDeliveryDays"],
    ) == (1, 2)

    chosen = payload(client, DELIVERY_METHOD, id=checkout_id, deliveryMethodId=standard["id"])
    assert chosen["errors"] == []
    checkout = chosen["checkout"]
    assert checkout["delivery"] == {
        "id": standard["id"],
        "shippingMethod": {"id": standard["shippingMethod"]["id"], "name": "Giao hàng tiêu chuẩn Hà Nội"},
    }
    assert checkout["shippingPrice"]["gross"]["amount"] == 50_000
    assert checkout["totalPrice"]["gross"] == {"currency": "VND", "amount": 540_000}
    billed = payload(client, BILLING_ADDRESS, id=checkout_id, address=ADDRESS, saveAddress=False)
    assert billed["errors"] == []
    gateways = {g["id"]: g for g in billed["checkout"]["availablePaymentGateways"]}
    assert settings_gateways <= set(gateways)
    assert gateways["vn.cod"]["config"] == [{"field": "flow", "value": "authorize-then-collect"}]

    configs = payload(client, GATEWAYS_INITIALIZE, id=checkout_id, gateways=[{"id": DUMMY}])
    assert configs == {"errors": [], "gatewayConfigs": [{"id": DUMMY, "data": None, "errors": []}]}

    paid = initialize(client, checkout_id, dummy("CHARGE_SUCCESS"), amount=540_000)
    assert paid["errors"] == []
    assert paid["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert paid["transactionEvent"]["message"] == "Great success!"
    assert paid["transaction"]["actions"] == ["REFUND"]
    assert paid["transaction"]["chargedAmount"] == {"currency": "VND", "amount": 540_000}
    assert paid["transaction"]["pspReference"]  # the dummy app gave one
    checkout = run(client, CHECKOUT, id=checkout_id)["checkout"]
    assert (checkout["authorizeStatus"], checkout["chargeStatus"]) == ("FULL", "FULL")

    completed = complete(client, checkout_id)
    assert completed["errors"] == [] and completed["confirmationNeeded"] is False
    assert completed["order"]["channel"] == {"slug": "default-channel"}
    order = Order.objects.get()
    assert (order.total_charged_amount, order.charge_status, order.gateway) == (
        540_000,
        "FULLY_CHARGED",
        DUMMY,
    )
    assert order.metadata == {i["key"]: i["value"] for i in CONSENT}  # copied from the checkout (Saleor)
    item = TransactionItem.objects.get()
    assert (item.order_id, item.checkout_id) == (order.pk, None)
    assert list(TransactionEvent.objects.values_list("type", "include_in_calculations")) == [
        ("CHARGE_REQUEST", False),
        ("CHARGE_SUCCESS", True),
    ]
    assert all(part.is_paid for part in order.vendor_orders.all())

    shown = run(client, ORDER, id=completed["order"]["id"])["order"]
    assert shown["isPaid"] is True and shown["status"] == "UNFULFILLED"
    assert shown["statusDisplay"] == "Unfulfilled"
    assert (shown["chargeStatus"], shown["authorizeStatus"]) == ("FULL", "FULL")
    assert shown["totalCaptured"] == shown["totalCharged"] == {"currency": "VND", "amount": 540_000}
    assert shown["totalBalance"] == {"currency": "VND", "amount": 0}
    assert shown["discounts"] == [] and shown["voucher"] is None
    assert shown["deliveryMethod"] == {
        "__typename": "ShippingMethod",
        "name": "Giao hàng tiêu chuẩn Hà Nội",
        "minimumDeliveryDays": 1,
        "maximumDeliveryDays": 2,
    }
    assert [line["undiscountedUnitPrice"]["gross"]["amount"] for line in shown["lines"]] == [120_000, 250_000]
    assert [t["chargedAmount"]["amount"] for t in shown["transactions"]] == [540_000]
    history = run(client, MY_ORDERS, first=10)["me"]["orders"]["edges"]
    assert [edge["node"]["id"] for edge in history] == [shown["id"]]

    # saveAddress: the shipping address joined the address book (the default), the billing did not.
    user.refresh_from_db()
    saved = list(user.addresses.all())
    assert [(a.street_address_1, a.city) for a in saved] == [("12 Hàng Gai", "Phường Hoàn Kiếm")]
    assert user.default_shipping_address_id == saved[0].pk and user.default_billing_address_id is None
    assert saved[0].pk not in (order.shipping_address_id, order.billing_address_id)  # a copy


def test_a_guest_picks_up_at_the_design_centre_through_a_delivery_option(seeded_channels):
    point = design_centre()
    (_, pot), (_, hat) = shop_with_product(price=90_000), shop_with_product(price=60_000)
    guest = ApiClient()
    checkout_id = start(guest, [(pot, 1), (hat, 1)])
    payload(guest, EMAIL, id=checkout_id, email="tourist@example.com")
    payload(guest, SHIPPING_ADDRESS, id=checkout_id, address=ADDRESS)
    deliveries = payload(guest, DELIVERY_OPTIONS, id=checkout_id)["deliveries"]
    pickup = next(d for d in deliveries if d["shippingMethod"]["id"] == gid("Warehouse", point.pk))
    assert pickup["shippingMethod"]["name"] == "Nhận tại Trung tâm Thiết kế Sáng tạo Hà Nội"
    assert pickup["shippingMethod"]["price"] == {"currency": "VND", "amount": 0}
    assert deliveries[-1] == pickup  # after the shipping methods

    chosen = payload(guest, DELIVERY_METHOD, id=checkout_id, deliveryMethodId=pickup["id"])
    assert chosen["errors"] == []
    assert chosen["checkout"]["delivery"]["id"] == pickup["id"]
    assert chosen["checkout"]["shippingPrice"]["gross"]["amount"] == 0
    payload(guest, BILLING_ADDRESS, id=checkout_id, address=ADDRESS)
    assert initialize(guest, checkout_id, dummy())["errors"] == []
    completed = complete(guest, checkout_id)
    assert completed["errors"] == []
    order = Order.objects.get()
    assert (order.collection_point_id, order.total_gross_amount) == (point.pk, 150_000)
    shown = run(guest, ORDER, id=completed["order"]["id"])["order"]
    assert shown["deliveryMethod"] == {
        "__typename": "Warehouse",
        "id": gid("Warehouse", point.pk),
        "name": point.name,
    }
