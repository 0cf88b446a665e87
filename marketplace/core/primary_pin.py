"""Read-your-writes across processes: after a request that wrote, its client reads the
primary for ``DATABASE_PRIMARY_PIN_SECONDS`` (never shorter than the replica lag bound).

The pin lives outside the API process, so whichever process serves the next request
honours it: a key in the shared cache (Redis) for a signed-in user or an app — the same
person on the phone and on the laptop —, and a cookie for any client (anonymous buyers).
Nothing happens when no replica is configured.
"""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from marketplace.core.db_routing import replica_aliases, request_routing

logger = logging.getLogger(__name__)

PIN_COOKIE = "lnm_primary_until"


def _principal_key(request: HttpRequest) -> str | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"db:pin:user:{user.pk}"
    app = getattr(request, "app", None)
    if app is not None:
        return f"db:pin:app:{app.pk}"
    return None


def is_pinned(request: HttpRequest) -> bool:
    """Did this client write less than the pin's duration ago?"""
    try:
        until = float(request.COOKIES.get(PIN_COOKIE) or 0)
    except ValueError:
        until = 0.0
    if until > time.time():
        return True
    key = _principal_key(request)
    if key is None:
        return False
    try:
        return cache.get(key) is not None
    except Exception:  # the cache cannot say: the primary is always right
        return True


def pin(request: HttpRequest, response: HttpResponse) -> None:
    seconds = settings.DATABASE_PRIMARY_PIN_SECONDS
    until = time.time() + seconds
    key = _principal_key(request)
    if key is not None:
        try:
            cache.set(key, int(until), timeout=seconds)
        except Exception as error:  # the write is done; the cookie below still pins this client
            logger.warning("could not pin %s to the primary: %s", key, error)
    response.set_cookie(
        PIN_COOKIE,
        str(int(until) + 1),
        max_age=seconds,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


class DatabaseRoutingMiddleware:
    """Gives each request its routing state and pins its client after a write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_routing() as state:
            response = self.get_response(request)
            if state.wrote and replica_aliases():
                pin(request, response)
        return response
