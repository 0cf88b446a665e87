"""Sessions, sign-in, messages and the user's language, for the back office only.

The session cookie's path is ``BACKOFFICE_PREFIX`` (``/studio/``), so browsers send it
nowhere else, and this middleware runs Django's session, authentication and message
middleware only for requests under that prefix: every other view, the GraphQL API above
all (which authenticates by ``Authorization`` header and has no CSRF protection), never
reads a session. Django admin, when mounted, belongs under the prefix too.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from backoffice.languages import request_language

Handler = Callable[[HttpRequest], HttpResponse]


class LanguageMiddleware:
    """The signed-in user's language (their account's), else the visitor's choice, else Vietnamese."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The real user, not Django's lazy wrapper: services take it as their ``actor``.
        user = request.user
        if getattr(user, "is_authenticated", False) is not None and hasattr(user, "_wrapped"):
            request.user = user._wrapped
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response


class BackOfficeMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        chain: Handler = get_response
        for middleware in (
            LanguageMiddleware,
            MessageMiddleware,
            AuthenticationMiddleware,
            SessionMiddleware,
        ):
            chain = middleware(chain)  # type: ignore[assignment]
        self.back_office = chain

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(settings.BACKOFFICE_PREFIX):
            return self.back_office(request)
        return self.get_response(request)
