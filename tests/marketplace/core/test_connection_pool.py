"""DATABASE_POOL opens a psycopg pool per process (Django's "pool" option) and
DATABASE_MAX_PARALLEL_WORKERS sets max_parallel_workers_per_gather on every connection it
opens, next to the statement timeout; real PostgreSQL, in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SHOW max_parallel_workers_per_gather")
    workers = cursor.fetchone()[0]
    cursor.execute("SHOW statement_timeout")
    timeout = cursor.fetchone()[0]
print(type(getattr(connection, "pool", None)).__name__, workers, timeout)
"""


def run(**env: str) -> str:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings.test", "DATABASE_URL": url, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.django_db
def test_pool_and_parallel_workers_from_the_environment():
    assert run(DATABASE_POOL="true", DATABASE_MAX_PARALLEL_WORKERS="0") == "ConnectionPool 0 10s"


@pytest.mark.django_db
def test_off_by_default():
    pooled, workers, timeout = run().split()
    assert pooled == "NoneType" and workers != "0" and timeout == "10s"
