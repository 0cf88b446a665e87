"""The account operations of tests/contract/storefront/account.graphql, end to end over HTTP."""

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
    return re.search(r"token=([\w-]+)", mail.outbox[-1].body).group(1)  # type: ignore[arg-type,union-attr]


def test_production_hashes_passwords_with_argon2():
    import marketplace.settings.base as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_register_confirm_sign_in_refresh_verify_and_me(api_client, seeded_channels, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
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


ADDRESS_MUTATIONS = """
mutation Create($input: AddressInput!) { accountAddressCreate(input: $input) { address { id city } errors { field code } } }
mutation Update($id: ID!, $input: AddressInput!) { accountAddressUpdate(id: $id, input: $input) { address { city phone } errors { field code } } }
mutation Delete($id: ID!) { accountAddressDelete(id: $id) { user { addresses { id } } errors { field code } } }
mutation Default($id: ID!) { accountSetDefaultAddress(id: $id, type: BILLING) { user { defaultBillingAddress { id } } errors { field code } } }
"""
GOOD = {"streetAddress1": "Số 5", "city": "phuong ha dong", "countryArea": "Hà Nội", "phone": "0912345678"}


def address_op(client, operation, **variables):
    return data(run_operation(client, ADDRESS_MUTATIONS, operation, variables))


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"countryArea": "Hà Tây"}, "countryArea", "INVALID_ADDRESS"),
        ({"city": "phường Nowhere"}, "city", "INVALID_ADDRESS"),
        ({"phone": "+84 50 123 4567"}, "phone", "INVALID_PHONE"),  # an unassigned Vietnamese range
        ({"postalCode": "1000"}, "postalCode", "INVALID_POSTAL_CODE"),
        ({"country": "TH"}, "country", "INVALID_ADDRESS"),
    ],
)
def test_bad_addresses_are_typed_errors_and_store_nothing(
    customer_api_client, customer_user, changes, field, code
):
    result = address_op(customer_api_client, "Create", input={**GOOD, **changes})["accountAddressCreate"]
    assert result == {"address": None, "errors": [{"field": field, "code": code}]}
    assert customer_user.addresses.count() == 0


def test_update_delete_and_default_touch_only_own_addresses(
    customer_api_client, customer_user, vendor_api_client
):
    created = address_op(customer_api_client, "Create", input=GOOD)["accountAddressCreate"]["address"]
    assert created["city"] == "Phường Hà Đông"
    updated = address_op(customer_api_client, "Update", id=created["id"], input={"city": "Vạn Phúc"})
    assert updated["accountAddressUpdate"]["errors"] == [{"field": "city", "code": "INVALID_ADDRESS"}]
    updated = address_op(customer_api_client, "Update", id=created["id"], input={"phone": "+84 24 3826 1234"})
    assert updated["accountAddressUpdate"] == {
        "address": {"city": "Phường Hà Đông", "phone": "+842438261234"},
        "errors": [],
    }
    other = address_op(vendor_api_client, "Update", id=created["id"], input={"phone": "0983000111"})
    assert other["accountAddressUpdate"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert address_op(vendor_api_client, "Delete", id=created["id"])["accountAddressDelete"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]
    default = address_op(customer_api_client, "Default", id=created["id"])["accountSetDefaultAddress"]
    assert default == {"user": {"defaultBillingAddress": {"id": created["id"]}}, "errors": []}
    deleted = address_op(customer_api_client, "Delete", id=created["id"])["accountAddressDelete"]
    assert deleted == {"user": {"addresses": []}, "errors": []}
    customer_user.refresh_from_db()
    assert customer_user.default_billing_address is None and customer_user.default_shipping_address is None
