#!/usr/bin/env bash
# Entrypoint of the Làng Nghề Market image.
#   migrate  wait for the database, apply the migrations, exit (a one-shot job: run it
#            once per release, before the new api/worker/beat start)
#   api      wait for the database, then serve with gunicorn (never migrates)
#   worker   Celery worker (`worker -Q emails`: one queue; see docker/README.md)
#   beat     Celery beat (periodic tasks from the database; a second one stands by)
#   *        run the given command as is (e.g. `python manage.py createsuperuser`, or the
#            image's default gunicorn command)
# Extra arguments after a role go to its program (`api --workers 4`, `worker -Q emails`).
set -euo pipefail

# The application's directory (the image sets APP_HOME=/app).
APP_HOME="${APP_HOME:-/app}"
cd "$APP_HOME"

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
    echo "usage: entrypoint.sh migrate|api|worker|beat|COMMAND [ARGS...]" >&2
    exit 64
fi

case "$1" in
    migrate)
        shift
        wait_for_db
        exec python manage.py migrate --noinput "$@"
        ;;
    api)
        shift
        wait_for_db
        exec gunicorn marketplace.wsgi:application --config "$APP_HOME/gunicorn.conf.py" "$@"
        ;;
    worker)
        shift
        exec celery -A marketplace worker --loglevel=INFO "$@"
        ;;
    beat)
        shift
        # The schedule lives in the database (django-celery-beat, CELERY_BEAT_SCHEDULER in the
        # settings); only the beat holding the leader lock sends, so a second one may run.
        exec celery -A marketplace beat --loglevel=INFO "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
