"""Token issuers: the API's public URL, as Saleor issues it, so Saleor's auth SDK sends the
token back; old issuers keep working during a rotation; foreign issuers are refused."""

import base64
import json
import re
from datetime import timedelta

import jwt
import pytest
from django.core import mail
from django.utils import timezone

from marketplace.accounts.tokens import create_access_token
from tests.conftest import ApiClient, data

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"  # UserFactory's
SIGN_IN = """
mutation ($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token refreshToken errors { field code message } }
}
"""
REFRESH = """
mutation ($refreshToken: String) {
  tokenRefresh(refreshToken: $refreshToken) { token errors { field code message } }
}
"""
VERIFY = """
mutation ($token: String!) { tokenVerify(token: $token) { isValid payload errors { field code } } }
"""
ME = "{ me { email } }"


def sdk_token_issuer(token: str) -> str:
    """What @saleor/auth-sdk 1.0.3 reads (src/utils.ts ``getTokenIss``): the second part of
    the token, read with Node's ``Buffer.from(part, "base64")`` (which takes the URL-safe
    alphabet and missing padding too), then ``JSON.parse(...).iss``."""
    part = token.split(".")[1]
    standard = part.replace("-", "+").replace("_", "/")
    return json.loads(base64.b64decode(standard + "=" * (-len(standard) % 4)).decode())["iss"]


def sdk_sends_token(token: str, request_url: str) -> bool:
    """``runAuthorizedRequest``: the Authorization header is added only when the request URL
    is exactly (===) the token's iss."""
    return request_url == sdk_token_issuer(token)


def sign_in(user, **extra):
    response = ApiClient().post_graphql(SIGN_IN, {"email": user.email, "password": PASSWORD}, **extra)
    assert response.status_code == 200, response.content
    result = data(response.json())["tokenCreate"]
    assert result["errors"] == []
    return result


def issuer(token: str) -> str:
    return jwt.decode(token, options={"verify_signature": False})["iss"]


def forged(user, key, iss, **changes):
    now = timezone.now()
    payload = {
        "iss": iss,
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "type": "access",
        "user_id": user.pk,
        "email": user.email,
        "token": user.jwt_token_key,
        **changes,
    }
    return jwt.encode(payload, key, algorithm="HS256")


def me(token, **extra):
    return ApiClient(token=token).post_graphql(ME, **extra)


def test_tokens_carry_the_api_url_of_the_request_and_the_sdk_sends_them_back(customer_user, settings):
    assert settings.API_PUBLIC_URL == ""
    result = sign_in(customer_user)
    assert issuer(result["token"]) == issuer(result["refreshToken"]) == "http://testserver/graphql/"
    # The storefront configured with this API URL sends the token; with another it does not.
    assert sdk_sends_token(result["token"], "http://testserver/graphql/")
    assert not sdk_sends_token(result["token"], "http://testserver/graphql")
    assert not sdk_sends_token(result["token"], "https://testserver/graphql/")

    other_host = sign_in(customer_user, HTTP_HOST="127.0.0.1:8000")
    assert issuer(other_host["token"]) == "http://127.0.0.1:8000/graphql/"
    assert sdk_sends_token(other_host["token"], "http://127.0.0.1:8000/graphql/")
    # Behind a TLS-terminating proxy (X-Forwarded-Proto, trusted when DEBUG is off).
    behind_proxy = sign_in(customer_user, HTTP_HOST="testserver", HTTP_X_FORWARDED_PROTO="https")
    assert issuer(behind_proxy["token"]) == "https://testserver/graphql/"


def test_the_fixed_issuer_of_earlier_versions_fails_the_sdk_check(customer_user, settings):
    """Why this matters: a token named "langnghe-market" is never sent by the SDK."""
    old = forged(customer_user, settings.JWT_SIGNING_KEYS[0], "langnghe-market")
    assert sdk_token_issuer(old) == "langnghe-market"
    assert not sdk_sends_token(old, "http://testserver/graphql/")


def test_api_public_url_setting_fixes_the_issuer(customer_user, settings):
    settings.API_PUBLIC_URL = "https://api.example.vn/graphql/"
    result = sign_in(customer_user, HTTP_HOST="127.0.0.1:8000")
    assert issuer(result["token"]) == issuer(result["refreshToken"]) == "https://api.example.vn/graphql/"
    assert sdk_sends_token(result["token"], "https://api.example.vn/graphql/")
    # Whatever host the proxy passes on, the token is accepted.
    for host in ("127.0.0.1:8000", "testserver"):
        response = me(result["token"], HTTP_HOST=host)
        assert response.status_code == 200 and data(response.json())["me"] == {"email": customer_user.email}
    refreshed = data(ApiClient().graphql(REFRESH, {"refreshToken": result["refreshToken"]}))["tokenRefresh"]
    assert refreshed["errors"] == [] and issuer(refreshed["token"]) == "https://api.example.vn/graphql/"


def test_refresh_and_set_password_issue_the_request_url(customer_user):
    refresh_token = sign_in(customer_user)["refreshToken"]
    response = ApiClient().post_graphql(REFRESH, {"refreshToken": refresh_token}, HTTP_HOST="localhost")
    refreshed = data(response.json())["tokenRefresh"]
    assert refreshed["errors"] == [] and issuer(refreshed["token"]) == "http://localhost/graphql/"

    reset = """mutation ($email: String!) {
      requestPasswordReset(email: $email, redirectUrl: "http://localhost:3000/reset") { errors { code } } }"""
    assert (
        data(ApiClient().graphql(reset, {"email": customer_user.email}))["requestPasswordReset"]["errors"]
        == []
    )
    token = re.search(r"token=([\w-]+)", mail.outbox[-1].body).group(1)
    set_password = """mutation ($email: String!, $token: String!) {
      setPassword(email: $email, token: $token, password: "lang-nghe-2026!") { token refreshToken errors { code } } }"""
    response = ApiClient().post_graphql(
        set_password, {"email": customer_user.email, "token": token}, HTTP_HOST="127.0.0.1:8000"
    )
    result = data(response.json())["setPassword"]
    assert result["errors"] == []
    assert issuer(result["token"]) == issuer(result["refreshToken"]) == "http://127.0.0.1:8000/graphql/"


def test_outside_a_request_tokens_use_public_url(customer_user, settings):
    settings.PUBLIC_URL = "https://api.example.vn/"
    assert issuer(create_access_token(customer_user)) == "https://api.example.vn/graphql/"
    settings.API_PUBLIC_URL = "https://gateway.example.vn/shop/graphql/"
    assert issuer(create_access_token(customer_user)) == "https://gateway.example.vn/shop/graphql/"


def test_old_issuers_keep_working_during_a_rotation(customer_user, settings):
    key = settings.JWT_SIGNING_KEYS[0]
    legacy = forged(customer_user, key, "langnghe-market")
    assert data(me(legacy).json())["me"] == {"email": customer_user.email}
    verified = data(ApiClient().graphql(VERIFY, {"token": legacy}))["tokenVerify"]
    assert verified["isValid"] is True and verified["payload"]["iss"] == "langnghe-market"

    # The API moved: tokens of the old URL stay valid while it is listed.
    settings.API_PUBLIC_URL = "https://api.example.vn/graphql/"
    moved = forged(customer_user, key, "https://old-api.example.vn/graphql/")
    assert me(moved).status_code == 401
    settings.JWT_ACCEPTED_ISSUERS = ["langnghe-market", "https://old-api.example.vn/graphql/"]
    assert data(me(moved).json())["me"] == {"email": customer_user.email}
    # The request's own URL is accepted too, besides the configured one.
    assert data(me(forged(customer_user, key, "https://api.example.vn/graphql/")).json())["me"]

    # Once the old tokens have expired, the operator drops the old issuers.
    settings.JWT_ACCEPTED_ISSUERS = []
    for token in (legacy, moved):
        response = me(token)
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "JWT_INVALID_TOKEN"


@pytest.mark.parametrize(
    "foreign",
    [
        "https://evil.example/graphql/",
        "http://testserver.evil.example/graphql/",
        "http://testserver/graphql/../admin/",
        "saleor",
        "",
    ],
)
def test_a_token_of_a_foreign_issuer_is_refused(customer_user, settings, foreign):
    """Signed with our key (e.g. another deployment sharing it), but not issued by this API."""
    token = forged(customer_user, settings.JWT_SIGNING_KEYS[0], foreign)
    response = me(token)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "JWT_INVALID_TOKEN"
    verified = data(ApiClient().graphql(VERIFY, {"token": token}))["tokenVerify"]
    assert verified == {
        "isValid": False,
        "payload": None,
        "errors": [{"field": "token", "code": "JWT_INVALID_TOKEN"}],
    }


def test_a_token_without_an_issuer_is_refused(customer_user, settings):
    now = timezone.now()
    payload = {
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "type": "access",
        "user_id": customer_user.pk,
        "token": customer_user.jwt_token_key,
    }
    token = jwt.encode(payload, settings.JWT_SIGNING_KEYS[0], algorithm="HS256")
    response = me(token)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "JWT_DECODE_ERROR"


def test_a_host_not_allowed_gets_no_token(customer_user):
    """The issuer comes from the Host header only for hosts in ALLOWED_HOSTS."""
    response = ApiClient().post_graphql(
        SIGN_IN, {"email": customer_user.email, "password": PASSWORD}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 400
    assert b"token" not in response.content
