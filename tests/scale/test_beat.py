"""Two real beat processes, the schedule in the database: each periodic task is sent once
per period, and when the leading beat is killed the other takes over without a gap or a
double (marketplace/core/beat.py).

Both beats run ``celery beat`` with the project's scheduler against the test database and
a private redis-server; the schedule is shortened (tests/scale/beat_settings.py) to two of
the project's periodic tasks every 2 and 3 seconds. No worker runs: the test takes every
message off the queues as it arrives and notes when, so a task sent by both beats would
show as two messages within the same period."""

import json
import signal
import threading
import time
from collections import defaultdict

import pytest
import redis
from django_celery_beat.models import PeriodicTask

from tests.hardening.processes import free_port, start_redis, stop_process
from tests.scale.workers import CeleryProcess, celery_env

pytestmark = pytest.mark.django_db(transaction=True)

PERIODS = {
    "marketplace.checkout.tasks.delete_expired_reservations": 2.0,
    "marketplace.orders.tasks.expire_unpaid_orders": 3.0,
}
LEADER = "beat is the leader"


@pytest.fixture
def broker():
    port = free_port()
    server = start_redis(port)
    yield f"redis://127.0.0.1:{port}/0"
    stop_process(server, sig=signal.SIGKILL)


def collect(broker: str, arrivals: dict[str, list[float]], stop: threading.Event) -> None:
    client = redis.Redis.from_url(broker)
    while not stop.is_set():  # the test stops it before the broker
        popped = client.brpop(["maintenance", "payments"], timeout=0.2)
        if popped is not None:
            message = json.loads(popped[1])  # type: ignore[index]
            arrivals[message["headers"]["task"]].append(time.monotonic())


def beat(broker: str, log) -> CeleryProcess:
    env = celery_env(broker, DJANGO_SETTINGS_MODULE="tests.scale.beat_settings")
    return CeleryProcess(["beat", "--loglevel", "INFO"], log=log, env=env)


def test_two_beats_send_each_periodic_task_once_per_period(broker, tmp_path):
    arrivals: dict[str, list[float]] = defaultdict(list)
    stop = threading.Event()
    collector = threading.Thread(target=collect, args=(broker, arrivals, stop))
    collector.start()
    beats = [beat(broker, tmp_path / "beat-a.log"), beat(broker, tmp_path / "beat-b.log")]
    try:
        deadline = time.monotonic() + 30
        while not any(LEADER in b.text() for b in beats):
            assert time.monotonic() < deadline, [b.text() for b in beats]
            time.sleep(0.1)
        started = time.monotonic()
        time.sleep(6)
        [leader] = [b for b in beats if LEADER in b.text()]
        [standby] = [b for b in beats if b is not leader]
        leader.stop(kill=True)  # the host dies: SIGKILL, no goodbye
        killed = time.monotonic()
        standby.wait_for_log(LEADER, timeout=10)
        took_over = time.monotonic() - killed
        time.sleep(6)
        ended = time.monotonic()
    finally:
        for b in beats:
            b.stop(kill=True)
        stop.set()
        collector.join(timeout=5)

    assert took_over < 3
    for task, period in PERIODS.items():
        times = arrivals[task]
        gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
        # never twice in one period (a double would arrive within milliseconds)...
        assert min(gaps) > period * 0.6, (task, gaps)
        # ...and no period skipped, the failover included (the new leader resumes the schedule)
        assert max(gaps) < period * 2 + 3, (task, gaps)
        expected = (ended - started) / period
        assert expected - 3 <= len(times) <= expected + 1, (task, len(times), expected)
    # The schedule lives in the database, with the last run of each task.
    stored = {t.task: t for t in PeriodicTask.objects.filter(task__in=PERIODS)}
    assert set(stored) == set(PERIODS)
    assert all(t.last_run_at is not None and t.total_run_count >= 3 for t in stored.values())
