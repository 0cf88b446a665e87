"""Every request answers the vendor policy's checks from one cache (``policies.scope``):
per-row permission checks on a list cost one query for the caller's memberships."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from vendors.shops import policies


class PolicyScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with policies.scope():
            return self.get_response(request)
