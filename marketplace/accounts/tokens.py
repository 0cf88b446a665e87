"""Access and refresh tokens (JWT, HS256) for users.

Every token carries the user's ``jwt_token_key``: rotating that key (``tokenDeactivateAll``,
a password change or reset) revokes every earlier token. Tokens are signed with the first
of ``JWT_SIGNING_KEYS`` and verified with each in turn, so putting a new key first and
dropping the old one once its tokens have expired rotates the keys.

The issuer (``iss``) is the API's public URL, as Saleor issues it
(``https://api.example.vn/graphql/``): Saleor's auth SDK sends a token only to the URL
named in its ``iss``. ``API_PUBLIC_URL`` fixes it; without it the API layer passes the URL
the request came to, and work outside a request uses ``PUBLIC_URL`` + the API path. A
token is accepted when its issuer is the one this request would issue, the configured one,
or one of ``JWT_ACCEPTED_ISSUERS`` (by default the fixed name earlier versions used), so a
change of URL or of the setting does not sign everybody out.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import User

ACCESS = "access"
REFRESH = "refresh"
# The fixed issuer of tokens made before issuers were URLs; accepted while it is listed in
# JWT_ACCEPTED_ISSUERS (the default), until the last such refresh token has expired.
LEGACY_ISSUER = "langnghe-market"


@dataclass
class TokenError(Exception):
    code: AccountErrorCode
    message: str


def default_issuer() -> str:
    """The issuer when no request is at hand: ``API_PUBLIC_URL``, else ``PUBLIC_URL`` + the
    API's path (as Saleor builds it), else the legacy fixed name."""
    if settings.API_PUBLIC_URL:
        return settings.API_PUBLIC_URL  # type: ignore[no-any-return]
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL.rstrip("/") + reverse("api")  # type: ignore[no-any-return]
    return LEGACY_ISSUER


def accepted_issuers(issuer: str | None = None) -> list[str]:
    """The issuers a token may carry: ``issuer`` (what the current request would issue),
    the configured one and ``JWT_ACCEPTED_ISSUERS``."""
    found = [issuer, default_issuer(), *settings.JWT_ACCEPTED_ISSUERS]
    return list(dict.fromkeys(i for i in found if i))


def _encode(user: User, token_type: str, ttl: int, issuer: str | None) -> str:
    now = timezone.now()
    payload = {
        "iss": issuer or default_issuer(),
        "iat": now,
        "exp": now + timedelta(seconds=ttl),
        "type": token_type,
        "user_id": user.pk,
        "email": user.email,
        "token": user.jwt_token_key,
        "is_staff": user.is_staff,
    }
    return jwt.encode(payload, settings.JWT_SIGNING_KEYS[0], algorithm="HS256")


def create_access_token(user: User, *, issuer: str | None = None) -> str:
    """``issuer``: the API URL the request came to (None: ``default_issuer()``)."""
    return _encode(user, ACCESS, settings.JWT_ACCESS_TTL_SECONDS, issuer)


def create_refresh_token(user: User, *, issuer: str | None = None) -> str:
    return _encode(user, REFRESH, settings.JWT_REFRESH_TTL_SECONDS, issuer)


def _decode(token: str, issuer: str | None) -> dict[str, Any]:
    expired = False
    issuers = accepted_issuers(issuer)
    for key in settings.JWT_SIGNING_KEYS:
        try:
            return jwt.decode(
                token,
                key,
                algorithms=["HS256"],
                issuer=issuers,
                options={"require": ["exp", "iat", "iss", "type", "user_id", "token"]},
            )
        except jwt.ExpiredSignatureError:
            expired = True  # signed with this key, but too old
        except jwt.InvalidSignatureError:
            continue
        except jwt.InvalidIssuerError:  # ours (the signature held) but for another API
            raise TokenError(
                AccountErrorCode.JWT_INVALID_TOKEN, "The token was issued for another API."
            ) from None
        except jwt.PyJWTError:
            raise TokenError(AccountErrorCode.JWT_DECODE_ERROR, "The token is malformed.") from None
    if expired:
        raise TokenError(AccountErrorCode.JWT_SIGNATURE_EXPIRED, "Signature has expired.")
    raise TokenError(AccountErrorCode.JWT_INVALID_TOKEN, "Invalid token signature.")


def user_from_token(token: str, *, expected_type: str, issuer: str | None = None) -> User:
    """The active user a valid, unrevoked token of ``expected_type`` belongs to.
    ``issuer``: what the current request would issue (see ``accepted_issuers``)."""
    payload = _decode(token, issuer)
    if payload.get("type") != expected_type:
        raise TokenError(AccountErrorCode.JWT_INVALID_TOKEN, f"Expected an {expected_type} token.")
    user = User.objects.filter(pk=payload["user_id"]).first()
    if user is None or user.jwt_token_key != payload["token"]:
        raise TokenError(AccountErrorCode.JWT_INVALID_TOKEN, "The token has been revoked.")
    if not user.is_active:
        raise TokenError(AccountErrorCode.INACTIVE, "The account is inactive.")
    return user


def token_payload(token: str, *, issuer: str | None = None) -> dict[str, Any]:
    return _decode(token, issuer)
