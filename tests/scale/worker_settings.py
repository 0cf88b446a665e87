"""Settings of the Celery workers the tests/scale tests start: the hardening workers'
(test settings, tasks sent to a broker, the test's media root), with e-mail written to
files in EMAIL_FILE_PATH so the test can see what was sent and when."""

import os

from tests.hardening.worker_settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "/tmp/langnghe-test-mail")
