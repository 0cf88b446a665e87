"""Saleor's storefront calls the API from its Next.js server for every buyer: one IP address
is many buyers. Requests of a configured storefront server (``STOREFRONT_SERVER_IPS``) are
not limited per IP address — checkout creation, sign-in throttling, the per-client
reservation cap — while the limits per customer, per account and per checkout still
apply; behind trusted proxies (``TRUSTED_PROXY_IPS``) each buyer's own address counts."""

import pytest

from marketplace.checkout.models import Checkout
from marketplace.inventory.models import Reservation
from tests.checkout_helpers import ADDRESS, shop_with_product, variant_id
from tests.conftest import ApiClient, client_for, data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STOREFRONT = "10.1.0.5"
PROXY = "10.0.0.2"
CREATE = """mutation ($lines: [CheckoutLineInput!]!, $address: AddressInput) {
  checkoutCreate(input: {channel: "default-channel", email: "lan@example.vn", lines: $lines, shippingAddress: $address}) {
    checkout { id } errors { code } } }"""
SIGN_IN = """mutation ($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { code } } }"""


@pytest.fixture(autouse=True)
def limits(settings):
    settings.STOREFRONT_SERVER_IPS = [STOREFRONT]
    settings.TRUSTED_PROXY_IPS = [PROXY]
    settings.CHECKOUT_CREATE_PER_IP = 3
    settings.CHECKOUT_CREATE_PER_USER = 2
    settings.LOGIN_FAILURES_ALLOWED = 2


def create(client: ApiClient, lines=(), address=None, **extra) -> str:
    response = client.post_graphql(CREATE, {"lines": list(lines), "address": address}, **extra)
    result = data(response.json())["checkoutCreate"]
    return result["errors"][0]["code"] if result["errors"] else "OK"


def test_checkout_creation_is_limited_per_address_but_not_for_the_storefront_server(seeded_channels):
    assert [create(ApiClient(), REMOTE_ADDR="198.51.100.7") for _ in range(4)] == ["OK"] * 3 + [
        "CHECKOUT_CREATION_DELAYED"
    ]
    assert [create(ApiClient(), REMOTE_ADDR=STOREFRONT) for _ in range(6)] == ["OK"] * 6
    # A signed-in customer through the storefront server is still limited as a customer.
    customer = client_for(UserFactory())
    assert [create(customer, REMOTE_ADDR=STOREFRONT) for _ in range(3)] == [
        "OK",
        "OK",
        "CHECKOUT_CREATION_DELAYED",
    ]
    assert Checkout.objects.filter(client_key="").count() == 6  # the storefront's guests: no shared cap


def test_buyers_behind_a_trusted_proxy_count_for_themselves(seeded_channels):
    def via_proxy(address: str, forged: str = "") -> str:
        chain = f"{forged}, {address}" if forged else address
        return create(ApiClient(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)

    assert [via_proxy("198.51.100.7") for _ in range(4)][-1] == "CHECKOUT_CREATION_DELAYED"
    assert via_proxy("198.51.100.8") == "OK"  # another buyer behind the same proxy
    # A client writing its own X-Forwarded-For does not escape: the proxy appended the truth.
    assert via_proxy("198.51.100.7", forged="203.0.113.99") == "CHECKOUT_CREATION_DELAYED"
    # Without a trusted proxy the header is not believed at all.
    assert [
        create(ApiClient(), REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}") for i in range(4)
    ][-1] == "CHECKOUT_CREATION_DELAYED"


def test_the_storefronts_guests_do_not_share_one_reservation_cap(seeded_channels, settings):
    settings.CHECKOUT_RESERVATION_MAX_UNITS = 4
    settings.CHECKOUT_RESERVATION_CLIENT_MAX_UNITS = 5
    _, product = shop_with_product(stock=20)
    lines = [{"variantId": variant_id(product), "quantity": 4}]
    for _ in range(2):
        assert create(ApiClient(), lines, ADDRESS, REMOTE_ADDR=STOREFRONT) == "OK"
    assert sum(Reservation.objects.values_list("quantity_reserved", flat=True)) == 8  # 4 + 4
    Reservation.objects.all().delete()
    Checkout.objects.all().delete()
    for _ in range(2):
        assert create(ApiClient(), lines, ADDRESS, REMOTE_ADDR="198.51.100.7") == "OK"
    assert sum(Reservation.objects.values_list("quantity_reserved", flat=True)) == 5  # one client: 4 + 1


def test_sign_in_is_throttled_per_account_not_per_storefront_server(customer_user):
    def attempt(email: str, password: str, ip: str) -> str:
        response = ApiClient().post_graphql(SIGN_IN, {"email": email, "password": password}, REMOTE_ADDR=ip)
        result = data(response.json())["tokenCreate"]
        return result["errors"][0]["code"] if result["errors"] else "OK"

    for index in range(2):
        attempt(f"guess{index}@example.vn", "wrong", STOREFRONT)
    assert attempt(customer_user.email, "secret-pass-123", STOREFRONT) == "OK"  # other buyers sign in
    for _ in range(2):
        attempt(customer_user.email, "wrong", STOREFRONT)
    assert (
        attempt(customer_user.email, "secret-pass-123", STOREFRONT) == "LOGIN_ATTEMPT_DELAYED"
    )  # the account
    # An ordinary address trying many accounts is still delayed.
    for index in range(2):
        attempt(f"guess{index}@example.vn", "wrong", "198.51.100.9")
    assert attempt("someone@example.vn", "wrong", "198.51.100.9") == "LOGIN_ATTEMPT_DELAYED"
