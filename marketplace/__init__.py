"""Làng Nghề Market: the Django project and the commerce core apps."""

from marketplace.celery import app as celery_app

__all__ = ["celery_app"]
