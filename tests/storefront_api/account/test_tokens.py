"""Tokens: expiry, tampering, other keys, wrong type, revocation, rotation; the header."""

from datetime import timedelta

import jwt
import pytest
from django.utils import timezone

from marketplace.accounts import services
from marketplace.accounts.tokens import create_access_token, create_refresh_token
from tests.conftest import ApiClient, contract_document, data, run_operation

pytestmark = pytest.mark.django_db

ME = "{ me { email } }"
DEACTIVATE = "mutation { tokenDeactivateAll { errors { field code message } } }"
PASSWORD_CHANGE = """
mutation ($old: String!, $new: String!) {
  passwordChange(oldPassword: $old, newPassword: $new) { errors { field code message } }
}
"""


def verify(client, token):
    return data(run_operation(client, contract_document("account"), "TokenVerify", {"token": token}))[
        "tokenVerify"
    ]


def refresh(client, token):
    return data(run_operation(client, contract_document("account"), "TokenRefresh", {"refreshToken": token}))[
        "tokenRefresh"
    ]


def codes(result):
    return [(e["field"], e["code"]) for e in result["errors"]]


def header_error(token):
    response = ApiClient(token=token).post_graphql(ME)
    return response.status_code, response.json()["errors"][0]["extensions"]["exception"]["code"]


def forged(user, key, **changes):
    now = timezone.now()
    payload = {
        "iss": "langnghe-market",
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "type": "access",
        "user_id": user.pk,
        "email": user.email,
        "token": user.jwt_token_key,
        **changes,
    }
    return jwt.encode(payload, key, algorithm="HS256")


def test_expired_token(api_client, customer_user, settings):
    token = forged(customer_user, settings.JWT_SIGNING_KEYS[0], exp=timezone.now() - timedelta(seconds=1))
    result = verify(api_client, token)
    assert result["isValid"] is False and codes(result) == [("token", "JWT_SIGNATURE_EXPIRED")]
    assert header_error(token) == (401, "JWT_SIGNATURE_EXPIRED")


def test_token_signed_with_another_key_or_tampered(api_client, customer_user):
    other = forged(customer_user, "someone-elses-key-that-is-long-enough-for-hs256")
    assert codes(verify(api_client, other)) == [("token", "JWT_INVALID_TOKEN")]
    assert header_error(other) == (401, "JWT_INVALID_TOKEN")
    good = create_access_token(customer_user)
    head, body, signature = good.split(".")
    tampered = f"{head}.{body[:-2]}xx.{signature}"
    assert codes(verify(api_client, tampered))[0][1] in ("JWT_INVALID_TOKEN", "JWT_DECODE_ERROR")
    assert codes(verify(api_client, "not.a.jwt")) == [("token", "JWT_DECODE_ERROR")]


def test_refresh_token_is_not_an_access_token_and_vice_versa(api_client, customer_user):
    refresh_token = create_refresh_token(customer_user)
    assert codes(verify(api_client, refresh_token)) == [("token", "JWT_INVALID_TOKEN")]
    assert header_error(refresh_token) == (401, "JWT_INVALID_TOKEN")
    assert codes(refresh(api_client, create_access_token(customer_user))) == [
        ("refreshToken", "JWT_INVALID_TOKEN")
    ]


def test_a_deactivated_users_old_token_stops_working(api_client, customer_user):
    token = create_access_token(customer_user)
    customer_user.is_active = False
    customer_user.save()
    assert codes(verify(api_client, token)) == [("token", "INACTIVE")]
    assert header_error(token) == (401, "INACTIVE")


def test_token_deactivate_all_revokes_every_earlier_token(customer_user):
    access, refresh_token = create_access_token(customer_user), create_refresh_token(customer_user)
    client = ApiClient(token=access)
    assert data(client.graphql(ME))["me"] == {"email": customer_user.email}
    assert data(client.graphql(DEACTIVATE))["tokenDeactivateAll"] == {"errors": []}
    assert header_error(access) == (401, "JWT_INVALID_TOKEN")
    assert codes(refresh(ApiClient(), refresh_token)) == [("refreshToken", "JWT_INVALID_TOKEN")]
    customer_user.refresh_from_db()
    assert data(ApiClient(token=create_access_token(customer_user)).graphql(ME))["me"] is not None


def test_password_change_revokes_tokens_and_checks_the_old_password(customer_user):
    client = ApiClient(token=create_access_token(customer_user))
    wrong = data(client.graphql(PASSWORD_CHANGE, {"old": "nope", "new": "lang-nghe-2026!"}))["passwordChange"]
    assert codes(wrong) == [("oldPassword", "INVALID_CREDENTIALS")]
    weak = data(client.graphql(PASSWORD_CHANGE, {"old": "secret-pass-123", "new": "123"}))["passwordChange"]
    assert codes(weak) == [("newPassword", "PASSWORD_TOO_SHORT")]
    ok = data(client.graphql(PASSWORD_CHANGE, {"old": "secret-pass-123", "new": "lang-nghe-2026!"}))
    assert ok["passwordChange"] == {"errors": []}
    assert header_error(client.token) == (401, "JWT_INVALID_TOKEN")


def test_signing_keys_rotate(customer_user, settings):
    settings.JWT_SIGNING_KEYS = ["old-signing-key-0123456789-abcdefghijklmnop"]
    old = create_access_token(customer_user)
    settings.JWT_SIGNING_KEYS = [
        "new-signing-key-0123456789-abcdefghijklmnop",
        "old-signing-key-0123456789-abcdefghijklmnop",
    ]
    new = create_access_token(customer_user)
    assert jwt.decode(
        new,
        "new-signing-key-0123456789-abcdefghijklmnop",
        algorithms=["HS256"],
        options={"verify_iss": False},
    )["email"]
    assert data(ApiClient(token=old).graphql(ME))["me"] is not None
    settings.JWT_SIGNING_KEYS = ["new-signing-key-0123456789-abcdefghijklmnop"]
    assert header_error(old) == (401, "JWT_INVALID_TOKEN")
    assert data(ApiClient(token=new).graphql(ME))["me"] is not None


def test_malformed_authorization_header(db):
    response = ApiClient().post_graphql(ME, HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    assert response.status_code == 401
    response = ApiClient().post_graphql(ME, HTTP_AUTHORIZATION="Bearer unknown-app-token")
    assert response.status_code == 401


def test_sign_in_errors_do_not_tell_unknown_emails_from_wrong_passwords(api_client, customer_user):
    def sign_in(email, password):
        return data(
            run_operation(
                api_client,
                contract_document("account"),
                "TokenCreate",
                {"email": email, "password": password},
            )
        )["tokenCreate"]

    unknown, wrong = sign_in("ghost@example.vn", "whatever-123"), sign_in(customer_user.email, "whatever-123")
    assert (
        unknown["errors"]
        == wrong["errors"]
        == [{"field": "email", "code": "INVALID_CREDENTIALS", "message": "Please, enter valid credentials."}]
    )
    assert unknown["token"] is None and wrong["token"] is None


def test_password_reset_answers_the_same_and_revokes_tokens(api_client, customer_user):
    from django.core import mail

    request = """mutation ($email: String!) {
      requestPasswordReset(email: $email, redirectUrl: "http://localhost:3000/reset") { errors { field code } } }"""
    for email in ("ghost@example.vn", customer_user.email):
        assert data(api_client.graphql(request, {"email": email}))["requestPasswordReset"] == {"errors": []}
    assert [m.to for m in mail.outbox] == [[customer_user.email]]
    old = create_access_token(customer_user)
    token = mail.outbox[0].body.split("token=")[1].split()[0]
    set_password = """mutation ($email: String!, $token: String!, $password: String!) {
      setPassword(email: $email, token: $token, password: $password) { token errors { field code } } }"""
    bad = data(
        api_client.graphql(
            set_password, {"email": customer_user.email, "token": "x-y", "password": "lang-nghe-2026!"}
        )
    )
    assert codes(bad["setPassword"]) == [("token", "INVALID")]
    good = data(
        api_client.graphql(
            set_password, {"email": customer_user.email, "token": token, "password": "lang-nghe-2026!"}
        )
    )
    assert good["setPassword"]["errors"] == [] and good["setPassword"]["token"]
    assert header_error(old) == (401, "JWT_INVALID_TOKEN")
    assert (
        services.authenticate(email=customer_user.email, password="lang-nghe-2026!", ip="1.2.3.4").pk
        == customer_user.pk
    )


def test_token_refresh_without_a_token_is_a_typed_error(api_client):
    """Saleor's refreshToken argument is optional (it may come from a cookie there); we have
    no cookie, so a missing one is JWT_MISSING_TOKEN."""
    query = "mutation ($t: String) { tokenRefresh(refreshToken: $t) { token errors { field code } } }"
    for variables in ({}, {"t": None}, {"t": ""}):
        result = data(api_client.graphql(query, variables))["tokenRefresh"]
        assert result == {"token": None, "errors": [{"field": "refreshToken", "code": "JWT_MISSING_TOKEN"}]}
