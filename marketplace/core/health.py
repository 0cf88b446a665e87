"""Liveness and readiness probes (plain Django views, no GraphQL).

``/health/live``: the process answers. ``/health/ready``: the database, the cache, the
Celery broker and the media storage answer; 503 with the failing checks (and a
Retry-After) otherwise. Each read replica is reported too (``replicas``: ``ok``,
``lagging``, ``unavailable`` or ``not_in_recovery``, with its replay lag in seconds) but never
makes the process unready: the primary answers every read a replica cannot.
"""

import logging
from collections.abc import Callable

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from marketplace.core.availability import RETRY_AFTER_SECONDS
from marketplace.core.db_routing import replicas_report

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache.set("health:ready", "1", timeout=5)
    if cache.get("health:ready") != "1":
        raise RuntimeError("cache did not return the value just written")


def _broker() -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    # The project's Celery app (marketplace/__init__.py makes it current): core imports nothing of ours.
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _storage() -> None:
    default_storage.exists("health-check")


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "storage": _storage,
}


@require_GET
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # a probe reports every failure, never raises
            logger.warning("readiness check %s failed: %s", name, error)
            results[name] = "unavailable"
    healthy = all(value == "ok" for value in results.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": results, "replicas": replicas_report()}
    response = JsonResponse(body, status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
