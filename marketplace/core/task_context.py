"""The request id travels with the Celery tasks a request queues (Celery signals).

Publishing a task adds the current request id to the message's headers; the worker binds
it while the task runs, so every log line of the task — and Celery's own "received" and
"succeeded" lines, which the worker's log format carries — names the request that caused
it. A task queued outside a request (beat, a command) has none ("-"). In-process tasks
(the demo's eager mode) simply run inside the request.
"""

import logging
from contextvars import Token
from typing import Any

from celery.signals import (
    after_setup_logger,
    after_setup_task_logger,
    before_task_publish,
    task_postrun,
    task_prerun,
)
from django.conf import settings

from marketplace.core.log_format import JsonFormatter
from marketplace.core.request_id import (
    RequestIdFilter,
    bind_request_id,
    current_request_id,
    is_sane,
    unbind_request_id,
)

HEADER = "request_id"
_bound: dict[str, Token[str]] = {}  # task id -> token, while the task runs in this process


@before_task_publish.connect(weak=False)
def _add_request_id(headers: dict[str, Any] | None = None, **_: Any) -> None:
    request_id = current_request_id()
    if headers is not None and request_id != "-":
        headers.setdefault(HEADER, request_id)


@task_prerun.connect(weak=False)
def _bind(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    request = getattr(task, "request", None)
    value = getattr(request, HEADER, None) or (getattr(request, "headers", None) or {}).get(HEADER)
    if task_id and is_sane(value):
        _bound[task_id] = bind_request_id(value)  # type: ignore[arg-type]


@task_postrun.connect(weak=False)
def _unbind(task_id: str | None = None, **_: Any) -> None:
    token = _bound.pop(task_id or "", None)
    if token is not None:
        unbind_request_id(token)


def _filter_handlers(logger: logging.Logger | None = None, **_: Any) -> None:
    """Celery configures the worker's handlers itself: give them the request id (and, with
    ``LOG_FORMAT=json``, the JSON formatter the API uses)."""
    for handler in getattr(logger, "handlers", []):
        if not any(isinstance(f, RequestIdFilter) for f in handler.filters):
            handler.addFilter(RequestIdFilter())
        if settings.LOG_FORMAT == "json":
            handler.setFormatter(JsonFormatter())


after_setup_logger.connect(_filter_handlers, weak=False)
after_setup_task_logger.connect(_filter_handlers, weak=False)
