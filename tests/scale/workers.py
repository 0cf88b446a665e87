"""Celery processes for the tests/scale tests: a worker per queue, beat, on a private broker
and the test database (transactional tests, so they see the rows)."""

import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from tests.hardening.processes import ROOT, project_env


def database_url() -> str:
    db = settings.DATABASES["default"]
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def celery_env(broker: str, **extra: str) -> dict[str, str]:
    values = {
        "DJANGO_SETTINGS_MODULE": "tests.scale.worker_settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    return project_env(**{**values, **extra})


class CeleryProcess:
    def __init__(self, command: list[str], *, log: Path, env: dict[str, str]) -> None:
        self.log = log
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "marketplace", *command],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def wait_for_log(self, text: str, *, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.text():
            if self.process.poll() is not None:
                pytest.fail(f"the process exited:\n{self.text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} not logged within {timeout} s:\n{self.text()}")
            time.sleep(0.05)

    def stop(self, *, kill: bool = False) -> None:
        import os
        import signal

        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)


def worker(queue: str, *, log: Path, env: dict[str, str]) -> CeleryProcess:
    """``celery -A marketplace worker -Q <queue>``, as docker/ runs one per queue."""
    command = [
        "worker", "-Q", queue, "--pool", "prefork", "--concurrency", "1", "--loglevel", "INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{queue}-{uuid.uuid4().hex[:6]}@%h",
    ]  # fmt: skip
    return CeleryProcess(command, log=log, env=env)
