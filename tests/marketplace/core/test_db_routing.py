"""The database router's decisions (marketplace/core/db_routing.py), with the replicas'
health stubbed: the real replica (a streaming standby of a real primary) is exercised in
tests/scale/test_replica.py."""

import pytest
from django.db import transaction

from marketplace.catalog.models import Product
from marketplace.core import db_routing
from marketplace.core.db_routing import ReplicaRouter, ReplicaState, probe, replica_reads, request_routing

router = ReplicaRouter()


@pytest.fixture
def replicas(monkeypatch):
    """Two replicas whose states the test sets."""
    states = {"replica_0": ReplicaState("ok", 0.0), "replica_1": ReplicaState("ok", 0.2)}
    monkeypatch.setattr(db_routing, "replica_aliases", lambda: list(states))
    monkeypatch.setattr(db_routing.health, "state", lambda alias: states[alias])
    return states


def test_reads_go_to_the_primary_unless_the_request_is_a_public_read(replicas):
    assert router.db_for_read(Product) == "default"  # outside any request: tasks, commands
    with request_routing():
        assert router.db_for_read(Product) == "default"  # a request that did not opt in
        with replica_reads():
            assert router.db_for_read(Product) in ("replica_0", "replica_1")
        assert router.db_for_read(Product) == "default"


def test_a_request_reads_one_replica_throughout(replicas):
    with request_routing(), replica_reads():
        first = router.db_for_read(Product)
        assert {router.db_for_read(Product) for _ in range(20)} == {first}


def test_lagging_unavailable_or_promoted_replicas_are_skipped(replicas):
    replicas["replica_0"] = ReplicaState("lagging", 12.0)
    with request_routing(), replica_reads():
        assert router.db_for_read(Product) == "replica_1"
    replicas["replica_1"] = ReplicaState("unavailable")
    with request_routing(), replica_reads():
        assert router.db_for_read(Product) == "default"
    replicas["replica_1"] = ReplicaState("not_in_recovery")
    with request_routing(), replica_reads():
        assert router.db_for_read(Product) == "default"


def test_after_a_write_the_request_reads_the_primary(replicas):
    with request_routing() as state, replica_reads():
        assert router.db_for_read(Product) != "default"
        assert router.db_for_write(Product) == "default"
        assert state.wrote
        assert router.db_for_read(Product) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_the_primary(replicas):
    with request_routing(), replica_reads():
        with transaction.atomic():
            assert router.db_for_read(Product) == "default"


def test_migrations_only_on_the_primary():
    assert router.allow_migrate("default", "catalog") is True
    assert router.allow_migrate("replica_0", "catalog") is False


@pytest.mark.django_db
def test_probe_refuses_a_server_that_is_not_a_standby():
    """The lag query runs on real PostgreSQL; the test database is a primary, not a replica."""
    assert probe("default").status == "not_in_recovery"


def test_probe_reports_an_unreachable_replica():
    # No such alias here: the connection cannot be made, and the probe says so.
    assert probe("replica_9").status == "unavailable"


def test_the_pin_may_not_be_shorter_than_the_lag_bound():
    import subprocess
    import sys

    from tests.hardening.processes import ROOT, project_env

    env = project_env(DATABASE_REPLICA_MAX_LAG_SECONDS="30", DATABASE_PRIMARY_PIN_SECONDS="5")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DATABASE_PRIMARY_PIN_SECONDS must be at least DATABASE_REPLICA_MAX_LAG_SECONDS" in result.stderr
