"""Read replicas with real processes: a throwaway PostgreSQL primary, a streaming replica
made from it with ``pg_basebackup -R``, and the API served by gunicorn with
``DATABASE_REPLICA_URLS`` pointing at the replica.

- public catalogue reads are answered by the replica: its own statistics
  (``pg_stat_user_tables`` on the standby) count the scans, the primary's do not move;
- read-your-writes: with the replica's replay paused (so it is surely behind), an artisan
  who creates a product sees it at once (pinned to the primary), while another member of
  the shop, who wrote nothing, reads the replica and does not see it until replay resumes;
- a replica lagging beyond ``DATABASE_REPLICA_MAX_LAG_SECONDS`` is skipped;
- the replica stopped in the middle of a stream of reads: no request fails.
"""

import json
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from tests.hardening.processes import (
    ROOT,
    PostgresCluster,
    free_port,
    manage,
    project_env,
    start_gunicorn,
    start_redis,
    stop_process,
)
from tests.scale.http import graphql, send

PRODUCTS = '{ products(channel: "default-channel", first: 20) { totalCount edges { node { slug } } } }'
CREATE = """mutation ($input: ProductCreateInput!) { productCreate(input: $input) {
  product { id name } errors { field code message } } }"""
PRODUCT = "query ($id: ID!) { product(id: $id) { id name } }"


@pytest.fixture(scope="module")
def databases():
    primary = PostgresCluster()
    replica = None
    redis_port = free_port()
    redis = start_redis(redis_port)
    try:
        primary.init()
        primary.start()
        primary.create_database("langnghe")
        env = project_env(DATABASE_URL=primary.url("langnghe"), REDIS_URL=f"redis://127.0.0.1:{redis_port}/0")
        manage("migrate", "--noinput", env=env)
        seeded = subprocess.run(
            [sys.executable, "-m", "tests.scale.seed"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert seeded.returncode == 0, seeded.stderr
        replica = primary.replica()
        # One transaction replayed, so the replica knows how far behind it is from now on.
        primary.query("ANALYZE catalog_product", "langnghe")
        primary.query("CREATE TABLE replication_check (id int)", "langnghe")
        wait_for(
            lambda: (
                replica.query("SELECT to_regclass('replication_check') IS NOT NULL", "langnghe") == [(True,)]
            )
        )
        yield primary, replica, json.loads(seeded.stdout.strip().splitlines()[-1]), env
    finally:
        if replica is not None:
            replica.destroy()
        primary.destroy()
        stop_process(redis)


def api(databases, tmp_path_factory, name: str, **settings: str):
    primary, replica, _, env = databases
    port = free_port()
    server_env = {
        **env,
        "DATABASE_REPLICA_URLS": replica.url("langnghe"),
        "DATABASE_CONN_MAX_AGE": "0",  # each request's backend exits, flushing its statistics
        "DATABASE_REPLICA_CHECK_SECONDS": "0.3",
        **settings,
    }
    log = tmp_path_factory.mktemp(name) / "gunicorn.log"
    return port, start_gunicorn(port=port, env=server_env, log=log, workers=2), log


@pytest.fixture(scope="module")
def server(databases, tmp_path_factory):
    """Lag bound and pin of five minutes: only the pin decides who reads what."""
    port, process, _ = api(
        databases,
        tmp_path_factory,
        "api",
        DATABASE_REPLICA_MAX_LAG_SECONDS="300",
        DATABASE_PRIMARY_PIN_SECONDS="300",
    )
    yield f"http://127.0.0.1:{port}"
    stop_process(process)


def product_scans(cluster: PostgresCluster) -> int:
    [(scans,)] = cluster.query(
        "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables "
        "WHERE relname = 'catalog_product'",
        "langnghe",
    )
    return scans


def wait_for(predicate, timeout: float = 10, message: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)


def test_catalogue_reads_come_from_the_replica(databases, server):
    primary, replica, seeded, _ = databases
    on_primary, on_replica = product_scans(primary), product_scans(replica)
    for _ in range(10):
        status, body, _ = graphql(server, PRODUCTS)
        assert status == 200 and body["data"]["products"]["totalCount"] == len(seeded["slugs"]), body
    wait_for(lambda: product_scans(replica) >= on_replica + 10, message="the replica did not count the reads")
    assert product_scans(primary) == on_primary  # the primary served none of them
    status, ready, _ = send(f"{server}/health/ready")
    assert status == 200
    assert ready["replicas"]["replica_0"]["status"] == "ok"


def test_an_artisan_sees_its_new_product_at_once(databases, server):
    _, replica, seeded, _ = databases
    replica.query("SELECT pg_wal_replay_pause()")
    try:
        variables = {
            "input": {
                "vendor": seeded["vendor"],
                "productType": seeded["product_type"],
                "category": seeded["category"],
                "name": "Bình hút lộc men rạn",
            }
        }
        status, created, headers = graphql(server, CREATE, variables, token=seeded["owner_token"])
        assert status == 200 and created["data"]["productCreate"]["errors"] == [], created
        product_id = created["data"]["productCreate"]["product"]["id"]
        assert "lnm_primary_until=" in headers["set-cookie"]

        # The writer, on any device (no cookie here: the pin is kept for the user in Redis).
        status, mine, _ = graphql(server, PRODUCT, {"id": product_id}, token=seeded["owner_token"])
        assert status == 200 and mine["data"]["product"] == {"id": product_id, "name": "Bình hút lộc men rạn"}

        # Another member, who wrote nothing, reads the replica, which has not replayed it.
        status, theirs, _ = graphql(server, PRODUCT, {"id": product_id}, token=seeded["partner_token"])
        assert status == 200 and theirs["data"]["product"] is None, theirs
        status, ready, _ = send(f"{server}/health/ready")
        assert ready["replicas"]["replica_0"]["lag_seconds"] > 0  # behind, within the bound
    finally:
        replica.query("SELECT pg_wal_replay_resume()")

    wait_for(
        lambda: (
            graphql(server, PRODUCT, {"id": product_id}, token=seeded["partner_token"])[1]["data"]["product"]
            is not None
        ),
        message="the replica never caught up",
    )


def test_a_lagging_replica_is_skipped(databases, tmp_path_factory):
    primary, replica, seeded, _ = databases
    port, process, _ = api(
        databases,
        tmp_path_factory,
        "strict",
        DATABASE_REPLICA_MAX_LAG_SECONDS="1",
        DATABASE_PRIMARY_PIN_SECONDS="1",
    )
    strict = f"http://127.0.0.1:{port}"
    try:
        replica.query("SELECT pg_wal_replay_pause()")
        primary.query(
            f"UPDATE catalog_product SET name = 'Lọ hoa gốm men lam' WHERE slug = '{seeded['slugs'][0]}'",
            "langnghe",
        )
        time.sleep(1.5)  # the replica is now more than a second behind
        status, ready, _ = send(f"{strict}/health/ready")
        assert status == 200  # a lagging replica never makes the API unready
        assert ready["replicas"]["replica_0"]["status"] == "lagging"
        assert ready["replicas"]["replica_0"]["lag_seconds"] > 1
        scans = product_scans(replica)
        query = 'query ($slug: String!) { product(slug: $slug, channel: "default-channel") { name } }'
        status, body, _ = graphql(strict, query, {"slug": seeded["slugs"][0]})
        assert body["data"]["product"]["name"] == "Lọ hoa gốm men lam"  # the primary answered
        time.sleep(0.5)
        assert product_scans(replica) == scans
    finally:
        replica.query("SELECT pg_wal_replay_resume()")
        stop_process(process)


def test_the_replica_stopped_mid_run_fails_no_request(databases, server):
    _, replica, seeded, _ = databases
    outcomes: Counter = Counter()
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                status, body, _ = graphql(server, PRODUCTS)
                ok = status == 200 and "errors" not in body
                outcomes["ok" if ok else f"{status}: {body.get('errors')}"] += 1
            except Exception as error:  # a refused or broken connection counts as a failure
                outcomes[f"client: {error!r}"] += 1

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    before = outcomes["ok"]
    replica.stop(mode="immediate")
    time.sleep(2.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    assert set(outcomes) == {"ok"}, outcomes
    assert before > 0 and outcomes["ok"] > before  # reads before and after the stop
    status, ready, _ = send(f"{server}/health/ready")
    assert status == 200
    assert ready["replicas"]["replica_0"] == {"status": "unavailable", "lag_seconds": None}
