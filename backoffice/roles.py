"""The role gate: which areas of the back office a signed-in person sees, and, in the
seller centre, which shop they are working on.

Areas: the **seller** centre (members of an artisan shop, any status: a suspended shop's
members still read, and the policy refuses their writes), the **curator** console
(MANAGE_SHOWCASE or MANAGE_OCOP) and the **staff** console (``is_staff`` holding any other
permission; each page and navigation entry declares the permission it needs). A person
in several roles sees each area. Nothing here decides what may be changed: services check
that through ``vendors.shops.policies``; this only decides which pages to show and which
shop they are about.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.http import HttpRequest

from marketplace.accounts.actors import as_actor
from marketplace.accounts.permissions import PermissionEnum, effective_permissions
from vendors.shops import policies
from vendors.shops.models import Vendor, VendorMember
from vendors.shops.policies import VendorAction
from vendors.shops.selectors import memberships_of

SHOP_SESSION_KEY = "studio_shop"
CURATOR_PERMISSIONS = frozenset({PermissionEnum.MANAGE_SHOWCASE, PermissionEnum.MANAGE_OCOP})


class Area(StrEnum):
    SELLER = "seller"
    CURATOR = "curator"
    STAFF = "staff"


@dataclass
class Roles:
    """Computed once per request (``roles(request)``), lazily: a page pays only for what it asks."""

    user: Any
    session: Any = field(repr=False)

    @cached_property
    def memberships(self) -> list[VendorMember]:
        return list(memberships_of(self.user))

    @cached_property
    def permissions(self) -> frozenset[PermissionEnum]:
        return effective_permissions(self.user)

    def has(self, permission: PermissionEnum) -> bool:
        return permission in self.permissions

    @cached_property
    def areas(self) -> tuple[Area, ...]:
        found = []
        if self.memberships:
            found.append(Area.SELLER)
        if self.permissions & CURATOR_PERMISSIONS:
            found.append(Area.CURATOR)
        if getattr(self.user, "is_staff", False) and self.permissions - CURATOR_PERMISSIONS:
            found.append(Area.STAFF)
        return tuple(found)

    # ------------------------------------------------------------ the seller centre's shop

    @cached_property
    def membership(self) -> VendorMember | None:
        """The shop being worked on: the one chosen in this session, or the only one."""
        chosen = self.session.get(SHOP_SESSION_KEY)
        for membership in self.memberships:
            if membership.vendor_id == chosen:
                return membership
        return self.memberships[0] if len(self.memberships) == 1 else None

    @property
    def shop(self) -> Vendor | None:
        return self.membership.vendor if self.membership else None

    def choose_shop(self, vendor_id: int) -> bool:
        if not any(m.vendor_id == vendor_id for m in self.memberships):
            return False
        self.session[SHOP_SESSION_KEY] = vendor_id
        self.__dict__.pop("membership", None)
        return True

    @cached_property
    def shop_scope(self) -> Any:
        """The current shop as the policy's queryset (readable by this person): every seller
        page reads through it, never through a vendor id of its own."""
        shop = self.shop
        readable = policies.vendors_for(as_actor(self.user), VendorAction.VIEW)
        return readable.filter(pk=shop.pk) if shop else readable.none()

    @cached_property
    def shop_writable(self) -> bool:
        """May this person change the shop now (an ACTIVE shop's member)? For showing or
        hiding buttons only: the services decide, with the same policy."""
        shop = self.shop
        return bool(shop) and policies.allowed(as_actor(self.user), VendorAction.EDIT_PRODUCTS, shop)  # type: ignore[arg-type]


def roles(request: HttpRequest) -> Roles:
    cached = getattr(request, "_backoffice_roles", None)
    if cached is None:
        cached = request._backoffice_roles = Roles(user=request.user, session=request.session)  # type: ignore[attr-defined]
    return cached
