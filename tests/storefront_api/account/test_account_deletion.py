"""Saleor's accountRequestDeletion + accountDelete over HTTP, as Decree 13/2023/NĐ-CP
expects: the account and its personal data go, its orders stay for the shops' accounting
without anything that identifies the buyer; who may, what is refused, forged and reused
tokens, a race."""

import re
import threading
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.deletion import deletion_tokens
from marketplace.accounts.models import Address, User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.inventory.models import Reservation
from marketplace.notifications.models import Delivery, NotificationSettings
from marketplace.orders.models import Order, OrderLine, VendorOrder
from marketplace.payments.models import Payment
from marketplace.payouts.selectors import payout_summary
from marketplace.thumbnails.models import Thumbnail
from tests.checkout_helpers import (
    ADDRESS,
    create,
    gid,
    op,
    pay_and_complete,
    ready_checkout,
    shop_with_product,
)
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import AddressFactory, UserFactory, VendorFactory
from tests.images import image_bytes
from tests.storefront_api.artisan.test_media import multipart, stored_files
from vendors.shops.models import VendorMember, VendorMemberRole, VendorStatus

REQUEST = """mutation ($redirectUrl: String!, $channel: String) {
  accountRequestDeletion(redirectUrl: $redirectUrl, channel: $channel) { errors { field code message } } }"""
DELETE = """mutation ($token: String!) { accountDelete(token: $token) { user { id email } errors { field code message } } }"""
AVATAR = """mutation ($image: Upload!) { userAvatarUpdate(image: $image) { errors { code } } }"""
FULFIL = "mutation($id: ID!) { vendorOrderFulfill(id: $id) { vendorOrder { status } errors { field code } } }"
PAID = "mutation($id: ID!) { vendorOrderMarkPaid(id: $id) { vendorOrder { isPaid } errors { field code } } }"
PAYOUT = """query($v: ID!, $p: String!) { vendorPayoutSummary(vendor: $v, period: $p) {
  orderCount grossSales { amount } commission { amount } taxWithheld { amount } payoutAmount { amount } } }"""
ME = "{ me { email } }"
STOREFRONT = "http://localhost:3000/vi/default-channel/"


def request_deletion(client, **variables):
    return data(client.graphql(REQUEST, {"redirectUrl": STOREFRONT, **variables}))["accountRequestDeletion"]


def emailed_token() -> str:
    body = mail.outbox[-1].body
    assert "?token=" in body
    link = re.search(r"(http\S+)", body).group(1)  # type: ignore[arg-type,union-attr]
    assert link.startswith(STOREFRONT + "?token=")
    return link.split("token=", 1)[1]


def codes(result):
    return [(e["field"], e["code"]) for e in result["errors"]]


def owner_of(vendor):
    user = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=user, role=VendorMemberRole.OWNER)
    return user


@pytest.fixture
def buyer(seeded_channels, customer_user, media_root):
    """A customer with an address book, a photo, an open cart, and a delivered, paid order."""
    vendor, product = shop_with_product(price=200_000, stock=10)
    _, other_product = shop_with_product(price=50_000, stock=10)
    client = client_for(customer_user)
    for street in ("12 Hàng Gai", "5 Lê Lợi"):
        address = AddressFactory(street_address_1=street)
        customer_user.addresses.add(address)
    customer_user.default_shipping_address = customer_user.addresses.first()
    customer_user.first_name, customer_user.last_name = "Lan", "Nguyễn"
    customer_user.save()
    image = SimpleUploadedFile("me.png", image_bytes(size=(64, 64), format="PNG"), content_type="image/png")
    assert data(multipart(client, AVATAR, {}, {"image": image}).json())["userAvatarUpdate"]["errors"] == []

    completed = pay_and_complete(client, ready_checkout(client, [(product, 2)]))
    assert completed["errors"] == []
    order = Order.objects.get()
    part = order.vendor_orders.get()
    shop = client_for(owner_of(vendor))
    assert (
        data(shop.graphql(PAID, {"id": gid("VendorOrder", part.pk)}))["vendorOrderMarkPaid"]["errors"] == []
    )
    assert (
        data(shop.graphql(FULFIL, {"id": gid("VendorOrder", part.pk)}))["vendorOrderFulfill"]["errors"] == []
    )
    order.refresh_from_db()
    assert order.status == "FULFILLED"

    cart = create(client, [(other_product, 1)])
    assert cart["errors"] == []
    op(client, "CheckoutShippingAddressUpdate", id=cart["checkout"]["id"], address=ADDRESS)
    return {"user": customer_user, "client": client, "order": order, "vendor": vendor, "shop": shop}


def personal_snapshot(order):
    addresses = [order.shipping_address, order.billing_address]
    return {
        "user_id": order.user_id,
        "email": order.user_email,
        "addresses": [
            {
                field: getattr(a, field)
                for field in (
                    "first_name",
                    "last_name",
                    "company_name",
                    "street_address_1",
                    "street_address_2",
                    "city",
                    "city_area",
                    "postal_code",
                    "phone",
                    "country",
                    "country_area",
                )
            }
            for a in addresses
        ],
        "ips": list(Payment.objects.filter(order=order).values_list("customer_ip_address", flat=True)),
    }


@pytest.mark.django_db
def test_request_then_delete_removes_the_person_and_keeps_anonymised_orders(buyer, media_root):
    user, client, order = buyer["user"], buyer["client"], buyer["order"]
    period = timezone.localtime(order.created_at).strftime("%Y-%m")
    payout_before = payout_summary(vendor=buyer["vendor"], period=period)
    payout_api_before = data(
        buyer["shop"].graphql(PAYOUT, {"v": gid("Vendor", buyer["vendor"].pk), "p": period})
    )
    lines_before = list(OrderLine.objects.filter(order=order).values())
    parts_before = list(VendorOrder.objects.filter(order=order).values())
    before = personal_snapshot(order)
    assert before["email"] == "lan@example.vn" and before["addresses"][0]["phone"] == "+84912345678"
    assert before["ips"] == ["127.0.0.1"]
    book = list(user.addresses.values_list("pk", flat=True))
    cart = Checkout.objects.get(user=user)
    cart_addresses = [cart.shipping_address_id]
    assert Reservation.objects.filter(checkout_line__checkout=cart).exists()
    photo_files = [f for f in stored_files(media_root) if f.startswith(("user-avatars/", "thumbnails/user-"))]
    assert len(photo_files) == 3  # the photo and its two thumbnails
    NotificationSettings.objects.create(user=user, sms=True, phone="+84912345678")
    assert Delivery.objects.filter(recipient_key=f"user:{user.pk}").count() >= 2  # confirmation, shipped

    assert request_deletion(client, channel="default-channel") == {"errors": []}
    assert mail.outbox[-1].to == [user.email]
    assert "Nghị định 13/2023/NĐ-CP" in mail.outbox[-1].body  # the user's language (vi)
    token = emailed_token()
    assert User.objects.filter(pk=user.pk).exists()  # asking deletes nothing

    result = data(client.graphql(DELETE, {"token": token}))["accountDelete"]
    assert result == {"user": {"id": gid("User", user.pk), "email": user.email}, "errors": []}

    # The person is gone ...
    assert not User.objects.filter(pk=user.pk).exists()
    assert not User.objects.filter(email=user.email).exists()
    assert not Address.objects.filter(pk__in=book + cart_addresses).exists()
    assert not Checkout.objects.filter(pk=cart.pk).exists() and not CheckoutLine.objects.exists()
    assert not Reservation.objects.exists()
    assert not Thumbnail.objects.filter(user_id=user.pk).exists()
    assert [f for f in stored_files(media_root) if f in photo_files] == []
    assert not Delivery.objects.filter(recipient_key=f"user:{user.pk}").exists()  # what they were told, where
    assert not NotificationSettings.objects.filter(user_id=user.pk).exists()
    # ... the order stays, with nothing that identifies the buyer ...
    order.refresh_from_db()
    after = personal_snapshot(order)
    assert after["user_id"] is None and after["email"] == "" and after["ips"] == [None]
    for address in after["addresses"]:
        assert address == {
            "first_name": "",
            "last_name": "",
            "company_name": "",
            "street_address_1": "",
            "street_address_2": "",
            "city": "",
            "city_area": "",
            "postal_code": "",
            "phone": "",
            "country": "VN",
            "country_area": "Thành phố Hà Nội",
        }
    # ... and the shop's books are untouched.
    assert list(OrderLine.objects.filter(order=order).values()) == lines_before
    assert list(VendorOrder.objects.filter(order=order).values()) == parts_before
    assert payout_summary(vendor=buyer["vendor"], period=period) == payout_before
    assert data(buyer["shop"].graphql(PAYOUT, {"v": gid("Vendor", buyer["vendor"].pk), "p": period})) == (
        payout_api_before
    )
    # The old session and token are dead; the password no longer signs in.
    response = client.post_graphql(DELETE, {"token": token})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "JWT_INVALID_TOKEN"
    sign_in = """mutation { tokenCreate(email: "khach@example.vn", password: "secret-pass-123") { token errors { code } } }"""
    # (from its own address, so the failure counts against no other test's sign-ins)
    assert data(ApiClient(REMOTE_ADDR="203.0.113.9").graphql(sign_in))["tokenCreate"] == {
        "token": None,
        "errors": [{"code": "INVALID_CREDENTIALS"}],
    }


@pytest.mark.django_db
def test_forged_expired_foreign_and_void_tokens_are_refused(buyer, settings):
    user, client = buyer["user"], buyer["client"]
    other = UserFactory(email="khac@example.vn")
    other_token = deletion_tokens.make_token(other)
    valid = deletion_tokens.make_token(user)
    refused = [
        "",
        "x",
        "bm-" + valid.split("-", 1)[1],  # another timestamp
        valid[:-1] + ("0" if valid[-1] != "0" else "1"),  # a changed signature
        other_token,  # another user's
        valid + "-" + "a" * 10_000,  # oversized
        "\x00" + valid,
    ]
    for token in refused:
        assert codes(data(client.graphql(DELETE, {"token": token}))["accountDelete"]) == [
            ("token", "INVALID")
        ]
    # Expired: older than PASSWORD_RESET_TIMEOUT (3 days).
    old = deletion_tokens._make_token_with_timestamp(
        user,
        deletion_tokens._num_seconds(datetime.now() - timedelta(days=3, minutes=1)),
        deletion_tokens.secret,
    )
    assert codes(data(client.graphql(DELETE, {"token": old}))["accountDelete"]) == [("token", "INVALID")]
    # Void once the password changes (or tokenDeactivateAll rotates the token key).
    change = """mutation { passwordChange(oldPassword: "secret-pass-123", newPassword: "lang-nghe-2026!") { errors { code } } }"""
    assert data(client.graphql(change))["passwordChange"]["errors"] == []
    user.refresh_from_db()
    assert codes(data(client_for(user).graphql(DELETE, {"token": valid}))["accountDelete"]) == [
        ("token", "INVALID")
    ]
    # Nothing happened to anyone.
    assert User.objects.filter(pk__in=[user.pk, other.pk]).count() == 2
    assert Order.objects.get().user_id == user.pk
    # The other user cannot use this user's token either.
    mine = deletion_tokens.make_token(user)
    assert codes(data(client_for(other).graphql(DELETE, {"token": mine}))["accountDelete"]) == [
        ("token", "INVALID")
    ]
    assert User.objects.filter(pk__in=[user.pk, other.pk]).count() == 2


@pytest.mark.django_db
def test_authorization_matrix(buyer, staff_user):
    _, app_token = app_create(name="storefront", permissions=[PermissionEnum.MANAGE_USERS])
    token = deletion_tokens.make_token(buyer["user"])
    for client in (ApiClient(), ApiClient(token=app_token)):
        assert error_codes(client.graphql(REQUEST, {"redirectUrl": STOREFRONT})) == ["PermissionDenied"]
        assert error_codes(client.graphql(DELETE, {"token": token})) == ["PermissionDenied"]
    # Staff (even with MANAGE_USERS) cannot delete themselves this way, as in Saleor.
    grant(staff_user, PermissionEnum.MANAGE_USERS)
    staff = client_for(staff_user)
    assert codes(request_deletion(staff)) == [(None, "DELETE_STAFF_ACCOUNT")]
    staff_token = deletion_tokens.make_token(staff_user)
    assert codes(data(staff.graphql(DELETE, {"token": staff_token}))["accountDelete"]) == [
        (None, "DELETE_STAFF_ACCOUNT")
    ]
    assert User.objects.filter(pk=staff_user.pk).exists()
    assert not [m for m in mail.outbox if "?token=" in m.body and m.to == [staff_user.email]]
    assert User.objects.filter(pk=buyer["user"].pk).exists()


@pytest.mark.django_db
def test_the_last_owner_of_a_shop_must_transfer_it_first(seeded_channels):
    shop = VendorFactory(name="Gốm Hương Quê")
    owner = owner_of(shop)
    client = client_for(owner)
    refused = request_deletion(client)
    assert (
        codes(refused) == [(None, "LAST_VENDOR_OWNER")] and "Gốm Hương Quê" in refused["errors"][0]["message"]
    )
    token = deletion_tokens.make_token(owner)
    assert codes(data(client.graphql(DELETE, {"token": token}))["accountDelete"]) == [
        (None, "LAST_VENDOR_OWNER")
    ]
    for status in (VendorStatus.PENDING, VendorStatus.SUSPENDED):
        shop.status = status
        shop.save()
        assert codes(request_deletion(client)) == [(None, "LAST_VENDOR_OWNER")]
    assert User.objects.filter(pk=owner.pk).exists() and shop.members.count() == 1
    # A STAFF member does not count; a second OWNER does.
    staff_member = UserFactory()
    VendorMember.objects.create(vendor=shop, user=staff_member, role=VendorMemberRole.STAFF)
    assert codes(request_deletion(client)) == [(None, "LAST_VENDOR_OWNER")]
    assert data(client_for(staff_member).graphql(REQUEST, {"redirectUrl": STOREFRONT}))[
        "accountRequestDeletion"
    ] == {"errors": []}
    VendorMember.objects.create(vendor=shop, user=UserFactory(), role=VendorMemberRole.OWNER)
    assert request_deletion(client) == {"errors": []}
    assert data(client.graphql(DELETE, {"token": emailed_token()}))["accountDelete"]["errors"] == []
    assert not User.objects.filter(pk=owner.pk).exists()
    assert shop.members.filter(role=VendorMemberRole.OWNER).count() == 1
    # A rejected shop's last owner may leave.
    rejected = VendorFactory(status=VendorStatus.REJECTED)
    applicant = owner_of(rejected)
    assert request_deletion(client_for(applicant)) == {"errors": []}


@pytest.mark.django_db
def test_orders_still_being_handled_block_the_deletion(seeded_channels, customer_user):
    _, product = shop_with_product(price=100_000, stock=5)
    client = client_for(customer_user)
    assert pay_and_complete(client, ready_checkout(client, [(product, 1)]))["errors"] == []
    number = Order.objects.get().number
    refused = request_deletion(client)
    assert codes(refused) == [(None, "OPEN_ORDERS")] and f"#{number}" in refused["errors"][0]["message"]
    token = deletion_tokens.make_token(customer_user)
    assert codes(data(client.graphql(DELETE, {"token": token}))["accountDelete"]) == [(None, "OPEN_ORDERS")]
    order = Order.objects.get()
    assert order.user_id == customer_user.pk and order.user_email == "lan@example.vn"
    # Once canceled, the account may go.
    Order.objects.update(status="CANCELED")
    VendorOrder.objects.update(status="CANCELED")
    assert data(client.graphql(DELETE, {"token": token}))["accountDelete"]["errors"] == []
    assert Order.objects.get().user_id is None


@pytest.mark.django_db
def test_bad_requests_are_typed_and_send_nothing(customer_user, seeded_channels):
    client = client_for(customer_user)
    for variables, expected in (
        ({"redirectUrl": "https://evil.example/steal"}, [("redirectUrl", "INVALID")]),
        ({"redirectUrl": "javascript:alert(1)"}, [("redirectUrl", "INVALID")]),
        ({"redirectUrl": "http://localhost:3000/" + "a" * 5000}, []),
        ({"redirectUrl": STOREFRONT, "channel": "nope"}, [("channel", "NOT_FOUND")]),
    ):
        result = data(client.graphql(REQUEST, variables))["accountRequestDeletion"]
        assert codes(result) == expected, variables
    assert len(mail.outbox) == 1  # only the long but allowed storefront URL
    missing = client.post_graphql("mutation { accountRequestDeletion { errors { code } } }")
    assert missing.status_code == 400
    assert User.objects.filter(pk=customer_user.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_racing_deletions_delete_once(seeded_channels):
    user = UserFactory(email="dua@example.vn")
    token = deletion_tokens.make_token(user)
    clients = [client_for(user) for _ in range(4)]
    barrier = threading.Barrier(len(clients))
    results: list = [None] * len(clients)

    def run(index: int) -> None:
        try:
            barrier.wait()
            response = clients[index].post_graphql(DELETE, {"token": token})
            results[index] = (response.status_code, response.json())
        except Exception as error:  # reported by the assertions below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not [r for r in results if isinstance(r, Exception)], results
    deleted = [
        body for status, body in results if status == 200 and not body["data"]["accountDelete"]["errors"]
    ]
    assert len(deleted) == 1
    for status, body in results:
        if status == 200:
            errors = body["data"]["accountDelete"]["errors"]
            assert errors == [] or [(e["field"], e["code"]) for e in errors] == [("token", "INVALID")]
        else:  # authenticated after the winner committed: the user no longer exists
            assert status == 401
            assert body["errors"][0]["extensions"]["exception"]["code"] == "JWT_INVALID_TOKEN"
    assert not User.objects.filter(pk=user.pk).exists()
