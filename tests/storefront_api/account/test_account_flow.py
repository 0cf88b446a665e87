"""The account operations of ../shared/contract/storefront/account.graphql, end to end over HTTP."""

import re

import pytest
from django.core import mail

from marketplace.accounts.models import User
from tests.conftest import ApiClient, contract_document, data, run_operation

pytestmark = pytest.mark.django_db

CONFIRM = """
mutation ($email: String!, $token: String!) {
  confirmAccount(email: $email, token: $token) { user { email isConfirmed } errors { field code message } }
}
"""


def run(client, operation, **variables):
    return run_operation(client, contract_document("account"), operation, variables)


def register(client, email="an@example.vn", password="lang-nghe-2026!"):
    return data(run(client, "AccountRegister", email=email, password=password, channel="default-channel"))


def token_from_last_mail() -> str:
    return re.search(r"token=([\w-]+)", mail.outbox[-1].body).group(1)


def test_register_confirm_sign_in_refresh_verify_and_me(api_client, seeded_channels):
    result = register(api_client)["accountRegister"]
    assert result == {"user": None, "requiresConfirmation": True, "errors": []}
    user = User.objects.get(email="an@example.vn")
    assert user.password.startswith("argon2$")
    assert user.language_code == "vi" and user.is_confirmed is False

    refused = data(run(api_client, "TokenCreate", email="an@example.vn", password="lang-nghe-2026!"))[
        "tokenCreate"
    ]
    assert refused["token"] is None
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("email", "ACCOUNT_NOT_CONFIRMED")]

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["an@example.vn"]
    confirmed = data(api_client.graphql(CONFIRM, {"email": "an@example.vn", "token": token_from_last_mail()}))
    assert confirmed["confirmAccount"] == {
        "user": {"email": "an@example.vn", "isConfirmed": True},
        "errors": [],
    }

    signed_in = data(run(api_client, "TokenCreate", email="AN@example.vn", password="lang-nghe-2026!"))[
        "tokenCreate"
    ]
    assert signed_in["errors"] == [] and signed_in["user"] == {
        "id": signed_in["user"]["id"],
        "email": "an@example.vn",
        "isStaff": False,
    }
    refreshed = data(run(api_client, "TokenRefresh", refreshToken=signed_in["refreshToken"]))["tokenRefresh"]
    assert refreshed["errors"] == [] and refreshed["token"]
    verified = data(run(api_client, "TokenVerify", token=refreshed["token"]))["tokenVerify"]
    assert verified == {"isValid": True, "user": {"email": "an@example.vn"}, "errors": []}

    me = data(run(ApiClient(token=refreshed["token"]), "Me"))["me"]
    assert me["email"] == "an@example.vn" and me["languageCode"] == "VI" and me["isStaff"] is False
    assert me["orders"] == {"totalCount": 0, "edges": []}
    assert data(run(api_client, "Me"))["me"] is None


def test_addresses_and_profile(customer_api_client, customer_user):
    created = data(
        run(
            customer_api_client,
            "AccountAddressCreate",
            input={
                "firstName": "An",
                "lastName": "Nguyễn",
                "streetAddress1": "Số 5 Giang Cao",
                "city": "xa bat trang",
                "countryArea": "ha noi",
                "postalCode": "12406",
                "country": "VN",
                "phone": "0912 345 678",
            },
        )
    )["accountAddressCreate"]
    assert created["errors"] == []
    assert created["address"] == {
        "id": created["address"]["id"],
        "streetAddress1": "Số 5 Giang Cao",
        "city": "Xã Bát Tràng",
        "countryArea": "Thành phố Hà Nội",
    }
    customer_user.refresh_from_db()
    assert customer_user.default_shipping_address.phone == "+84912345678"
    updated = data(run(customer_api_client, "AccountUpdate", firstName="Bình", lastName="Trần"))[
        "accountUpdate"
    ]
    assert updated == {"user": {"firstName": "Bình", "lastName": "Trần"}, "errors": []}
    me = data(run(customer_api_client, "Me"))["me"]
    assert me["defaultShippingAddress"] == {
        "streetAddress1": "Số 5 Giang Cao",
        "city": "Xã Bát Tràng",
        "countryArea": "Thành phố Hà Nội",
    }
    assert [a["city"] for a in me["addresses"]] == ["Xã Bát Tràng"]


def test_registering_an_existing_email_answers_the_same_and_mails_the_owner(api_client, customer_user):
    result = register(api_client, email="KHACH@example.vn")["accountRegister"]
    assert result == {"user": None, "requiresConfirmation": True, "errors": []}
    assert User.objects.filter(email="khach@example.vn").count() == 1
    assert mail.outbox[-1].to == ["khach@example.vn"] and "token=" not in mail.outbox[-1].body


def test_registration_without_confirmation_returns_the_user(api_client, settings, seeded_channels):
    settings.ACCOUNT_CONFIRMATION_REQUIRED = False
    result = register(api_client)["accountRegister"]
    assert result["user"]["email"] == "an@example.vn" and result["requiresConfirmation"] is False
    again = register(api_client)["accountRegister"]
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("email", "UNIQUE")]


@pytest.mark.parametrize(
    ("email", "password", "field", "code"),
    [
        ("not-an-email", "lang-nghe-2026!", "email", "INVALID"),
        ("an@example.vn", "short", "password", "PASSWORD_TOO_SHORT"),
        ("an@example.vn", "20261123987654", "password", "PASSWORD_ENTIRELY_NUMERIC"),
        ("an@example.vn", "password123", "password", "PASSWORD_TOO_COMMON"),
    ],
)
def test_bad_registrations_are_typed_errors_and_create_nothing(
    api_client, seeded_channels, email, password, field, code
):
    result = register(api_client, email=email, password=password)["accountRegister"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert User.objects.count() == 0 and mail.outbox == []
