"""Who is calling: the ``Authorization: Bearer`` header holds a user's access JWT or an
app token. A bad token is refused with 401 before any operation runs."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from marketplace.accounts.app_tokens import app_from_token
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.tokens import ACCESS, TokenError, user_from_token


def authenticate_request(request: HttpRequest) -> None:
    """Set ``request.user`` and ``request.app``; raises TokenError for a bad token."""
    request.user = AnonymousUser()
    request.app = None
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() not in ("bearer", "jwt") or not token or len(token) > 4096:
        raise TokenError(AccountErrorCode.JWT_DECODE_ERROR, "Use 'Authorization: Bearer <token>'.")
    if token.count(".") == 2:
        request.user = user_from_token(token, expected_type=ACCESS)
        return
    app = app_from_token(token)
    if app is None:
        raise TokenError(AccountErrorCode.JWT_INVALID_TOKEN, "Invalid app token.")
    request.app = app
