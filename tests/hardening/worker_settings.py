"""Settings of the Celery workers that tests/hardening/test_worker_killed.py starts: the
test settings, with the media root and the Redis visibility timeout taken from the
environment (the test shares its tmp media directory with the worker and shortens the
timeout for the worker that must recover a dead worker's message)."""

import os
from pathlib import Path

from marketplace.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
if os.environ.get("CELERY_VISIBILITY_TIMEOUT"):
    # A message delivered to a worker stays "unacked" in Redis until it is acknowledged; it
    # goes back to the queue when a worker sweeps messages older than this: when the worker
    # starts, then about every 100 s (kombu's default interval 10 s x throttle 10).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ["CELERY_VISIBILITY_TIMEOUT"])}
