"""The API served the production way for the load benchmarks: gunicorn (sync workers) running
the WSGI application with DEBUG off, on the bench PostgreSQL database, with a private
redis-server (cache and Celery broker) started for the run and stopped after it.

No Celery worker runs: tasks queued after commit (order emails) wait in the private Redis,
as they would for a worker; the measured requests do not include sending them."""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


SECRET_KEY = secrets.token_urlsafe(50)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def production_env(*, database_url: str, redis_url: str, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a production-like API process (base settings, DEBUG off)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.base",
        "DEBUG": "false",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback, as behind a TLS proxy
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # Every simulated buyer comes from the loopback address: no per-IP checkout throttle.
        "CHECKOUT_CREATE_PER_IP": "1000000",
        **(env or {}),
    }
    environment.pop("CELERY_TASK_ALWAYS_EAGER", None)
    return environment


def start_redis() -> tuple[subprocess.Popen, str]:
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is needed for the load benchmarks")
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    return redis, f"redis://127.0.0.1:{port}/0"


def start_gunicorn(*, environment: dict[str, str], workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free port; (process, base URL) once /health/live answers."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "marketplace.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync",
        "--timeout", "60", "--worker-tmp-dir", "/dev/shm", "--no-control-socket",
    ]  # fmt: skip
    with open(log, "ab") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _wait_for(f"{base}/health/live", server)
    return server, base


@contextmanager
def production_server(
    *, database_url: str, workers: int = 2, log: Path, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Yields the base URL of a gunicorn serving the API on a free port."""
    redis, redis_url = start_redis()
    server = None
    try:
        server, base = start_gunicorn(
            environment=production_env(database_url=database_url, redis_url=redis_url, env=env),
            workers=workers,
            log=log,
        )
        yield base
    finally:
        if server is not None:
            _stop(server)
        _stop(redis)
