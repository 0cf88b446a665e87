"""The marketplace's permissions and who holds them.

Staff hold permissions through permission groups (Django groups); superusers hold all;
apps hold theirs directly; ``SYSTEM`` (background work) holds all. Curators are the members
of a group granting MANAGE_SHOWCASE. Values are Django permission names
(``app_label.codename``).
"""

from collections.abc import Sequence
from enum import StrEnum

from django.contrib.auth.models import Permission

from marketplace.accounts.actors import Actor, System
from marketplace.accounts.models import App


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
    MANAGE_DISCOUNTS = "accounts.manage_discounts"

    @property
    def codename(self) -> str:
        return self.value.split(".", 1)[1]


def permission_objects(permissions: list[PermissionEnum]) -> list[Permission]:
    codenames = [p.codename for p in permissions]
    return list(Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames))


def effective_permissions(actor: Actor) -> frozenset[PermissionEnum]:
    """What an actor may do, cached on a user or an app for the request (its object)."""
    if actor is None:
        return frozenset()
    if isinstance(actor, System):
        return ALL
    cached: frozenset[PermissionEnum] | None = actor.__dict__.get("_marketplace_permissions")
    if cached is not None:
        return cached
    result: frozenset[PermissionEnum]
    if not actor.is_active:
        result = frozenset()
    elif isinstance(actor, App):
        names = actor.permissions.values_list("codename", flat=True)
        result = frozenset(PermissionEnum(f"accounts.{n}") for n in names if f"accounts.{n}" in _VALUES)
    elif actor.is_superuser:
        result = ALL
    elif actor.is_staff:
        names = Permission.objects.filter(group__user=actor, content_type__app_label="accounts").values_list(
            "codename", flat=True
        )
        result = frozenset(PermissionEnum(f"accounts.{n}") for n in names if f"accounts.{n}" in _VALUES)
    else:
        result = frozenset()
    actor.__dict__["_marketplace_permissions"] = result
    return result


def has_permissions(actor: Actor, required: list[PermissionEnum] | tuple[PermissionEnum, ...]) -> bool:
    """Holds every one of ``required`` (services ask for one permission at a time)."""
    return set(required) <= effective_permissions(actor)


def has_one_of_permissions(actor: Actor, permissions: Sequence[PermissionEnum]) -> bool:
    """Holds at least one of ``permissions``: the rule of the API's declarations (Saleor's
    ``has_one_of_permissions``); an empty list asks for nothing."""
    return not permissions or bool(set(permissions) & effective_permissions(actor))


def is_curator(actor: Actor) -> bool:
    return PermissionEnum.MANAGE_SHOWCASE in effective_permissions(actor)


_VALUES = {p.value for p in PermissionEnum}
ALL: frozenset[PermissionEnum] = frozenset(PermissionEnum)
