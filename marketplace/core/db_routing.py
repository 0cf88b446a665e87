"""Read replicas: which database serves a query (``DATABASE_ROUTERS``).

Every query goes to the primary (``default``) unless the code serving the request has
declared the request a *public read* (``replica_reads()``: the GraphQL view does it for a
query operation whose root fields are all public catalogue fields, see
``storefront_api/core/read_routing.py``). Even then a read goes to the primary when:

- the client is *pinned*: it wrote something less than ``DATABASE_PRIMARY_PIN_SECONDS``
  ago (read-your-writes; the pin is a key in the shared cache for a signed-in user or app,
  and a cookie for any client: nothing lives in the API process);
- the request has written anything (``db_for_write`` was asked) or the read runs inside a
  transaction (``atomic``) on the primary;
- no replica is healthy: each replica's state (reachable, in recovery, replay lag within
  ``DATABASE_REPLICA_MAX_LAG_SECONDS``) is checked at most every
  ``DATABASE_REPLICA_CHECK_SECONDS`` per process, and a replica that failed a query is
  skipped until its next check.

Anything else — mutations, checkout, payments, orders, ``me``, the back office, health
checks, Celery tasks, management commands — reads the primary: the replica is opt-in.
A request reads from one replica throughout (chosen at its first read).
"""

import contextvars
import logging
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

PRIMARY = DEFAULT_DB_ALIAS
REPLICA_PREFIX = "replica_"

# On the replica: 0 when it has replayed everything it received, otherwise the age of the
# last transaction it replayed (an upper bound of how stale it is); NULL when that is unknown
# (WAL waits but no transaction was replayed since the server started): not usable.
LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN NOT pg_is_in_recovery() THEN NULL
            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())
       END
"""


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


# ---------------------------------------------------------------- replica health


@dataclass(frozen=True)
class ReplicaState:
    status: str  # "ok", "lagging", "unavailable", "not_in_recovery"
    lag_seconds: float | None = None
    checked_at: float = 0.0  # time.monotonic()

    @property
    def usable(self) -> bool:
        return self.status == "ok"


def probe(alias: str) -> ReplicaState:
    """Ask the replica itself: reachable, still a standby, and how far behind."""
    now = time.monotonic()
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(LAG_SQL)
            in_recovery, lag = cursor.fetchone()
    except Exception as error:  # any failure to answer makes it unusable, never the request
        logger.warning("replica %s is unavailable: %s", alias, error)
        close_quietly(alias)
        return ReplicaState("unavailable", None, now)
    if not in_recovery:  # promoted or misconfigured: not a copy of the primary any more
        return ReplicaState("not_in_recovery", None, now)
    if lag is None or float(lag) > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
        return ReplicaState("lagging", None if lag is None else float(lag), now)
    return ReplicaState("ok", float(lag), now)


class _Health:
    """What this process last saw of each replica (an observation, not request state)."""

    def __init__(self) -> None:
        self._states: dict[str, ReplicaState] = {}
        self._lock = threading.Lock()

    def state(self, alias: str) -> ReplicaState:
        known = self._states.get(alias)
        if (
            known is not None
            and time.monotonic() - known.checked_at < settings.DATABASE_REPLICA_CHECK_SECONDS
        ):
            return known
        fresh = probe(alias)
        with self._lock:
            self._states[alias] = fresh
        return fresh

    def mark_unavailable(self, alias: str) -> None:
        with self._lock:
            self._states[alias] = ReplicaState("unavailable", None, time.monotonic())

    def forget(self) -> None:
        with self._lock:
            self._states.clear()


health = _Health()


def close_quietly(alias: str) -> None:
    with suppress(Exception):  # a dead connection may fail to close: it is gone either way
        connections[alias].close()


def choose_replica() -> str | None:
    """A usable replica, picked at random among the usable ones (spreads the load)."""
    usable = [alias for alias in replica_aliases() if health.state(alias).usable]
    return random.choice(usable) if usable else None


def replicas_report() -> dict[str, dict[str, Any]]:
    """Every replica probed now (for ``/health/ready``)."""
    report = {}
    for alias in replica_aliases():
        state = probe(alias)
        with health._lock:
            health._states[alias] = state
        lag = None if state.lag_seconds is None else round(state.lag_seconds, 3)
        report[alias] = {"status": state.status, "lag_seconds": lag}
    return report


# ---------------------------------------------------------------- the request's routing


@dataclass
class RequestRouting:
    replica_allowed: bool = False  # the request is a public read
    wrote: bool = False  # something asked for the primary to write
    replica: str | None = None  # the database this request reads from, once chosen


_current: contextvars.ContextVar[RequestRouting | None] = contextvars.ContextVar("db_routing", default=None)


def current() -> RequestRouting | None:
    return _current.get()


@contextmanager
def request_routing() -> Iterator[RequestRouting]:
    """The routing state of one request (set by ``DatabaseRoutingMiddleware``)."""
    token = _current.set(RequestRouting())
    try:
        yield _current.get()  # type: ignore[misc]
    finally:
        _current.reset(token)


@contextmanager
def replica_reads() -> Iterator[RequestRouting]:
    """Inside: this request's reads may go to a replica (see the module's rules).
    Outside a request (a task, a command) it opens a routing state of its own."""
    state = _current.get()
    token = None
    if state is None:
        token = _current.set(RequestRouting())
        state = _current.get()
    assert state is not None
    state.replica_allowed = True
    try:
        yield state
    finally:
        state.replica_allowed = False
        state.replica = None
        if token is not None:
            _current.reset(token)


def primary_only(state: RequestRouting) -> None:
    """From now on this request reads the primary (after a replica failed it)."""
    state.replica_allowed = False
    state.replica = None


class ReplicaRouter:
    """Django's database router: writes and migrations on the primary; reads as above."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        state = _current.get()
        if state is None or not state.replica_allowed or state.wrote:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if state.replica is None:
            state.replica = choose_replica() or PRIMARY
        return state.replica

    def db_for_write(self, model: Any, **hints: Any) -> str:
        state = _current.get()
        if state is not None:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every database holds the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY
