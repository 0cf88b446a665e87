"""Real backing services and servers started by the hardening tests, each private to the
test (its own port and directory), so a test may stop one without touching the machine's
PostgreSQL or Redis, which the rest of the suite uses."""

import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 15, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail(f"the process serving port {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nothing answered on port {port} within {timeout} s")


def stop_process(process: subprocess.Popen, *, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


# ---------------------------------------------------------------- PostgreSQL


def postgres_bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        pytest.fail(f"PostgreSQL's {name} is needed (looked in /usr/lib/postgresql/*/bin and PATH)")
    return found


class PostgresCluster:
    """A throwaway PostgreSQL cluster: ``initdb`` into a temporary directory, trust auth,
    one port on 127.0.0.1. PostgreSQL refuses to run as root, so under root its commands
    run as the ``postgres`` user."""

    def __init__(self) -> None:
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="langnghe-pg-"))
        self.data = self.directory / "data"
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.directory, user=self.user)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        result = subprocess.run(args, user=self.user, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            pytest.fail(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")

    def init(self) -> None:
        self._run(
            postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        self._run(
            postgres_bin("pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.directory / "server.log"), "-w", "-t", "30", "start",
        )  # fmt: skip

    def stop(self, mode: str = "immediate") -> None:
        self._run(postgres_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def is_running(self) -> bool:
        status = subprocess.run(
            [postgres_bin("pg_ctl"), "-D", str(self.data), "status"], user=self.user, capture_output=True
        )
        return status.returncode == 0

    def create_database(self, name: str) -> None:
        self._run(postgres_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def query(self, sql: str, database: str = "postgres") -> list[tuple]:
        """Run one statement on this server (a fresh connection: statistics are read anew)."""
        import psycopg

        with psycopg.connect(
            self.url(database).replace("postgres://", "postgresql://"), autocommit=True
        ) as conn:
            cursor = conn.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def replica(self) -> "PostgresCluster":
        """A streaming replica of this (running) server: ``pg_basebackup -R`` into a new
        directory (standby.signal and primary_conninfo written by -R), started on its own port."""
        standby = PostgresCluster()
        standby._run(
            postgres_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            "-D", str(standby.data), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync",
        )  # fmt: skip
        standby.start()
        return standby

    def destroy(self) -> None:
        if self.data.exists() and self.is_running():
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


# ---------------------------------------------------------------- Redis


def start_redis(port: int) -> subprocess.Popen:
    assert shutil.which("redis-server"), "redis-server is needed for this test"
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port, process=process)
    return process


# ---------------------------------------------------------------- the project's own processes


def project_env(**overrides: str) -> dict[str, str]:
    """The environment of a subprocess of the project: the test settings, plus overrides."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings.test", "PYTHONUNBUFFERED": "1"}
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def start_gunicorn(*, port: int, env: dict[str, str], log: Path, workers: int = 1) -> subprocess.Popen:
    """The API served as in production: gunicorn running the WSGI application."""
    with open(log, "ab") as out:
        command = [sys.executable, "-m", "gunicorn", "marketplace.wsgi:application"]
        command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "30"]
        command += ["--no-control-socket"]  # gunicorn >= 25: no socket in $HOME shared between servers
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    wait_for_port(port, timeout=30, process=process)
    return process


def post_graphql(port: int, query: str, *, timeout: float = 15) -> tuple[int, dict[str, Any], float]:
    """POST a GraphQL query; (status, decoded body, seconds taken)."""
    body = json.dumps({"query": query}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql/", data=body, headers={"Content-Type": "application/json"}
    )
    return _send(request, timeout=timeout)


def get(port: int, path: str, *, timeout: float = 15) -> tuple[int, dict[str, Any], float]:
    return _send(urllib.request.Request(f"http://127.0.0.1:{port}{path}"), timeout=timeout)


def retry_after(port: int, path: str = "/graphql/", query: str | None = None) -> str | None:
    """The Retry-After header of a GraphQL POST (or of a GET of ``path`` without ``query``)."""
    data = json.dumps({"query": query}).encode() if query is not None else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, headers={"Content-Type": "application/json"}
    )
    headers: dict[str, str] = {}
    _send(request, timeout=15, headers=headers)
    return headers.get("retry-after")


def _send(
    request: urllib.request.Request, *, timeout: float, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, Any], float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw, received = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, received = error.code, error.read(), error.headers
    if headers is not None:
        headers.update({name.lower(): value for name, value in received.items()})
    elapsed = time.monotonic() - started
    try:
        content = json.loads(raw)
    except ValueError:
        content = {"raw": raw[:500].decode(errors="replace")}
    return status, content, elapsed
