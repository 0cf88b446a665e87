"""Account e-mails (confirmation, "you already have an account", password reset) are limited
per address: ACCOUNT_EMAILS_PER_ADDRESS of each kind per window, counted in Redis. Beyond
that nothing is sent, silently — the answer stays the same, so it tells nobody whether the
address has an account (the no-enumeration rule)."""

import pytest
from django.core import mail

from marketplace.accounts.models import User
from tests.conftest import ApiClient, data

pytestmark = pytest.mark.django_db

REGISTER = """mutation ($email: String!) { accountRegister(input: {email: $email, password: "lang-nghe-2026!"}) {
  user { email } requiresConfirmation errors { field code message } } }"""
RESET = """mutation ($email: String!) { requestPasswordReset(email: $email, redirectUrl: "http://localhost:3000/reset-password") { errors { field code message } } }"""


def test_registrations_of_one_address_send_at_most_the_limit(settings, caplog):
    settings.ACCOUNT_EMAILS_PER_ADDRESS = 3
    answers = [
        data(ApiClient().graphql(REGISTER, {"email": "lan@example.vn"}))["accountRegister"] for _ in range(6)
    ]
    assert answers == [{"user": None, "requiresConfirmation": True, "errors": []}] * 6
    assert User.objects.filter(email="lan@example.vn").count() == 1
    assert [m.to for m in mail.outbox] == [
        ["lan@example.vn"]
    ] * 3  # the confirmation, then 2 "you have an account"
    assert "Xác nhận" in mail.outbox[0].subject
    suppressed = [r.getMessage() for r in caplog.records if r.name == "marketplace.accounts.services"]
    assert len(suppressed) == 3 and all(
        "not sent" in line and "lan@example.vn" not in line for line in suppressed
    )
    # Another address is not affected.
    data(ApiClient().graphql(REGISTER, {"email": "hoa@example.vn"}))
    assert mail.outbox[-1].to == ["hoa@example.vn"]


def test_password_resets_of_one_address_send_at_most_the_limit(settings, customer_user):
    settings.ACCOUNT_EMAILS_PER_ADDRESS = 2
    for _ in range(5):
        assert data(ApiClient().graphql(RESET, {"email": customer_user.email}))["requestPasswordReset"] == {
            "errors": []
        }
    assert [m.to for m in mail.outbox] == [[customer_user.email]] * 2
    # The same answer for an unknown address, which never gets an e-mail.
    for _ in range(5):
        assert data(ApiClient().graphql(RESET, {"email": "nobody@example.vn"}))["requestPasswordReset"] == {
            "errors": []
        }
    assert len(mail.outbox) == 2
