"""Being told, over HTTP: the buyer's confirmation with the order number and its link (a
guest too), "ready for pickup" with the place and its hours, the shop's "new order", each
in its reader's language and sent once; a guest's order joins the account the same e-mail
address signs up and confirms; each person chooses their channels."""

import base64
import re

import pytest
from django.core import mail

from marketplace.checkout.models import Checkout
from marketplace.notifications.models import Delivery, NotificationSettings
from marketplace.orders.models import Order
from tests.checkout_helpers import gid, op, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, contract_document, data, error_codes, run_operation
from tests.factories import UserFactory
from tests.marketplace.notifications.provider import provider
from tests.service_helpers import member_of, place_order
from vendors.shops.models import VendorMember

pytestmark = pytest.mark.django_db

READY = (
    "mutation($id: ID!) { vendorOrderMarkReadyForPickup(id: $id) { vendorOrder { status } errors { code } } }"
)
SETTINGS = """
mutation($input: NotificationSettingsInput!) {
  accountNotificationSettingsUpdate(input: $input) {
    notificationSettings { email sms zalo phone } errors { field code message }
  }
}"""
ME = "{ me { email notificationSettings { email sms zalo phone } orders(first: 10) { edges { node { number } } } } }"


def test_a_guest_gets_one_confirmation_with_number_and_link_in_their_language(seeded_channels, settings):
    vendor, product = shop_with_product(price=120_000, name="Nón lá Chuông")
    owner = member_of(vendor)
    owner.language_code = "vi"
    owner.save()
    buyer = ApiClient()
    checkout_id = ready_checkout(buyer, [(product, 1)])
    Checkout.objects.update(language_code="en")  # the storefront was browsed in English
    completed = pay_and_complete(buyer, checkout_id)
    assert completed["errors"] == []
    again = op(buyer, "CheckoutComplete", id=checkout_id)["checkoutComplete"]  # a retried request
    assert again["order"]["id"] == completed["order"]["id"]
    order = Order.objects.get()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == sorted(["lan@example.vn", owner.email]) and len(mail.outbox) == 2
    confirmation = by_address["lan@example.vn"]
    assert confirmation.subject == f"Order #{order.number} is placed"
    api_id = base64.b64encode(f"Order:{order.pk}".encode()).decode()
    assert f"Follow your order: http://localhost:3000/checkout?order={api_id}" in confirmation.body
    assert api_id == completed["order"]["id"]  # the link opens the order the API returned
    assert by_address[owner.email].subject == f"Đơn hàng mới #{order.number}"
    assert set(Delivery.objects.values_list("event", "status")) == {
        ("order_confirmation", "SENT"),
        ("vendor_order_new", "SENT"),
    }


def test_ready_for_pickup_names_the_place_and_its_hours(seeded_channels):
    vendor, product = shop_with_product(price=150_000, stock=4, pickup=True)
    workshop = vendor.warehouses.get()
    workshop.opening_hours = "8:00–17:00, thứ Hai – thứ Bảy"
    workshop.save()
    order = place_order([(product, 1)], pickup_at=workshop)
    part = order.vendor_orders.get()
    mail.outbox.clear()
    owner = client_for(member_of(vendor))
    for _ in range(2):
        assert (
            data(owner.graphql(READY, {"id": gid("VendorOrder", part.pk)}))["vendorOrderMarkReadyForPickup"][
                "errors"
            ]
            == []
        )
    (message,) = mail.outbox  # marked twice, told once
    assert message.subject == f"Đơn hàng #{order.number} đã sẵn sàng để nhận"
    assert f"sẵn sàng tại {workshop.name}." in message.body
    assert "Giờ mở cửa: 8:00–17:00, thứ Hai – thứ Bảy" in message.body
    assert f"Địa chỉ: {workshop.address.street_address_1}" in message.body


def test_a_guest_order_appears_in_the_account_after_sign_up(seeded_channels):
    _vendor, product = shop_with_product(price=99_000)
    guest = ApiClient()
    pay_and_complete(guest, ready_checkout(guest, [(product, 1)]))  # as lan@example.vn
    order = Order.objects.get()
    assert order.user is None
    account = contract_document("account")
    registered = data(
        run_operation(
            ApiClient(),
            account,
            "AccountRegister",
            {"email": "Lan@Example.vn", "password": "lang-nghe-2026!", "channel": "default-channel"},
        )
    )["accountRegister"]
    assert registered["errors"] == []
    assert Order.objects.get().user is None  # not before the address is proven
    token = re.search(r"token=([\w-]+)", mail.outbox[-1].body).group(1)
    confirmed = data(
        ApiClient().graphql(
            "mutation($e: String!, $t: String!) { confirmAccount(email: $e, token: $t) { errors { code } } }",
            {"e": "lan@example.vn", "t": token},
        )
    )
    assert confirmed["confirmAccount"]["errors"] == []
    signed_in = data(
        run_operation(
            ApiClient(), account, "TokenCreate", {"email": "lan@example.vn", "password": "lang-nghe-2026!"}
        )
    )["tokenCreate"]
    me = data(ApiClient(token=signed_in["token"]).graphql(ME))["me"]
    assert [e["node"]["number"] for e in me["orders"]["edges"]] == [str(order.number)]


def test_someone_elses_address_never_takes_the_orders(seeded_channels):
    """Registering with a guest's address without confirming it attaches nothing."""
    _vendor, product = shop_with_product(price=99_000)
    guest = ApiClient()
    pay_and_complete(guest, ready_checkout(guest, [(product, 1)]))
    run_operation(
        ApiClient(),
        contract_document("account"),
        "AccountRegister",
        {"email": "lan@example.vn", "password": "lang-nghe-2026!", "channel": "default-channel"},
    )
    bad = ApiClient().graphql(
        'mutation { confirmAccount(email: "lan@example.vn", token: "forged") { errors { code } } }'
    )
    assert [e["code"] for e in data(bad)["confirmAccount"]["errors"]] == ["INVALID"]
    assert Order.objects.get().user is None


def test_a_person_chooses_their_channels(settings):
    user = UserFactory()
    client = client_for(user)
    assert data(client.graphql(ME))["me"]["notificationSettings"] == {
        "email": True,
        "sms": False,
        "zalo": False,
        "phone": None,
    }
    missing = data(client.graphql(SETTINGS, {"input": {"sms": True}}))["accountNotificationSettingsUpdate"]
    assert [(e["field"], e["code"]) for e in missing["errors"]] == [("phone", "REQUIRED")]
    bad = data(client.graphql(SETTINGS, {"input": {"zalo": True, "phone": "12"}}))[
        "accountNotificationSettingsUpdate"
    ]
    assert [(e["field"], e["code"]) for e in bad["errors"]] == [("phone", "INVALID_PHONE")]
    assert not NotificationSettings.objects.filter(user=user, zalo=True).exists()
    chosen = data(
        client.graphql(SETTINGS, {"input": {"email": False, "zalo": True, "phone": "0912 345 678"}})
    )
    assert chosen["accountNotificationSettingsUpdate"] == {
        "notificationSettings": {"email": False, "sms": False, "zalo": True, "phone": "+84912345678"},
        "errors": [],
    }
    assert error_codes(ApiClient().graphql(SETTINGS, {"input": {"email": False}})) == ["PermissionDenied"]


def test_nobody_reads_anothers_channels(seeded_channels):
    user = UserFactory()
    NotificationSettings.objects.create(user=user, phone="+84912345678", sms=True)
    vendor, _ = shop_with_product()
    VendorMember.objects.create(vendor=vendor, user=user, role="OWNER")
    vendor_id = gid("Vendor", vendor.pk)
    query = f'{{ vendor(id: "{vendor_id}") {{ members {{ user {{ email notificationSettings {{ phone }} }} }} }} }}'
    other_member = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=other_member, role="STAFF")
    members = data(client_for(other_member).graphql(query))["vendor"]["members"]
    assert {m["user"]["email"]: m["user"]["notificationSettings"] for m in members}[user.email] is None


def test_an_sms_provider_down_fails_no_request(seeded_channels, settings):
    """With tasks in-process (the demo), a provider failing at send time leaves the delivery
    PENDING and the buyer's request succeeds."""
    settings.SMS_API_TOKEN = "t"
    vendor, product = shop_with_product(price=50_000)
    owner = member_of(vendor)
    NotificationSettings.objects.create(user=owner, email=True, sms=True, phone="+84912345678")
    with provider((503, {}, 0)) as sms:
        settings.SMS_API_URL = f"{sms.url}/sms"
        buyer = ApiClient()
        assert pay_and_complete(buyer, ready_checkout(buyer, [(product, 1)]))["errors"] == []
    row = Delivery.objects.get(channel="SMS")
    assert (row.event, row.status, row.attempts) == ("vendor_order_new", "PENDING", 1)
    assert Delivery.objects.filter(channel="EMAIL", status="SENT").count() == 2
