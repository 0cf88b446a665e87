"""Apps: server-side principals (a storefront's backend) calling with a bearer token.

Only the token's SHA-256 is stored; the token itself is shown once, when created.
"""

import hashlib
import secrets

from django.db import transaction

from marketplace.accounts.models import App, AppToken
from marketplace.accounts.permissions import PermissionEnum, permission_objects


def hash_app_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def app_create(*, name: str, permissions: list[PermissionEnum]) -> tuple[App, str]:
    token = secrets.token_urlsafe(30)
    with transaction.atomic():
        app = App.objects.create(name=name[:120])
        app.permissions.set(permission_objects(permissions))
        AppToken.objects.create(
            app=app, name="default", token_hash=hash_app_token(token), token_last_4=token[-4:]
        )
    return app, token


def app_from_token(token: str) -> App | None:
    row = AppToken.objects.select_related("app").filter(token_hash=hash_app_token(token)).first()
    return row.app if row is not None and row.app.is_active else None
