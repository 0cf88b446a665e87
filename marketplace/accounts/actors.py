"""Who calls a service: ``Actor``, the one caller type of every service signature.

An actor is one of:

- a ``User`` who signed in: a customer, a vendor member, a curator or staff (what they may
  do comes from their permissions and their shops' memberships, never from their type);
- an ``App``: a server-side principal holding permissions (Saleor's apps);
- ``SYSTEM``: the marketplace itself, for background work (Celery tasks, housekeeping). It
  holds every permission (``marketplace.accounts.permissions``), acts for every shop
  (``vendors.shops.policies``) and is recorded as nobody where a write keeps its author;
- ``None``: an anonymous caller (a guest buyer).

Services take ``actor: Actor`` and ask these helpers instead of probing attributes
(``hasattr(actor, "orders")``, ``getattr(actor, "is_staff")``). Callers at the edge turn
what they hold into an actor with ``as_actor`` (a request's ``AnonymousUser`` becomes
``None``).
"""

import enum
from typing import Final, TypeAlias, TypeGuard

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import App, User


class System(enum.Enum):
    """The type of ``SYSTEM`` (one member: compare with ``is``, or use ``is_system``)."""

    SYSTEM = "SYSTEM"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = System.SYSTEM

Actor: TypeAlias = User | App | System | None


def as_actor(principal: object) -> Actor:
    """The actor for what an entry point holds: a user, an app, ``SYSTEM`` or ``None``;
    an anonymous Django user (``request.user`` of a visitor) is ``None``. Anything else is a
    programming error (``TypeError``)."""
    if principal is None or isinstance(principal, User | App | System):
        return principal
    if getattr(principal, "is_anonymous", False) is True:  # django.contrib.auth's AnonymousUser
        return None
    raise TypeError(f"Not an actor: {type(principal).__name__}")


def is_user(actor: Actor) -> TypeGuard[User]:
    """A signed-in person (customer, vendor member, curator or staff)."""
    return isinstance(actor, User)


def is_app(actor: Actor) -> TypeGuard[App]:
    return isinstance(actor, App)


def is_system(actor: Actor) -> bool:
    return actor is SYSTEM


def actor_user(actor: Actor) -> User | None:
    """The person acting, if a person acts: what a write records as its author
    (``submitted_by``, ``reviewed_by``...); ``None`` for apps, ``SYSTEM`` and anonymous."""
    return actor if isinstance(actor, User) else None


def actor_app(actor: Actor) -> App | None:
    return actor if isinstance(actor, App) else None


def require_user(actor: Actor) -> User:
    """The person acting; PermissionDenied for an app, ``SYSTEM`` or an anonymous caller
    (operations only a person can do: applying for a shop, a customer's own account)."""
    user = actor_user(actor)
    if user is None:
        raise PermissionDenied(_("Only a signed-in person can do this."))
    return user


def require_system(actor: Actor) -> None:
    """Background housekeeping runs as the marketplace itself (tasks pass ``SYSTEM``)."""
    if not is_system(actor):
        raise PermissionDenied(_("Only the marketplace's background jobs run this."))


__all__ = [
    "SYSTEM",
    "Actor",
    "System",
    "actor_app",
    "actor_user",
    "as_actor",
    "is_app",
    "is_system",
    "is_user",
    "require_system",
    "require_user",
]
