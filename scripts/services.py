"""Check that the real services the test suite needs are up; start them if they are down.

PostgreSQL and Redis are required. When one cannot be reached and cannot be started, this
prints which one and exits non-zero, so ``make test`` fails instead of skipping tests.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import time

SERVICES = {
    "PostgreSQL": ("127.0.0.1", 5432),
    "Redis": ("127.0.0.1", 6379),
}


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def start(name: str) -> None:
    if name == "PostgreSQL" and shutil.which("pg_ctlcluster"):
        versions = sorted(os.path.basename(p) for p in glob.glob("/etc/postgresql/*"))
        if versions:
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"],
                check=False,
            )
    elif name == "Redis" and shutil.which("redis-server"):
        subprocess.run(
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            check=False,
        )


def main() -> int:
    missing = []
    for name, (host, port) in SERVICES.items():
        if reachable(host, port):
            continue
        print(f"services: {name} is not reachable at {host}:{port}; starting it", flush=True)
        start(name)
        for _ in range(30):
            if reachable(host, port):
                break
            time.sleep(0.5)
        else:
            missing.append(f"{name} ({host}:{port})")
    if missing:
        print("services: the test suite needs " + ", ".join(missing) + " and could not start it.")
        print("services: failing instead of skipping the tests that need it.")
        return 1
    ensure_database(database_name())
    print("services: PostgreSQL and Redis are up")
    return 0


def database_name() -> str:
    """The suite's database: DATABASE_URL's, else the test settings' default ``langnghe``."""
    url = os.environ.get("DATABASE_URL", "")
    return url.rsplit("/", 1)[1].split("?", 1)[0] if url.count("/") >= 3 else "langnghe"


def ensure_database(name: str = "langnghe") -> None:
    """The suite's database (pytest-django makes ``test_<name>`` beside it); the
    ``makemigrations --check`` of ``make test`` connects to it."""
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main())
