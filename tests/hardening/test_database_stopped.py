"""PostgreSQL really stops under a running API, and starts again.

A throwaway cluster (its own directory and port) is migrated and served by gunicorn, as in
production, with persistent connections (``DATABASE_CONN_MAX_AGE``) so that the first
request after the stop meets a dead connection and the next ones a refused connect. Both
must be answered with 503 ``SERVICE_UNAVAILABLE`` quickly, never a 500, and the same
server process must answer 200 again once PostgreSQL is back."""

import time

from tests.hardening.processes import (
    PostgresCluster,
    free_port,
    get,
    manage,
    post_graphql,
    project_env,
    retry_after,
    start_gunicorn,
    start_redis,
    stop_process,
)

PRODUCTS = '{ products(channel: "default-channel", first: 1) { totalCount } }'
CHANNEL = '{ channel(slug: "default-channel") { slug currencyCode } }'
SIGN_IN = 'mutation { tokenCreate(email: "nobody@example.vn", password: "x") { errors { code } } }'


def assert_unavailable(status: int, content: dict, elapsed: float) -> None:
    assert status == 503, content
    assert content["errors"][0]["extensions"]["exception"]["code"] == "SERVICE_UNAVAILABLE"
    assert elapsed < 5, f"took {elapsed:.1f} s"


def test_postgresql_stopped_then_back(tmp_path):
    cluster = PostgresCluster()
    redis_port = free_port()
    redis = start_redis(redis_port)  # the server's own cache: sign-in throttling starts afresh
    server = None
    try:
        cluster.init()
        cluster.start()
        cluster.create_database("langnghe")
        env = project_env(
            DATABASE_URL=cluster.url("langnghe"),
            DATABASE_CONN_MAX_AGE="600",
            REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        )
        manage("migrate", "--noinput", env=env)
        port = free_port()
        log = tmp_path / "gunicorn.log"
        server = start_gunicorn(port=port, env=env, log=log)

        status, before, _ = post_graphql(port, CHANNEL)
        assert status == 200, before
        assert before["data"] == {"channel": {"slug": "default-channel", "currencyCode": "VND"}}
        assert post_graphql(port, PRODUCTS)[0] == 200

        cluster.stop(mode="immediate")
        assert not cluster.is_running()
        started = time.monotonic()
        assert_unavailable(*post_graphql(port, CHANNEL))  # the persistent connection is dead
        assert_unavailable(*post_graphql(port, PRODUCTS))  # a new connection is refused
        assert_unavailable(*post_graphql(port, SIGN_IN))
        status, ready, _ = get(port, "/health/ready")
        assert status == 503
        assert ready["checks"]["database"] != "ok"
        assert retry_after(port, query=CHANNEL) == "5"  # every 503 says when to come back
        assert retry_after(port, query=SIGN_IN) == "5"
        assert retry_after(port, path="/health/ready") == "5"
        assert time.monotonic() - started < 10

        cluster.start()
        status, after, _ = post_graphql(port, CHANNEL)
        assert status == 200, after
        assert after == before
        assert post_graphql(port, SIGN_IN)[1]["data"]["tokenCreate"]["errors"] == [
            {"code": "INVALID_CREDENTIALS"}
        ]
        assert get(port, "/health/ready")[0] == 200
        assert server.poll() is None
        assert log.read_text().count("Booting worker") == 1  # the same worker process throughout
    finally:
        if server is not None:
            stop_process(server)
        cluster.destroy()
        stop_process(redis)
