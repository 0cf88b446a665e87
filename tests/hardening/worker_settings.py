"""Settings of the Celery workers that tests/hardening/test_worker_killed.py starts: the
test settings, with the media root taken from the environment (the test shares its tmp
media directory with the worker). The test shortens the Redis visibility timeout through
CELERY_VISIBILITY_TIMEOUT, which the base settings read, for the worker that must recover
a dead worker's message."""

import os
from pathlib import Path

from marketplace.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
