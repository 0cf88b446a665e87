"""The Celery application. Tasks live in each app's ``tasks.py``; which queue each goes to
is in the settings (``CELERY_TASK_ROUTES``); the periodic tasks are kept in the database
and sent by one leading beat (``marketplace/core/beat.py``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.base")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

import marketplace.core.task_context  # noqa: E402,F401  (the request id into tasks and their logs)
