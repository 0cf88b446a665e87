"""Failures of a backing service (database, cache/broker) are answered with 503 and a
Retry-After, quickly, instead of a 500; the next request simply tries again, so the API
recovers by itself once the service is back.

A statement cancelled by PostgreSQL's ``statement_timeout`` (``DATABASE_STATEMENT_TIMEOUT_MS``)
is answered the same way, with its own code: the request asked for more than the server
spends on one request, or the database is overloaded."""

from collections.abc import Callable, Iterator

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from psycopg.errors import QueryCanceled
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

UNAVAILABLE = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 5


def _causes(error: BaseException | None) -> Iterator[BaseException]:
    while error is not None:
        yield error
        error = error.__cause__ or error.__context__


def is_unavailable(error: BaseException | None) -> bool:
    return any(isinstance(cause, UNAVAILABLE) for cause in _causes(error))


def is_statement_timeout(error: BaseException | None) -> bool:
    return any(isinstance(cause, QueryCanceled) for cause in _causes(error))


def unavailable_response(error: BaseException | None = None) -> JsonResponse:
    """503 with ``Retry-After``: ``STATEMENT_TIMEOUT`` for a cancelled statement,
    ``SERVICE_UNAVAILABLE`` otherwise."""
    if is_statement_timeout(error):
        message = "The request took too long and was cancelled; try again later or ask for less."
        code = "STATEMENT_TIMEOUT"
    else:
        message = "A backing service is unavailable; try again shortly."
        code = "SERVICE_UNAVAILABLE"
    body = {"errors": [{"message": message, "extensions": {"exception": {"code": code}}}]}
    response = JsonResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ServiceUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return unavailable_response(exception) if is_unavailable(exception) else None
