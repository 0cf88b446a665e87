"""Run the whole suite as two pytest processes at once (``make test``).

The suite's slowest tests mostly wait: on real processes they start (a PostgreSQL primary
and replica, Celery workers and beats, gunicorn behind HAProxy, the production image's
steps) and on Chromium. They run in one process while the rest of the suite runs in the
other, so that the waiting overlaps the work; on the 2-core development machine this takes
the suite from about 10½ minutes to about 7.

Each process has its own test database (``test_<name>`` and ``test_<name>_system``) and
its own Redis database, so that neither sees the other's rows, cache entries or Celery
messages; every other resource a test starts (moto's S3 server, PostgreSQL clusters,
redis-servers, live servers) takes a free port of its own. Every test runs once: the second
process takes the directories in ``SYSTEM``, the first everything else. The first process's
output is shown as it runs, the second's when it ends; the exit status fails when either
fails. Arguments are passed to both (e.g. ``-x``).
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEM = [  # real processes and browsers, mostly waiting; and the back office, to even the two out
    "tests/scale",
    "tests/docker",
    "tests/hardening",
    "tests/backoffice",
    "tests/e2e",
    "tests/marketplace/demo",
]
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/langnghe"
REDIS_URL = "redis://127.0.0.1:6379/14"
SYSTEM_REDIS_DB = 13


def system_env() -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = env.get("DATABASE_URL", DATABASE_URL) + "_system"
    server, _, db = env.get("REDIS_URL", REDIS_URL).rpartition("/")
    other = SYSTEM_REDIS_DB if db != str(SYSTEM_REDIS_DB) else SYSTEM_REDIS_DB - 1
    env["REDIS_URL"] = f"{server}/{other}"
    return env


def main() -> int:
    pytest = [sys.executable, "-m", "pytest", *sys.argv[1:]]
    started = time.monotonic()
    with tempfile.NamedTemporaryFile("w+", prefix="langnghe-system-tests-", suffix=".log") as log:
        print(f"==> tests: {', '.join(SYSTEM)} in a second process (its output follows the first's)")
        system = subprocess.Popen(
            [*pytest, *SYSTEM], cwd=ROOT, env=system_env(), stdout=log, stderr=subprocess.STDOUT
        )
        ignores = [f"--ignore={path}" for path in SYSTEM]
        try:
            first = subprocess.run([*pytest, *ignores], cwd=ROOT).returncode
            second = system.wait()
        except KeyboardInterrupt:
            system.terminate()
            system.wait()
            raise
        log.seek(0)
        print(f"==> tests in {', '.join(SYSTEM)}:")
        print(log.read(), end="")
    minutes, seconds = divmod(int(time.monotonic() - started), 60)
    verdict = "passed" if first == second == 0 else "FAILED"
    print(f"==> the suite {verdict} in {minutes} min {seconds} s (exit statuses {first} and {second})")
    return first or second


if __name__ == "__main__":
    sys.exit(main())
