"""Access and refresh tokens (JWT, HS256) for users.

Every token carries the user's ``jwt_token_key``: rotating that key (``tokenDeactivateAll``,
a password change or reset) revokes every earlier token. Tokens are signed with the first
of ``JWT_SIGNING_KEYS`` and verified with each in turn, so putting a new key first and
dropping the old one once its tokens have expired rotates the keys.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.utils import timezone

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import User

ACCESS = "access"
REFRESH = "refresh"
ISSUER = "langnghe-market"


@dataclass
class TokenError(Exception):
    code: AccountErrorCode
    message: str


def _encode(user: User, token_type: str, ttl: int) -> str:
    now = timezone.now()
    payload = {
        "iss": ISSUER,
        "iat": now,
        "exp": now + timedelta(seconds=ttl),
        "type": token_type,
        "user_id": user.pk,
        "email": user.email,
        "token": user.jwt_token_key,
        "is_staff": user.is_staff,
    }
    return jwt.encode(payload, settings.JWT_SIGNING_KEYS[0], algorithm="HS256")


def create_access_token(user: User) -> str:
    return _encode(user, ACCESS, settings.JWT_ACCESS_TTL_SECONDS)


def create_refresh_token(user: User) -> str:
    return _encode(user, REFRESH, settings.JWT_REFRESH_TTL_SECONDS)


def _decode(token: str) -> dict[str, Any]:
    expired = False
    for key in settings.JWT_SIGNING_KEYS:
        try:
            return jwt.decode(
                token,
                key,
                algorithms=["HS256"],
                issuer=ISSUER,
                options={"require": ["exp", "iat", "type", "user_id", "token"]},
            )
        except jwt.ExpiredSignatureError:
            expired = True  # signed with this key, but too old
        except jwt.InvalidSignatureError:
            continue
        except jwt.PyJWTError:
            raise TokenError(AccountErrorCode.JWT_DECODE_ERROR, "The token is malformed.") from None
    if expired:
        raise TokenError(AccountErrorCode.JWT_SIGNATURE_EXPIRED, "Signature has expired.")
    raise TokenError(AccountErrorCode.JWT_INVALID_TOKEN, "Invalid token signature.")


def user_from_token(token: str, *, expected_type: str) -> User:
    """The active user a valid, unrevoked token of ``expected_type`` belongs to."""
    payload = _decode(token)
    if payload.get("type") != expected_type:
        raise TokenError(AccountErrorCode.JWT_INVALID_TOKEN, f"Expected an {expected_type} token.")
    user = User.objects.filter(pk=payload["user_id"]).first()
    if user is None or user.jwt_token_key != payload["token"]:
        raise TokenError(AccountErrorCode.JWT_INVALID_TOKEN, "The token has been revoked.")
    if not user.is_active:
        raise TokenError(AccountErrorCode.INACTIVE, "The account is inactive.")
    return user


def token_payload(token: str) -> dict[str, Any]:
    return _decode(token)
