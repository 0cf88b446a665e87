"""A request id on every request: taken from a sane ``X-Request-ID`` header (a proxy's) or
made up, returned in the response header and added to every log record of the request —
and of the Celery tasks the request queued (``marketplace/core/task_context.py`` carries it
in the task message and binds it while the task runs)."""

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

import sentry_sdk
from django.http import HttpRequest, HttpResponse

_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return _current.get()


def is_sane(value: object) -> bool:
    return isinstance(value, str) and bool(_SANE.match(value))


def bind_request_id(value: str) -> contextvars.Token[str]:
    """Make ``value`` the current request id (a task running for a request); reset with the token."""
    return _current.set(value)


def unbind_request_id(token: contextvars.Token[str]) -> None:
    _current.reset(token)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if _SANE.match(offered) else uuid.uuid4().hex
        token = _current.set(request_id)
        sentry_sdk.set_tag("request_id", request_id)  # this request's scope; nothing without SENTRY_DSN
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True
