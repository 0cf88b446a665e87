"""What Saleor's storefront does with the account part of the API, answered as Saleor
answers it (our own documents with the same shape): the signed-in user's order history page
by page, the address book's answers, registration from a channel with a confirmation link."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from tests.checkout_helpers import gid, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data
from tests.factories import AddressFactory, UserFactory

pytestmark = pytest.mark.django_db

HISTORY = """query ($first: Int, $after: String) { me { id email avatar { url alt }
  orders(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id number } } } } }"""
ADDRESS_CREATE = """mutation ($input: AddressInput!) { accountAddressCreate(input: $input) {
  address { id streetAddress1 city countryArea country { code } phone } user { addresses { id } } errors { field code } } }"""
ADDRESS_DELETE = """mutation ($id: ID!) { accountAddressDelete(id: $id) {
  address { id streetAddress1 } user { addresses { id } } errors { field code } } }"""
REGISTER = """mutation ($input: AccountRegisterInput!) { accountRegister(input: $input) {
  user { id email } errors { field code message } } }"""
CONFIRM = """mutation ($email: String!, $token: String!) { confirmAccount(email: $email, token: $token) {
  user { email isConfirmed } errors { code } } }"""


def test_order_history_pages_newest_first(seeded_channels, customer_user):
    _, product = shop_with_product(price=90_000, stock=10)
    client = client_for(customer_user)
    for _ in range(3):
        assert pay_and_complete(client, ready_checkout(client, [(product, 1)]))["errors"] == []
    first = data(client.graphql(HISTORY, {"first": 2}))["me"]
    assert first["avatar"] is None and first["email"] == customer_user.email
    orders = first["orders"]
    assert orders["totalCount"] == 3 and orders["pageInfo"]["hasNextPage"] is True
    numbers = [e["node"]["number"] for e in orders["edges"]]
    assert numbers == sorted(numbers, reverse=True)
    rest = data(client.graphql(HISTORY, {"first": 2, "after": orders["pageInfo"]["endCursor"]}))["me"][
        "orders"
    ]
    assert rest["pageInfo"]["hasNextPage"] is False and len(rest["edges"]) == 1
    assert rest["edges"][0]["node"]["number"] < numbers[-1]
    # Another customer sees none of them.
    stranger = data(client_for(UserFactory()).graphql(HISTORY, {"first": 10}))["me"]
    assert stranger["orders"]["totalCount"] == 0


def test_address_book_answers_like_saleor(customer_user):
    client = client_for(customer_user)
    created = data(
        client.graphql(
            ADDRESS_CREATE,
            {
                "input": {
                    "firstName": "Lan",
                    "lastName": "Nguyễn",
                    "streetAddress1": "12 Hàng Gai",
                    "city": "phuong hoan kiem",
                    "countryArea": "ha noi",
                    "country": "VN",
                    "phone": "0912345678",
                }
            },
        )
    )["accountAddressCreate"]
    assert created["errors"] == []
    address = created["address"]
    assert address["city"] == "Phường Hoàn Kiếm" and address["phone"] == "+84912345678"
    assert created["user"]["addresses"] == [{"id": address["id"]}]
    deleted = data(client.graphql(ADDRESS_DELETE, {"id": address["id"]}))["accountAddressDelete"]
    # Saleor answers the deleted address too (its id and values), and the user without it.
    assert deleted == {
        "address": {"id": address["id"], "streetAddress1": "12 Hàng Gai"},
        "user": {"addresses": []},
        "errors": [],
    }
    again = data(client.graphql(ADDRESS_DELETE, {"id": address["id"]}))["accountAddressDelete"]
    assert again == {"address": None, "user": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}


def test_register_from_a_channel_then_confirm_from_the_emailed_link(seeded_channels, settings):
    redirect = "http://localhost:3000/vi/default-channel/account/confirm"
    result = data(
        ApiClient().graphql(
            REGISTER,
            {
                "input": {
                    "email": "moi@example.vn",
                    "password": "lang-nghe-2026!",
                    "firstName": "",
                    "lastName": "",
                    "channel": "default-channel",
                    "redirectUrl": redirect,
                }
            },
        )
    )["accountRegister"]
    assert result == {"user": None, "errors": []}  # waiting for confirmation, as with an existing email
    link = re.search(r"(http\S+)", mail.outbox[-1].body).group(1)
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == redirect
    query = parse_qs(parts.query)
    confirmed = data(ApiClient().graphql(CONFIRM, {"email": query["email"][0], "token": query["token"][0]}))[
        "confirmAccount"
    ]
    assert confirmed == {"user": {"email": "moi@example.vn", "isConfirmed": True}, "errors": []}


def test_a_deleted_address_id_of_another_user_is_not_found(customer_user):
    other = UserFactory()
    address = AddressFactory()
    other.addresses.add(address)
    result = data(client_for(customer_user).graphql(ADDRESS_DELETE, {"id": gid("Address", address.pk)}))
    assert result["accountAddressDelete"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert other.addresses.filter(pk=address.pk).exists()
