"""Role permissions declared on mutations and sensitive fields, checked in one place.

A declaration listing several permissions opens to a caller holding ANY ONE of them, as
in Saleor and as the schema's descriptions say ("Requires one of the following
permissions"). An operation that needs two permissions together would check the second
one inside its service; none does today.
"""

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from marketplace.accounts.actors import Actor, actor_user, as_actor
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum, has_one_of_permissions
from storefront_api.core.errors import api_error


def principal(info: Any) -> Actor:
    """The caller as the services' ``Actor``: the app calling, or the user (anonymous
    callers are ``None``)."""
    request = info.context
    app = getattr(request, "app", None)
    if app is not None:
        return as_actor(app)
    return as_actor(getattr(request, "user", None))


def request_user(info: Any) -> User | None:
    """The signed-in person (not an app); ``None`` for anyone else."""
    return actor_user(as_actor(getattr(info.context, "user", None)))


def describe(permissions: Sequence[PermissionEnum]) -> str:
    names = ", ".join(p.name for p in permissions)
    return f"\n\nRequires one of the following permissions: {names}." if permissions else ""


def has_one_of(info: Any, permissions: Sequence[PermissionEnum]) -> bool:
    return has_one_of_permissions(principal(info), permissions)


def require_authenticated(info: Any) -> Any:
    user = request_user(info)
    if user is None:
        raise api_error("You need to be authenticated to perform this action.", "PermissionDenied")
    return user


def require_permissions(info: Any, permissions: Sequence[PermissionEnum]) -> None:
    if principal(info) is None:
        raise api_error("You need to be authenticated to perform this action.", "PermissionDenied")
    if not has_one_of(info, permissions):
        names = ", ".join(p.name for p in permissions)
        raise api_error(f"You need one of the following permissions: {names}.", "PermissionDenied")


def permission_required(*permissions: PermissionEnum) -> Callable:
    """Decorate a field resolver; add ``describe(...)`` to the field's description."""

    def decorator(resolver: Callable) -> Callable:
        @wraps(resolver)
        def wrapped(root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
            require_permissions(info, permissions)
            return resolver(root, info, *args, **kwargs)

        return wrapped

    return decorator
