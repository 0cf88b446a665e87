"""The processes of a storefront run, each started here and stopped here by its own id: a
private Redis, the API (gunicorn, DEBUG off), a Celery worker, the media and font file
servers, the storefront; and the address alias the API is served on."""

import contextlib
import functools
import http.server
import ipaddress
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path


class StackError(RuntimeError):
    """A part of the stack could not be prepared; the message says which and why."""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def require_free(host: str, port: int, what: str) -> None:
    if not port_is_free(host, port):
        raise StackError(
            f"{host}:{port} ({what}) is in use; choose another with the matching --*-port option"
        )


# ---------------------------------------------------------------- the public-looking address


def check_public_address(address: str) -> None:
    """Next 16's image optimizer refuses upstream images whose host resolves to anything but
    a global unicast address (next/dist/server/is-private-ip.js, ipaddr.js's ``range()``),
    so the API and its media must be served on such an address."""
    ip = ipaddress.ip_address(address)
    if not ip.is_global or ip.is_multicast or ip.version != 4:
        raise StackError(
            f"{address} is not a global unicast IPv4 address: Next's image optimizer would refuse "
            "images from it (pass another --public-ip, e.g. 11.22.33.44)"
        )


@contextlib.contextmanager
def loopback_alias(address: str) -> Iterator[None]:
    """Adds ``address/32`` to the loopback interface for the run (traffic to it never leaves
    the machine) and removes it afterwards, unless it was there already."""
    check_public_address(address)
    shown = subprocess.run(["ip", "-o", "addr", "show", "dev", "lo"], capture_output=True, text=True)
    if shown.returncode != 0:
        raise StackError(f"`ip addr show dev lo` failed: {shown.stderr.strip()} (iproute2 is needed)")
    present = f" {address}/" in shown.stdout
    if not present:
        added = subprocess.run(
            ["ip", "addr", "add", f"{address}/32", "dev", "lo"], capture_output=True, text=True
        )
        if added.returncode != 0:
            raise StackError(
                f"could not add {address}/32 to lo: {added.stderr.strip()} (run as root, or add it "
                "yourself and pass --keep-ip-alias)"
            )
        log(f"added {address}/32 to the loopback interface")
    try:
        yield
    finally:
        if not present:
            subprocess.run(["ip", "addr", "del", f"{address}/32", "dev", "lo"], capture_output=True)
            log(f"removed {address}/32 from the loopback interface")


# ---------------------------------------------------------------- static files


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        return


@contextlib.contextmanager
def serve_directory(host: str, port: int, directory: Path, what: str) -> Iterator[str]:
    """Serves ``directory`` read-only over HTTP from a thread of this process (as nginx would
    serve the API's media in production); yields its base URL."""
    directory.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(directory))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        raise StackError(f"cannot serve {what} on {host}:{port}: {error}") from error
    thread = threading.Thread(target=server.serve_forever, name=what, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- processes


class Process:
    """A child in its own session, so that stopping it stops what it started (gunicorn's
    workers, pnpm's node) and nothing else."""

    def __init__(
        self, name: str, command: list[str], *, env: dict[str, str], cwd: Path, log_path: Path
    ) -> None:
        self.name = name
        self.log_path = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as out:
            try:
                self.popen = subprocess.Popen(
                    command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
                )
            except OSError as error:
                raise StackError(f"cannot start {name} ({command[0]}): {error}") from error
        log(f"started {name} (pid {self.popen.pid}), log: {log_path}")

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, timeout: float = 20) -> None:
        if self.popen.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()
        log(f"stopped {self.name} (pid {self.popen.pid})")

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def wait_for_http(
    url: str, process: Process, *, timeout: float, ok: Callable[[int], bool] = lambda status: status < 500
) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if not process.alive():
            raise StackError(
                f"{process.name} exited with {process.popen.returncode} before {url} answered; "
                f"the end of {process.log_path}:\n{process.tail()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ok(response.status):
                    return
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            if ok(error.code):
                return
            last = f"HTTP {error.code}"
        except OSError as error:
            last = str(error)
        time.sleep(0.5)
    raise StackError(f"{url} did not answer within {timeout:.0f} s ({last}); see {process.log_path}")


def run(
    command: list[str], *, env: dict[str, str], cwd: Path, log_path: Path, timeout: float, what: str
) -> None:
    """Runs a command to its end, its output appended to ``log_path``; fails with the end of it."""
    log(f"{what}: {' '.join(command)}")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
        out.flush()
        try:
            completed = subprocess.run(
                command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout
            )
        except subprocess.TimeoutExpired as error:
            raise StackError(f"{what} took more than {timeout:.0f} s; see {log_path}") from error
        except OSError as error:
            raise StackError(f"{what}: cannot run {command[0]}: {error}") from error
    if completed.returncode != 0:
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-25:])
        raise StackError(f"{what} failed (exit {completed.returncode}); the end of {log_path}:\n{tail}")


# ---------------------------------------------------------------- the database


def recreate_database(database_url: str) -> None:
    """A fresh, empty database: PostgreSQL's is dropped and created again (it must not be in
    use), SQLite's file removed. Anything else must be prepared by hand (--keep-database)."""
    if database_url.startswith(("postgres://", "postgresql://")):
        import psycopg
        from psycopg import sql

        base, _, name = database_url.rpartition("/")
        name = name.split("?", 1)[0]
        if not name:
            raise StackError(f"{database_url}: no database name")
        admin = base.replace("postgres://", "postgresql://", 1) + "/postgres"
        try:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as error:
            raise StackError(f"cannot recreate the database {name}: {error}") from error
        log(f"database {name}: created afresh")
    elif database_url.startswith("sqlite:///"):
        path = Path(database_url[len("sqlite:///") :])  # sqlite:////abs/path or sqlite:///relative
        path.unlink(missing_ok=True)
        log(f"database {path}: removed, migrate creates it")
    else:
        raise StackError(
            f"{database_url}: only PostgreSQL and SQLite URLs can be recreated; create an empty database "
            "yourself and pass --keep-database"
        )
