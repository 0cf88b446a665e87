"""Reads of vendors with the visibility rule: only ACTIVE shops are ever public; a shop's
members also see their own shop in any status, and MANAGE_VENDORS staff see every shop."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from marketplace.accounts.actors import Actor, actor_user
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum, has_one_of_permissions
from marketplace.core.text import search_terms, word_start
from marketplace.inventory.models import Warehouse
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus
from vendors.shops.policies import VendorAction, vendors_for


def public_vendors() -> QuerySet[Vendor]:
    return Vendor.objects.active()


def vendors_visible_to(actor: Actor) -> QuerySet[Vendor]:
    if actor is None:
        return public_vendors()
    return Vendor.objects.filter(
        Q(status="ACTIVE") | Q(pk__in=vendors_for(actor, VendorAction.VIEW).values("pk"))
    )


def vendor_list(
    *,
    actor: Actor = None,
    search: str | None = None,
    village_ids: Iterable[int] | None = None,
    max_search_length: int = 200,
) -> QuerySet[Vendor]:
    qs = vendors_visible_to(actor)
    if village_ids is not None:
        qs = qs.filter(village_id__in=list(village_ids))
    for term in search_terms(search or "", max_length=max_search_length):
        qs = qs.filter(search_document__contains=word_start(term))
    return qs


def vendors_solely_owned_by(user: User) -> QuerySet[Vendor]:
    """Shops (not rejected) where ``user`` is the only OWNER: they would be left without one."""
    owned = Vendor.objects.filter(members__user=user, members__role=VendorMemberRole.OWNER).exclude(
        status=VendorStatus.REJECTED
    )
    others = VendorMember.objects.filter(role=VendorMemberRole.OWNER).exclude(user=user)
    return owned.exclude(pk__in=others.values("vendor_id")).order_by("name", "pk")


def memberships_of(actor: Actor) -> QuerySet[VendorMember]:
    """The shops ``actor`` (a person) is a member of (any status), with their role, by shop
    name: the seller centre's shop picker. What a member may then read or write in a shop is
    the policy's (``vendors.shops.policies``)."""
    user = actor_user(actor)
    if user is None:
        return VendorMember.objects.none()
    return (
        VendorMember.objects.filter(user=user).select_related("vendor").order_by("vendor__name", "vendor_id")
    )


def vendor_by_id(pk: int) -> Vendor | None:
    """A shop to act on, whatever its status (the service checks who may)."""
    return Vendor.objects.filter(pk=pk).first()


# ---------------------------------------------------------------- warehouses and stock

WAREHOUSE_PERMISSIONS = (PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS)


def warehouses_visible_to(actor: Actor) -> QuerySet[Warehouse] | None:
    """Staff with MANAGE_PRODUCTS or MANAGE_ORDERS (and apps, ``SYSTEM``) see every
    warehouse, the Design Centre's too; a shop's members their shop's; anyone else none
    (``None``: the caller is refused, not shown an empty list)."""
    qs = Warehouse.objects.select_related("address").order_by("slug", "pk")
    if actor is None:
        return None
    if has_one_of_permissions(actor, WAREHOUSE_PERMISSIONS):
        return qs
    own = vendors_for(actor, VendorAction.VIEW)
    if not own.exists():
        return None
    return qs.filter(vendor__in=own)


def stock_readable_vendor_ids(actor: Actor) -> frozenset[int] | None:
    """The shops whose stock rows the caller may read: every shop (``None``) for staff
    with MANAGE_PRODUCTS or MANAGE_ORDERS, else the shops whose products it may view (its
    own), in one query."""
    if actor is not None and has_one_of_permissions(actor, WAREHOUSE_PERMISSIONS):
        return None
    if actor is None:
        return frozenset()
    return frozenset(vendors_for(actor, VendorAction.VIEW_PRODUCTS).values_list("pk", flat=True))
