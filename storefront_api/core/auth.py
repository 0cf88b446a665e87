"""Who is calling: the ``Authorization: Bearer`` header holds a user's access JWT or an
app token. A bad token is refused with 401 before any operation runs."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse

from marketplace.accounts.app_tokens import app_from_token
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.tokens import ACCESS, TokenError, user_from_token


def request_issuer(request: HttpRequest) -> str:
    """The issuer of tokens made for this request: ``API_PUBLIC_URL``, else the API's URL as
    this request reached it (``http://127.0.0.1:8000/graphql/``), as Saleor's auth SDK expects."""
    return settings.API_PUBLIC_URL or request.build_absolute_uri(reverse("api"))


def authenticate_request(request: HttpRequest) -> None:
    """Set ``request.user`` and ``request.app``; raises TokenError for a bad token."""
    request.user = AnonymousUser()
    request.app = None  # type: ignore[attr-defined]
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() not in ("bearer", "jwt") or not token or len(token) > 4096:
        raise TokenError(AccountErrorCode.JWT_DECODE_ERROR, "Use 'Authorization: Bearer <token>'.")
    if token.count(".") == 2:
        request.user = user_from_token(token, expected_type=ACCESS, issuer=request_issuer(request))
        return
    app = app_from_token(token)
    if app is None:
        raise TokenError(AccountErrorCode.JWT_INVALID_TOKEN, "Invalid app token.")
    request.app = app  # type: ignore[attr-defined]
