"""Signing in to the back office: the accounts service with tokenCreate's throttling, a
session cookie for /studio/ only that never authenticates /graphql/, sign-out, languages."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from marketplace.accounts.models import User
from tests.backoffice.conftest import PASSWORD, signed_in
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db

SIGN_IN = "/studio/sign-in/"
TOKEN_CREATE = (
    "mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) { token errors { code } } }"
)


def sign_in(client: Client, email: str, password: str, **extra):
    return client.post(SIGN_IN, {"email": email, "password": password}, **extra)


def test_an_owner_signs_in_with_the_account_password_and_lands_in_the_seller_centre(owner):
    client = Client()
    response = sign_in(client, owner.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:home")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["path"] == "/studio/" and cookie["httponly"] and cookie["samesite"] == "Lax"
    home = client.get(reverse("backoffice:home"))
    assert home.status_code == 302 and home["Location"] == reverse("backoffice:seller-home")
    page = client.get(reverse("backoffice:seller-home"))
    assert page.status_code == 200
    assert '<html lang="vi">' in page.content.decode()
    assert "Hôm nay" in page.content.decode()  # Vietnamese by default


def test_a_wrong_password_is_refused_in_vietnamese_and_nothing_is_signed_in(owner):
    client = Client()
    response = sign_in(client, owner.email, "not-the-password")
    assert response.status_code == 200
    assert "Email hoặc mật khẩu không đúng." in response.content.decode()
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert client.get(reverse("backoffice:seller-home")).status_code == 302


def test_sign_in_shares_the_throttle_of_token_create(owner, settings):
    """Failures through the API count for the back office too (one service, one counter)."""
    settings.LOGIN_FAILURES_ALLOWED = 3
    api = ApiClient()
    for _ in range(3):
        body = api.graphql(TOKEN_CREATE, {"e": owner.email, "p": "wrong"})
        assert body["data"]["tokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    client = Client()
    response = sign_in(client, owner.email, PASSWORD)  # the right password, but the account must wait
    assert response.status_code == 200
    assert "Thử quá nhiều lần" in response.content.decode()
    assert client.get(reverse("backoffice:seller-home")).status_code == 302


def test_the_next_parameter_stays_inside_the_back_office(owner):
    client = Client()
    inside = client.post(
        f"{SIGN_IN}?next=/studio/seller/orders/", {"email": owner.email, "password": PASSWORD}
    )
    assert inside["Location"] == "/studio/seller/orders/"
    client = Client()
    outside = client.post(
        f"{SIGN_IN}?next=https://evil.example/", {"email": owner.email, "password": PASSWORD}
    )
    assert outside["Location"] == reverse("backoffice:home")


def test_a_back_office_session_never_authenticates_graphql(owner):
    client = Client()
    sign_in(client, owner.email, PASSWORD)
    assert settings.SESSION_COOKIE_NAME in client.cookies  # sent with the next requests
    response = client.post("/graphql/", data='{"query": "{ me { email } }"}', content_type="application/json")
    assert response.status_code == 200
    assert response.json()["data"]["me"] is None
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # and the API never touches it


def test_sign_out_ends_the_session(owner):
    client = signed_in(owner)
    assert client.get(reverse("backoffice:seller-home")).status_code == 200
    response = client.post(reverse("backoffice:sign-out"))
    assert response.status_code == 302
    assert client.get(reverse("backoffice:seller-home")).status_code == 302


def test_sign_out_needs_a_post_with_the_csrf_token(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("backoffice:sign-out")).status_code == 405
    assert client.post(reverse("backoffice:sign-out")).status_code == 403
    assert client.get(reverse("backoffice:seller-home")).status_code == 200


def test_an_english_speaking_member_reads_english_and_switches_to_vietnamese(owner):
    User.objects.filter(pk=owner.pk).update(language_code="en")
    owner.refresh_from_db()
    client = signed_in(owner)
    page = client.get(reverse("backoffice:seller-home")).content.decode()
    assert '<html lang="en">' in page and "Today" in page
    response = client.post(reverse("backoffice:language"), {"language": "vi", "next": "/studio/seller/"})
    assert response["Location"] == "/studio/seller/"
    owner.refresh_from_db()
    assert owner.language_code == "vi"  # kept on the account, through the accounts service
    assert "Hôm nay" in client.get("/studio/seller/").content.decode()


def test_a_visitor_switches_the_sign_in_page_to_english():
    client = Client()
    response = client.post(reverse("backoffice:language"), {"language": "en", "next": SIGN_IN})
    assert response.cookies["studio_language"]["path"] == "/studio/"
    assert "Sign in to the back office" in client.get(SIGN_IN).content.decode()
