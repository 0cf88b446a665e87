"""Failures of a backing service (database, cache/broker) are answered with 503 and a
Retry-After, quickly, instead of a 500; the next request simply tries again, so the API
recovers by itself once the service is back."""

from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

UNAVAILABLE = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


def is_unavailable(error: BaseException | None) -> bool:
    while error is not None:
        if isinstance(error, UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
    return False


def unavailable_response() -> JsonResponse:
    body = {
        "errors": [
            {
                "message": "A backing service is unavailable; try again shortly.",
                "extensions": {"exception": {"code": "SERVICE_UNAVAILABLE"}},
            }
        ]
    }
    response = JsonResponse(body, status=503)
    response["Retry-After"] = "5"
    return response


class ServiceUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return unavailable_response() if is_unavailable(exception) else None
