"""Settings of the Docker image and of any deployment: the base settings (everything from
the environment; DJANGO_SECRET_KEY, DATABASE_URL and a broker required), never in DEBUG,
and never with a process-local cache: the API processes are stateless, so throttling
counters, read-your-writes pins and cached answers must be shared (REDIS_URL)."""

from django.core.exceptions import ImproperlyConfigured

from marketplace.settings.base import *  # noqa: F401,F403
from marketplace.settings.base import CELERY_TASK_ALWAYS_EAGER, DEBUG, REDIS_URL

if DEBUG:
    raise ImproperlyConfigured(
        "marketplace.settings.production never runs with DEBUG on; the demo uses marketplace.settings.base."
    )
# In-process tasks on purpose (CELERY_TASK_ALWAYS_EAGER=true) is one process alone: the
# image's build step (collectstatic), a one-off command.
if not REDIS_URL and not CELERY_TASK_ALWAYS_EAGER:
    raise ImproperlyConfigured(
        "marketplace.settings.production needs REDIS_URL: the cache (throttling, read-your-writes pins) "
        "must be shared by every API process; the local-memory cache is for the demo only."
    )
