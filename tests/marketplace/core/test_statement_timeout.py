"""Every request is bounded on the database side: PostgreSQL cancels a statement running
longer than DATABASE_STATEMENT_TIMEOUT_MS, and the API answers 503 STATEMENT_TIMEOUT with a
Retry-After (never a 500, never a half-written state). Real PostgreSQL, real waits."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection, connections

from marketplace.checkout.models import Checkout
from tests.conftest import ApiClient, error_codes
from tests.factories import listed_product

ROOT = Path(__file__).resolve().parents[3]


def show_statement_timeout(wrapper) -> str:
    with wrapper.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_every_connection_opens_with_the_timeout():
    """The libpq option of the settings, on a connection opened as a request would open it."""
    assert settings.DATABASE_STATEMENT_TIMEOUT_MS == 10_000
    fresh = connections.create_connection("default")
    try:
        assert show_statement_timeout(fresh) == "10s"
    finally:
        fresh.close()


@pytest.mark.django_db
def test_management_commands_run_without_it():
    """Migrations and imports may run long statements: manage.py turns the timeout off
    (runserver, which serves requests, keeps it)."""
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"  # the test database
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SHOW statement_timeout'); print(c.fetchone()[0])\n"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": url,
        "DATABASE_STATEMENT_TIMEOUT_MS": "1234",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0"


@pytest.fixture
def short_timeout():
    """What DATABASE_STATEMENT_TIMEOUT_MS=300 does to a connection, on the test's own one."""
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 300")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET statement_timeout")


def assert_timed_out(response) -> None:
    assert response.status_code == 503, response.content
    assert error_codes(response.json()) == ["STATEMENT_TIMEOUT"]
    assert response["Retry-After"] == "5"


@pytest.mark.django_db(transaction=True)
def test_a_slow_statement_is_cancelled_and_answered_cleanly(seeded_channels, short_timeout, monkeypatch):
    from storefront_api.schema import schema

    def slow(root, info):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(30)")
        return "never"

    monkeypatch.setattr(schema.graphql_schema.type_map["Shop"].fields["name"], "resolve", slow)
    assert_timed_out(ApiClient().post_graphql("{ shop { name } }"))
    monkeypatch.undo()
    back = ApiClient().post_graphql("{ shop { name } }")  # the same connection serves the next request
    assert back.status_code == 200 and back.json()["data"]["shop"]["name"] == settings.SHOP_NAME


@pytest.fixture
def other_session():
    """Another client of the database, holding locks in an open transaction."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    session = psycopg.connect(**params)
    yield session
    session.rollback()
    session.close()


@pytest.mark.django_db(transaction=True)
def test_a_request_waiting_on_a_lock_is_cancelled_and_rolled_back(
    seeded_channels, short_timeout, other_session
):
    """A mutation stuck behind another transaction's lock: its statement is cancelled, its
    service's transaction rolls back, nothing is left half-written."""
    product = listed_product(stock=5)
    variant = product.variants.get()
    from graphql_relay import to_global_id

    create = (
        'mutation ($v: ID!) { checkoutCreate(input: {channel: "default-channel", email: "lan@example.vn",'
        " lines: [{variantId: $v, quantity: 1}]}) { checkout { id } errors { code } } }"
    )
    variables = {"v": to_global_id("ProductVariant", str(variant.pk))}
    other_session.execute("LOCK TABLE checkout_checkoutline IN ACCESS EXCLUSIVE MODE")

    assert_timed_out(ApiClient().post_graphql(create, variables))
    assert not Checkout.objects.exists()  # the checkout row inserted before the wait is gone

    other_session.rollback()  # the lock is released: the same request now works
    response = ApiClient().post_graphql(create, variables)
    assert response.status_code == 200
    assert response.json()["data"]["checkoutCreate"]["errors"] == []
    assert Checkout.objects.count() == 1
