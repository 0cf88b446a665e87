"""The marketplace's permissions and who holds them.

Staff hold permissions through permission groups (Django groups); superusers hold all;
apps hold theirs directly. Curators are the members of a group granting MANAGE_SHOWCASE.
Values are Django permission names (``app_label.codename``).
"""

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import Permission


class PermissionEnum(StrEnum):
    MANAGE_PRODUCTS = "accounts.manage_products"
    MANAGE_ORDERS = "accounts.manage_orders"
    MANAGE_USERS = "accounts.manage_users"
    MANAGE_STAFF = "accounts.manage_staff"
    MANAGE_CHANNELS = "accounts.manage_channels"
    MANAGE_VENDORS = "accounts.manage_vendors"
    MANAGE_ROUTES = "accounts.manage_routes"
    MANAGE_SHOWCASE = "accounts.manage_showcase"
    MANAGE_OCOP = "accounts.manage_ocop"
    MANAGE_APPS = "accounts.manage_apps"
    MANAGE_MENUS = "accounts.manage_menus"
    MANAGE_PAGES = "accounts.manage_pages"

    @property
    def codename(self) -> str:
        return self.value.split(".", 1)[1]


def permission_objects(permissions: list[PermissionEnum]) -> list[Permission]:
    codenames = [p.codename for p in permissions]
    return list(Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames))


def effective_permissions(principal: Any) -> frozenset[PermissionEnum]:
    """What a user or an app may do, cached on the principal for the request."""
    if principal is None:
        return frozenset()
    cached = getattr(principal, "_marketplace_permissions", None)
    if cached is not None:
        return cached
    result: frozenset[PermissionEnum]
    if principal is None or not getattr(principal, "is_active", False):
        result = frozenset()
    elif getattr(principal, "is_superuser", False):
        result = frozenset(PermissionEnum)
    elif hasattr(principal, "tokens"):  # an App
        names = principal.permissions.values_list("codename", flat=True)
        result = frozenset(PermissionEnum(f"accounts.{n}") for n in names if f"accounts.{n}" in _VALUES)
    elif getattr(principal, "is_staff", False):
        names = Permission.objects.filter(
            group__user=principal, content_type__app_label="accounts"
        ).values_list("codename", flat=True)
        result = frozenset(PermissionEnum(f"accounts.{n}") for n in names if f"accounts.{n}" in _VALUES)
    else:
        result = frozenset()
    principal._marketplace_permissions = result
    return result


def has_permissions(principal: Any, required: list[PermissionEnum] | tuple[PermissionEnum, ...]) -> bool:
    """Holds every one of ``required`` (services ask for one permission at a time)."""
    return set(required) <= effective_permissions(principal)


def has_one_of_permissions(principal: Any, permissions: Sequence[PermissionEnum]) -> bool:
    """Holds at least one of ``permissions``: the rule of the API's declarations (Saleor's
    ``has_one_of_permissions``); an empty list asks for nothing."""
    return not permissions or bool(set(permissions) & effective_permissions(principal))


def is_curator(user: Any) -> bool:
    return PermissionEnum.MANAGE_SHOWCASE in effective_permissions(user)


_VALUES = {p.value for p in PermissionEnum}
