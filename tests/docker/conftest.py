"""The Docker image's steps run outside a container (there is no Docker engine here): the
runtime stage of docker/Dockerfile laid out in a temporary root with its ENV, COPY and RUN
lines (tests/docker/dockerfile.py), then its roles run with the image's environment plus
compose's, against real services: PostgreSQL (a fresh database of the machine's server),
a private Redis server, the moto S3 server with compose's bucket and policy, and a small
SMTP sink standing in for Mailpit."""

import json
import os
import re
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import psycopg
import pytest

from tests.docker.dockerfile import ROOT, Image, lay_out, load_compose
from tests.hardening.processes import free_port, start_redis, stop_process
from tests.s3 import REGION, S3Server

BUCKET = "langnghe-media"  # compose's media bucket
POLICY = ROOT / "docker" / "minio" / "media-bucket-policy.json"
SECRET_KEY = "image-test-" + "k" * 40


# ---------------------------------------------------------------- services


@contextmanager
def fresh_database(suffix: str) -> Iterator[str]:
    """A new, empty database beside the suite's (same server), dropped afterwards."""
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/langnghe")
    server, name = base.rsplit("/", 1)
    database = f"{name}_{suffix}"
    admin = server.replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    try:
        yield f"{server}/{database}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def tables(database_url: str) -> list[str]:
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    return sorted(row[0] for row in rows)


class SmtpSink:
    """A minimal SMTP server on a free port that keeps every message it receives (what
    Mailpit does for the compose stack)."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 sink ready\r\n")
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb == b"DATA":
                        self.wfile.write(b"354 go on\r\n")
                        body = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            body += chunk
                        sink.messages.append(body)
                        self.wfile.write(b"250 kept\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:  # EHLO/HELO, MAIL, RCPT, RSET, NOOP
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------- the image


@pytest.fixture(scope="session")
def image(tmp_path_factory) -> Image:
    """The runtime stage laid out (its RUN steps, collectstatic included, have run)."""
    return lay_out(tmp_path_factory.mktemp("image-root"), venv=Path(sys.prefix))


@dataclass
class Stack:
    image: Image
    env: dict[str, str]  # the roles' environment on top of the image's: compose's api service, addressed here
    database_url: str
    smtp: SmtpSink
    s3_endpoint: str
    logs: Path
    redis_port: int
    processes: list[subprocess.Popen] = field(default_factory=list)

    def start(self, *args: str, name: str) -> tuple[subprocess.Popen, Path]:
        log = self.logs / f"{name}.log"
        process = self.image.start(*args, env=self.env, log=log)
        self.processes.append(process)
        return process, log


def compose_env(**overrides: str) -> dict[str, str]:
    """The environment compose gives the api service, with ``overrides``."""
    service = load_compose({"DJANGO_SECRET_KEY": SECRET_KEY})["services"]["api"]
    return {key: str(value) for key, value in {**service["environment"], **overrides}.items()}


@pytest.fixture(scope="session")
def image_stack(image: Image, s3_server: S3Server, tmp_path_factory) -> Iterator[Stack]:
    """The services of the compose stack, addressed on this machine, and a migrated database
    (the image's ``migrate`` role has run)."""
    public_s3 = s3_server.endpoint_url.replace("127.0.0.1", "localhost")
    client = boto3.client(
        "s3",
        endpoint_url=s3_server.endpoint_url,
        region_name=REGION,
        aws_access_key_id="langnghe",
        aws_secret_access_key="langnghe-minio-secret",  # noqa: S106 (compose's MinIO defaults)
    )
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=POLICY.read_text())
    redis_port = free_port()
    redis = start_redis(redis_port)
    smtp = SmtpSink()
    logs = tmp_path_factory.mktemp("image-logs")
    (image.root / "tmp").mkdir(exist_ok=True)
    try:
        with fresh_database("image") as database_url:
            env = compose_env(
                # compose's service addresses (postgres, redis, minio, mailpit) as reached here
                DATABASE_URL=database_url,
                REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
                CELERY_BROKER_URL=f"redis://127.0.0.1:{redis_port}/1",
                AWS_S3_ENDPOINT_URL=s3_server.endpoint_url,
                AWS_S3_PUBLIC_ENDPOINT_URL=public_s3,
                AWS_S3_CUSTOM_DOMAIN=f"{public_s3.removeprefix('http://')}/{BUCKET}",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=str(smtp.port),
                # one gunicorn worker is enough here (the image's knob, compose sets 2)
                GUNICORN_WORKERS="1",
                # what a container has: the app user's home
                HOME=image.map("/app"),
            )
            migrate = image.run("migrate", env=env)
            assert migrate.returncode == 0, migrate.stdout + migrate.stderr
            stack = Stack(image, env, database_url, smtp, s3_server.endpoint_url, logs, redis_port)
            stack.migrate_output = migrate.stdout  # type: ignore[attr-defined]
            try:
                yield stack
            finally:
                for process in stack.processes:
                    stop_process(process)
    finally:
        stop_process(redis)
        smtp.stop()


@dataclass(frozen=True)
class Api:
    port: int
    log: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def gunicorn_args(image: Image, port: int) -> list[str]:
    """What a test adds to the image's gunicorn: its own port and control socket (the image
    binds 0.0.0.0:8000 and keeps the socket in /tmp, shared by every server on a machine)."""
    return [
        "--bind",
        f"127.0.0.1:{port}",
        "--control-socket",
        str(image.root / "tmp" / f"gunicorn-{port}.ctl"),
    ]


def wait_until_live(port: int, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2) as response:
                if response.status == 200:
                    return
        except (TimeoutError, urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"the server did not answer within {timeout} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def image_api(image_stack: Stack) -> Api:
    """The image's ``api`` role serving the migrated database."""
    port = free_port()
    process, log = image_stack.start("api", *gunicorn_args(image_stack.image, port), name="api")
    wait_until_live(port, process, log)
    return Api(port=port, log=log)


def wait_for_line(log: Path, pattern: str, process: subprocess.Popen, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        if match := re.search(pattern, text):
            return match.group(0)
        if process.poll() is not None:
            pytest.fail(f"exited with {process.returncode} before {pattern!r}:\n{text}")
        time.sleep(0.2)
    pytest.fail(f"{pattern!r} not seen within {timeout} s:\n{log.read_text(errors='replace')}")


def http(
    url: str, *, headers: dict[str, str] | None = None, data: bytes | None = None
) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def graphql(api: Api, query: str) -> tuple[int, dict]:
    status, _, body = http(
        f"{api.origin}/graphql/",
        headers={"Content-Type": "application/json"},
        data=json.dumps({"query": query}).encode(),
    )
    return status, json.loads(body)
