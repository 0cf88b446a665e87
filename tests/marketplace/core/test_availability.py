"""When a backing service stops, the API answers 503 quickly and recovers by itself.
Redis is really stopped and started (a private redis-server the test runs)."""

import shutil
import socket
import subprocess
import time

import pytest
from django.db import OperationalError

from tests.conftest import ApiClient

SIGN_IN = 'mutation { tokenCreate(email: "nobody@example.vn", password: "x") { errors { code } } }'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port: int) -> subprocess.Popen:
    assert shutil.which("redis-server"), "redis-server is needed for this test"
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("redis-server did not start")


@pytest.mark.django_db
def test_redis_stopped_then_back(settings):
    port = free_port()
    redis = start_redis(port)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    try:
        client = ApiClient()
        assert client.post_graphql(SIGN_IN).json()["data"]["tokenCreate"]["errors"] == [
            {"code": "INVALID_CREDENTIALS"}
        ]
        redis.terminate()
        redis.wait(timeout=10)
        started = time.monotonic()
        down = client.post_graphql(SIGN_IN)
        assert down.status_code == 503
        assert down.json()["errors"][0]["extensions"]["exception"]["code"] == "SERVICE_UNAVAILABLE"
        assert down["Retry-After"] == "5"
        assert time.monotonic() - started < 5  # quickly, not after a long hang
        ready = client.get("/health/ready")
        assert ready.status_code == 503 and ready.json()["checks"]["cache"] == "unavailable"
        assert ready["Retry-After"] == "5"
        redis = start_redis(port)
        back = client.post_graphql(SIGN_IN)
        assert back.status_code == 200
        assert back.json()["data"]["tokenCreate"]["errors"] == [{"code": "INVALID_CREDENTIALS"}]
    finally:
        redis.kill()


@pytest.mark.django_db
def test_a_database_failure_is_503_not_500(monkeypatch):
    """The database is not stopped here (the suite runs on it): its driver error is raised
    where the first query of the request would run."""
    from marketplace.channels import selectors

    def broken(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr(selectors, "rows_in", broken)  # the channel, the request's first query
    response = ApiClient().post_graphql("{ products(first: 1) { totalCount } }")
    assert response.status_code == 503
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "SERVICE_UNAVAILABLE"
    assert response["Retry-After"] == "5"
