"""A real Celery worker is killed in the middle of a task; the task's effect is neither lost
nor duplicated.

The task is the project's ``create_thumbnails`` on a large PNG (about 0.25 s per
thumbnail, ten of them), run by ``celery -A marketplace worker`` against a private
redis-server and the test database (a transactional test, so the worker sees the rows).
Once the worker has stored some thumbnails (observed in the database) it is killed with
SIGKILL:

- its pool child only (what the kernel's OOM killer does): the main process sees
  WorkerLostError and, as tasks are acknowledged late with ``reject_on_worker_lost``,
  puts the message back at once; the same worker runs it again;
- the whole worker, main process included (the machine dies): the message stays
  unacknowledged in Redis; a worker started afterwards restores it once it is older than
  the visibility timeout, and runs it.

Either way the task runs to the end and every thumbnail exists exactly once: the re-run
reuses the rows the killed run stored (one row per source, size and format, by a unique
constraint) and makes only the missing ones."""

import os
import signal
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery.exceptions import AlwaysEagerIgnored
from django.conf import settings
from django.core.files.base import ContentFile

from marketplace.catalog.models import ProductMedia
from marketplace.celery import app
from marketplace.thumbnails.models import Thumbnail
from marketplace.thumbnails.tasks import create_thumbnails
from tests.factories import ProductFactory
from tests.hardening.processes import ROOT, free_port, project_env, start_redis, stop_process
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [64, 128, 256, 512, 1024]
FORMATS = ["WEBP", "PNG"]
EXPECTED = {(size, format) for size in SIZES for format in FORMATS}
VISIBILITY_TIMEOUT = 3  # seconds; the second worker's (production keeps kombu's hour)


@pytest.fixture
def broker() -> Iterator[str]:
    port = free_port()
    server = start_redis(port)
    yield f"redis://127.0.0.1:{port}/0"
    stop_process(server, sig=signal.SIGKILL)


@pytest.fixture
def media() -> ProductMedia:
    media = ProductMedia.objects.create(product=ProductFactory())  # type: ignore[misc]
    media.image.save("big.png", ContentFile(image_bytes(size=(4000, 3000), format="PNG")), save=True)
    return media


class Worker:
    def __init__(self, *, broker: str, log: Path, **env: str) -> None:
        db = settings.DATABASES["default"]
        credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        self.log = log
        environment = project_env(
            DJANGO_SETTINGS_MODULE="tests.hardening.worker_settings",
            PYTHONPATH=str(ROOT),
            DATABASE_URL=f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            CELERY_BROKER_URL=broker,
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            **env,
        )
        command = [
            sys.executable, "-m", "celery", "-A", "marketplace", "worker", "--pool", "prefork",
            "--concurrency", "1", "--loglevel", "INFO", "--without-gossip", "--without-mingle",
            "--without-heartbeat", "-n", f"hardening-{uuid.uuid4().hex[:6]}@%h",
        ]  # fmt: skip
        with open(log, "ab") as out:
            # Its own process group, so the whole worker (main process and pool) can be killed.
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_for_log(" ready.", timeout=30)

    def wait_for_log(self, text: str, *, count: int = 1, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while self.log.read_text().count(text) < count:
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited:\n{self.log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} not logged within {timeout} s:\n{self.log.read_text()}")
            time.sleep(0.05)

    def pool_children(self) -> list[int]:
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def kill_everything(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def start_task(broker: str, media: ProductMedia) -> str:
    """Queue the task on the private broker (by name: the test settings run tasks eagerly)."""
    with app.connection_for_write(broker) as connection, warnings.catch_warnings():
        warnings.simplefilter("ignore", AlwaysEagerIgnored)
        result = app.send_task(
            create_thumbnails.name,
            args=["media", media.pk],
            kwargs={"sizes": SIZES, "formats": FORMATS},
            connection=connection,
        )
    return result.id


def stored(media: ProductMedia) -> int:
    return Thumbnail.objects.filter(product_media=media).count()


def wait_until_partly_done(media: ProductMedia, *, at_least: int = 3, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while stored(media) < at_least:
        assert time.monotonic() < deadline, "the task did not start"
        time.sleep(0.01)


def assert_done_exactly_once(media: ProductMedia) -> None:
    thumbnails = list(Thumbnail.objects.filter(product_media=media))
    assert sorted((t.size, t.format) for t in thumbnails) == sorted(EXPECTED)  # each once
    names = {Path(t.image.name).name for t in thumbnails}  # type: ignore[arg-type]
    assert all(t.image.storage.exists(t.image.name) for t in thumbnails)  # type: ignore[arg-type]
    files = {p.name for p in (Path(settings.MEDIA_ROOT) / "thumbnails").iterdir()}
    # The killed run may have written one file without reaching its row (the row is
    # inserted right after the write); nothing references it and it is never served.
    assert names <= files and len(files - names) <= 1


def queue_is_empty(broker: str) -> bool:
    client = redis.Redis.from_url(broker)
    return client.llen("media") == 0 and client.hlen("unacked") == 0


def test_pool_child_killed_mid_task(broker, media, tmp_path):
    worker = Worker(broker=broker, log=tmp_path / "worker.log")
    try:
        task_id = start_task(broker, media)
        wait_until_partly_done(media)
        [child] = worker.pool_children()
        os.kill(child, signal.SIGKILL)
        assert stored(media) < len(EXPECTED)  # killed in the middle

        worker.wait_for_log(f"[{task_id}] succeeded in")
        log = worker.log.read_text()
        assert "WorkerLostError" in log and "signal 9 (SIGKILL)" in log
        assert log.count(f"[{task_id}] received") == 2  # requeued at once, run again
        assert worker.process.poll() is None  # by the same worker
        assert_done_exactly_once(media)
        time.sleep(1)  # and no third run comes
        assert worker.log.read_text().count(f"[{task_id}] succeeded in") == 1
        assert queue_is_empty(broker)
    finally:
        worker.kill_everything()


def test_whole_worker_killed_mid_task(broker, media, tmp_path):
    first = Worker(broker=broker, log=tmp_path / "first.log")
    try:
        task_id = start_task(broker, media)
        wait_until_partly_done(media)
        first.kill_everything()  # main process and pool child at once
        partial = stored(media)
        assert partial < len(EXPECTED)
        assert f"[{task_id}] succeeded" not in first.log.read_text()
    finally:
        first.kill_everything()
    # Not lost: Redis still holds the message as delivered and unacknowledged.
    client = redis.Redis.from_url(broker)
    [(_, delivered_at)] = client.zrange("unacked_index", 0, -1, withscores=True)
    assert client.llen("media") == 0

    # A worker restores it at start once it is older than the visibility timeout. The
    # timeout must exceed the longest task: a shorter one hands a task that is still
    # running to a second worker (idempotence keeps the effect single, not the work).
    while time.time() < delivered_at + VISIBILITY_TIMEOUT + 0.2:
        time.sleep(0.1)
    second = Worker(
        broker=broker, log=tmp_path / "second.log", CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT)
    )
    try:
        second.wait_for_log(f"[{task_id}] succeeded in")
        assert_done_exactly_once(media)
        time.sleep(1)
        assert second.log.read_text().count(f"[{task_id}] received") == 1
        assert queue_is_empty(broker)
    finally:
        second.kill_everything()
