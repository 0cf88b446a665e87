"""Sign-in throttling per IP and per account, in Redis; the delay grows with failures."""

import pytest
from django.core.cache import cache

from tests.conftest import ApiClient, data

pytestmark = pytest.mark.django_db

SIGN_IN = """mutation ($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { field code message } } }"""


@pytest.fixture(autouse=True)
def clean_cache(settings):
    settings.LOGIN_FAILURES_ALLOWED = 3
    cache.clear()
    yield
    cache.clear()


def attempt(email, password, ip="10.0.0.1"):
    response = ApiClient().post_graphql(SIGN_IN, {"email": email, "password": password}, REMOTE_ADDR=ip)
    result = data(response.json())["tokenCreate"]
    return result["errors"][0]["code"] if result["errors"] else "OK"


def test_failures_beyond_the_allowance_delay_further_attempts_even_with_the_right_password(customer_user):
    assert [attempt(customer_user.email, "wrong") for _ in range(3)] == ["INVALID_CREDENTIALS"] * 3
    assert attempt(customer_user.email, "secret-pass-123") == "LOGIN_ATTEMPT_DELAYED"


def test_the_account_is_protected_across_ip_addresses(customer_user):
    for index in range(3):
        attempt(customer_user.email, "wrong", ip=f"10.0.1.{index}")
    assert attempt(customer_user.email, "secret-pass-123", ip="10.9.9.9") == "LOGIN_ATTEMPT_DELAYED"


def test_one_ip_trying_many_accounts_is_delayed(customer_user):
    for index in range(3):
        attempt(f"guess{index}@example.vn", "wrong", ip="10.0.2.1")
    assert attempt(customer_user.email, "secret-pass-123", ip="10.0.2.1") == "LOGIN_ATTEMPT_DELAYED"
    assert attempt(customer_user.email, "secret-pass-123", ip="10.0.2.2") == "OK"


def test_the_delay_grows_and_expires(customer_user, monkeypatch):
    import marketplace.accounts.throttling as throttling

    clock = [1_000_000.0]
    monkeypatch.setattr(throttling.time, "time", lambda: clock[0])
    for _ in range(3):
        attempt(customer_user.email, "wrong")
    assert throttling.seconds_to_wait(ip="10.0.0.1", email=customer_user.email) == 2
    clock[0] += 1
    assert attempt(customer_user.email, "wrong") == "LOGIN_ATTEMPT_DELAYED"  # not counted: refused early
    clock[0] += 1
    assert attempt(customer_user.email, "wrong") == "INVALID_CREDENTIALS"  # the 4th failure
    assert throttling.seconds_to_wait(ip="10.0.0.1", email=customer_user.email) == 4
    clock[0] += 4
    assert attempt(customer_user.email, "secret-pass-123") == "OK"
    assert throttling.seconds_to_wait(ip="10.0.0.2", email=customer_user.email) == 0  # account cleared


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_get_exactly_the_allowed_checks(settings, monkeypatch):
    """40 threads, each its own HTTP request and PostgreSQL connection, against the real
    Redis: exactly LOGIN_FAILURES_ALLOWED passwords are checked, the rest wait."""
    import threading

    from django.contrib.auth.hashers import MD5PasswordHasher

    from tests.factories import UserFactory
    from tests.marketplace.checkout.test_races import race

    settings.LOGIN_FAILURES_ALLOWED = 5
    user = UserFactory(email="song-song@example.vn")
    checks, lock = [0], threading.Lock()
    verify = MD5PasswordHasher.verify

    def counting_verify(self, password, encoded):
        with lock:
            checks[0] += 1
        return verify(self, password, encoded)

    monkeypatch.setattr(MD5PasswordHasher, "verify", counting_verify)
    results = race(lambda i: attempt(user.email, f"wrong-{i}", ip="10.4.0.1"), 40)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert checks[0] == 5
    assert sorted(set(results)) == ["INVALID_CREDENTIALS", "LOGIN_ATTEMPT_DELAYED"]
    assert results.count("INVALID_CREDENTIALS") == 5
    assert results.count("LOGIN_ATTEMPT_DELAYED") == 35
    # Once the 2-second delay has passed, ten more in parallel: one is checked.
    import marketplace.accounts.throttling as throttling

    later = throttling.time.time() + 3
    monkeypatch.setattr(throttling.time, "time", lambda: later)
    results = race(lambda i: attempt(user.email, f"again-{i}", ip="10.4.0.1"), 10)
    assert checks[0] == 6
    assert results.count("INVALID_CREDENTIALS") == 1 and results.count("LOGIN_ATTEMPT_DELAYED") == 9
    assert throttling.seconds_to_wait(ip="10.4.0.1", email=user.email) == 4
