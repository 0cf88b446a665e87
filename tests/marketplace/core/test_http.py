"""Plain HTTP endpoints: GraphiQL in a browser, health probes, and settings safety."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_graphiql_is_served_to_a_browser(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()


@pytest.mark.django_db
def test_health_live_and_ready(client):
    assert client.get("/health/live").json() == {"status": "ok"}
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "storage": "ok"},
        "replicas": {},  # none configured
    }


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.base"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DEBUG is off" in result.stderr


def _production_setup(**overrides: str) -> subprocess.CompletedProcess:
    """``django.setup()`` with the base settings, DEBUG off, a secret key, nothing else of the
    environment's database and broker, plus ``overrides``; prints the database engine and
    whether tasks run in-process."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "REDIS_URL", "CELERY", "DEBUG", "DJANGO_"))
    }
    env.update(
        {"DJANGO_SETTINGS_MODULE": "marketplace.settings.base", "DJANGO_SECRET_KEY": "s" * 50, **overrides}
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_production_settings_refuse_to_start_without_a_database_url():
    result = _production_setup(REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL must be set when DEBUG is off" in result.stderr
    assert "SQLite fallback is for the demo only" in result.stderr


def test_production_settings_refuse_to_start_without_a_broker():
    result = _production_setup(DATABASE_URL="postgres://postgres@127.0.0.1:5432/langnghe")
    assert result.returncode != 0
    assert "ImproperlyConfigured: A Celery broker must be set when DEBUG is off" in result.stderr


def test_production_settings_take_either_broker_or_in_process_tasks_on_purpose():
    database = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/langnghe"}
    for broker, expected in [
        ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "False redis://127.0.0.1:6379/0"),
        ({"CELERY_BROKER_URL": "amqp://guest@127.0.0.1//"}, "False amqp://guest@127.0.0.1//"),
        ({"CELERY_TASK_ALWAYS_EAGER": "true"}, "True memory://"),
    ]:
        result = _production_setup(**database, **broker)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["django.db.backends.postgresql", *expected.split()]


def test_the_production_settings_want_a_shared_cache():
    """Stateless API processes: the cache (throttling, read-your-writes pins) must be Redis."""
    database = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/langnghe"}
    production = {"DJANGO_SETTINGS_MODULE": "marketplace.settings.production"}
    refused = _production_setup(**production, **database, CELERY_BROKER_URL="amqp://guest@127.0.0.1//")
    assert refused.returncode != 0
    assert "marketplace.settings.production needs REDIS_URL" in refused.stderr
    accepted = _production_setup(**production, **database, REDIS_URL="redis://127.0.0.1:6379/0")
    assert accepted.returncode == 0, accepted.stderr


def test_demo_settings_default_to_sqlite_eager_celery_and_local_media():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "REDIS_URL", "CELERY", "USE_S3"))
    }
    env.update({"DJANGO_SETTINGS_MODULE": "marketplace.settings.base", "DEBUG": "1"})
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.STORAGES['default']['BACKEND'], s.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.files.storage.FileSystemStorage",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_a_sane_one_is_kept(client):
    made = client.get("/health/live")["X-Request-ID"]
    assert len(made) == 32 and made != client.get("/health/live")["X-Request-ID"]
    assert (
        client.get("/health/live", HTTP_X_REQUEST_ID="proxy-abc-12345")["X-Request-ID"] == "proxy-abc-12345"
    )
    assert client.get("/health/live", HTTP_X_REQUEST_ID="bad id\nx")["X-Request-ID"] != "bad id\nx"


def test_json_logs_carry_the_request_id():
    import json
    import logging

    from marketplace.core.log_format import JsonFormatter
    from marketplace.core.request_id import RequestIdFilter, _current

    token = _current.set("req-0001")
    try:
        record = logging.LogRecord("storefront_api", logging.ERROR, __file__, 1, "boom %s", ("x",), None)
        RequestIdFilter().filter(record)
        entry = json.loads(JsonFormatter().format(record))
    finally:
        _current.reset(token)
    assert entry["request_id"] == "req-0001" and entry["message"] == "boom x" and entry["level"] == "ERROR"


def test_production_settings_pass_check_deploy():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "DJANGO_", "SECURE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "marketplace.settings.base",
            "DEBUG": "false",
            "DJANGO_SECRET_KEY": "k" * 20 + "-production-like-secret-" + "z" * 30,
            "ALLOWED_HOSTS": "api.langnghe.vn",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/langnghe",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
