"""Settings of the Docker image and of any deployment: the base settings (everything from
the environment; DJANGO_SECRET_KEY, DATABASE_URL and a broker required), never in DEBUG."""

from django.core.exceptions import ImproperlyConfigured

from marketplace.settings.base import *  # noqa: F401,F403
from marketplace.settings.base import DEBUG

if DEBUG:
    raise ImproperlyConfigured(
        "marketplace.settings.production never runs with DEBUG on; the demo uses marketplace.settings.base."
    )
