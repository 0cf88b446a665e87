#!/usr/bin/env bash
# Entrypoint of the Làng Nghề Market image.
#   api     wait for the database, migrate, then serve with gunicorn
#   worker  Celery worker
#   beat    Celery beat (periodic tasks)
#   *       run the given command as is (e.g. `python manage.py populatedb`, or the
#           image's default gunicorn command, which does not migrate)
set -euo pipefail

cd /app

wait_for_db() {
    python - <<'PY'
import sys
import time

import django

django.setup()

from django.db import connection
from django.db.utils import OperationalError

ATTEMPTS = 30
DELAY_SECONDS = 2

for attempt in range(1, ATTEMPTS + 1):
    try:
        connection.ensure_connection()
    except OperationalError as exc:
        print(f"database not ready ({attempt}/{ATTEMPTS}): {exc}", file=sys.stderr, flush=True)
        connection.close()
        time.sleep(DELAY_SECONDS)
    else:
        connection.close()
        print("database is ready", flush=True)
        sys.exit(0)

sys.exit(f"database still unavailable after {ATTEMPTS} attempts")
PY
}

if [ "$#" -eq 0 ]; then
    echo "usage: entrypoint.sh api|worker|beat|COMMAND [ARGS...]" >&2
    exit 64
fi

case "$1" in
    api)
        shift
        wait_for_db
        python manage.py migrate --noinput
        exec gunicorn marketplace.wsgi:application --config /app/gunicorn.conf.py "$@"
        ;;
    worker)
        shift
        exec celery -A marketplace worker --loglevel=INFO "$@"
        ;;
    beat)
        shift
        # /app is read-only for the app user: keep beat's schedule file in /tmp.
        exec celery -A marketplace beat --loglevel=INFO --schedule=/tmp/celerybeat-schedule "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
