"""The one answer to "may this actor do this to this shop?": named actions, a check for
services, a batch form for lists, and a queryset form for selectors.

Who may do what (``RULES``):

- staff and apps holding the action's permission act for every shop, and so does
  ``SYSTEM`` (it holds every permission);
- a shop's members act for their own shop only: a *read* action in any shop status (a
  suspended shop's members still see their shop), a *write* action only while the shop is
  ACTIVE, and some actions (the shop's profile, its members) only for an OWNER;
- everyone else (anonymous callers, customers, members of another shop) acts for none.

| action              | staff permission | members         | shop status |
| ------------------- | ---------------- | --------------- | ----------- |
| ``VIEW``            | MANAGE_VENDORS   | OWNER, STAFF    | any         |
| ``EDIT``            | MANAGE_VENDORS   | OWNER           | ACTIVE      |
| ``MANAGE_MEMBERS``  | MANAGE_VENDORS   | OWNER           | ACTIVE      |
| ``VIEW_PRODUCTS``   | MANAGE_PRODUCTS  | OWNER, STAFF    | any         |
| ``EDIT_PRODUCTS``   | MANAGE_PRODUCTS  | OWNER, STAFF    | ACTIVE      |
| ``PUBLISH``         | MANAGE_PRODUCTS  | OWNER, STAFF    | ACTIVE      |
| ``VIEW_ORDERS``     | MANAGE_ORDERS    | OWNER, STAFF    | any         |
| ``FULFIL``          | MANAGE_ORDERS    | OWNER, STAFF    | ACTIVE      |
| ``VIEW_PAYOUTS``    | MANAGE_ORDERS    | OWNER, STAFF    | any         |
| ``SUBMIT_SHOWCASE`` | MANAGE_PRODUCTS  | OWNER, STAFF    | ACTIVE      |
| ``VIEW_SHOWCASE``   | MANAGE_SHOWCASE  | OWNER, STAFF    | any         |
| ``WITHDRAW_SHOWCASE``| MANAGE_SHOWCASE | OWNER, STAFF    | ACTIVE      |
| ``SUBMIT_OCOP``     | MANAGE_PRODUCTS  | OWNER, STAFF    | ACTIVE      |
| ``VIEW_OCOP``       | MANAGE_OCOP      | OWNER, STAFF    | any         |
| ``VIEW_VOUCHERS``   | MANAGE_DISCOUNTS | OWNER, STAFF    | any         |
| ``MANAGE_VOUCHERS`` | MANAGE_DISCOUNTS | OWNER           | ACTIVE      |

The API:

- ``allowed(actor, action, vendor) -> bool`` and ``require(actor, action, vendor)``
  (PermissionDenied): one shop (a ``Vendor`` or its id), for services and per-row buttons;
- ``allowed_actions(actor, vendor) -> frozenset[VendorAction]``: every action on one shop
  (a row's buttons in one call);
- ``allowed_vendor_ids(actor, action, vendor_ids) -> frozenset[int]``: the batch form;
- ``vendors_for(actor, action) -> QuerySet[Vendor]``: the queryset form, for selectors and
  listings (a lazy subquery: no query until it is evaluated).

Cost. A check needs the actor's permissions (one query for a staff user, cached on the
user object by ``effective_permissions``; none for customers, anonymous callers and
``SYSTEM``) and the actor's memberships (one query: shop, role and shop status of every
membership). Inside ``scope()`` the memberships are loaded once per actor and reused, so
100 rows with per-row buttons cost what one row costs. Every HTTP request runs inside a
scope (``vendors.shops.middleware.PolicyScopeMiddleware``); outside one (a task, a
management command, a test calling a service) each check loads them afresh. A scope is
per request (a ``ContextVar``: never shared between threads or requests) and keyed by user,
so one actor's memberships never answer for another. A service that changes memberships or
a shop's status calls ``forget()``, so a later check in the same request sees the change.

In a back-office view (``actor = as_actor(request.user)``), a listing comes from the
queryset form and each row's buttons from the check, both inside the request's scope::

    parts = VendorOrder.objects.filter(vendor__in=policies.vendors_for(actor, VendorAction.VIEW_ORDERS))
    for part in parts:  # one query for the actor's memberships, whatever the number of rows
        part.can_fulfil = policies.allowed(actor, VendorAction.FULFIL, part.vendor_id)

The services check again (``require``) whatever the view showed.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from marketplace.accounts.actors import Actor, actor_user
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus


class VendorAction(StrEnum):
    VIEW = "view"  # the shop's private data: members, warehouses, commission
    EDIT = "edit"  # the shop's profile: name, description, phone, logo
    MANAGE_MEMBERS = "manage_members"
    VIEW_PRODUCTS = "view_products"  # drafts and unlisted products too
    EDIT_PRODUCTS = "edit_products"  # products, variants, media, stock
    PUBLISH = "publish"  # channel listings and prices
    VIEW_ORDERS = "view_orders"
    FULFIL = "fulfil"  # fulfil, ready for pickup, cash collected
    VIEW_PAYOUTS = "view_payouts"
    SUBMIT_SHOWCASE = "submit_showcase"
    VIEW_SHOWCASE = "view_showcase"  # the shop's showcase submissions
    WITHDRAW_SHOWCASE = "withdraw_showcase"
    SUBMIT_OCOP = "submit_ocop"
    VIEW_OCOP = "view_ocop"  # OCOP certificates and their scanned documents
    VIEW_VOUCHERS = "view_vouchers"
    MANAGE_VOUCHERS = "manage_vouchers"  # the shop's vouchers: it pays their discounts


@dataclass(frozen=True)
class Rule:
    staff_permission: PermissionEnum
    roles: frozenset[str]
    active_only: bool  # a write: members act only while the shop is ACTIVE


_MEMBERS = frozenset(VendorMemberRole.values)
_OWNERS = frozenset({VendorMemberRole.OWNER.value})
_P = PermissionEnum

RULES: dict[VendorAction, Rule] = {
    VendorAction.VIEW: Rule(_P.MANAGE_VENDORS, _MEMBERS, active_only=False),
    VendorAction.EDIT: Rule(_P.MANAGE_VENDORS, _OWNERS, active_only=True),
    VendorAction.MANAGE_MEMBERS: Rule(_P.MANAGE_VENDORS, _OWNERS, active_only=True),
    VendorAction.VIEW_PRODUCTS: Rule(_P.MANAGE_PRODUCTS, _MEMBERS, active_only=False),
    VendorAction.EDIT_PRODUCTS: Rule(_P.MANAGE_PRODUCTS, _MEMBERS, active_only=True),
    VendorAction.PUBLISH: Rule(_P.MANAGE_PRODUCTS, _MEMBERS, active_only=True),
    VendorAction.VIEW_ORDERS: Rule(_P.MANAGE_ORDERS, _MEMBERS, active_only=False),
    VendorAction.FULFIL: Rule(_P.MANAGE_ORDERS, _MEMBERS, active_only=True),
    VendorAction.VIEW_PAYOUTS: Rule(_P.MANAGE_ORDERS, _MEMBERS, active_only=False),
    VendorAction.SUBMIT_SHOWCASE: Rule(_P.MANAGE_PRODUCTS, _MEMBERS, active_only=True),
    VendorAction.VIEW_SHOWCASE: Rule(_P.MANAGE_SHOWCASE, _MEMBERS, active_only=False),
    VendorAction.WITHDRAW_SHOWCASE: Rule(_P.MANAGE_SHOWCASE, _MEMBERS, active_only=True),
    VendorAction.SUBMIT_OCOP: Rule(_P.MANAGE_PRODUCTS, _MEMBERS, active_only=True),
    VendorAction.VIEW_OCOP: Rule(_P.MANAGE_OCOP, _MEMBERS, active_only=False),
    VendorAction.VIEW_VOUCHERS: Rule(_P.MANAGE_DISCOUNTS, _MEMBERS, active_only=False),
    VendorAction.MANAGE_VOUCHERS: Rule(_P.MANAGE_DISCOUNTS, _OWNERS, active_only=True),
}

# One membership as a check needs it: (role, the shop's status), by shop id.
Memberships = dict[int, tuple[str, str]]

_scope: ContextVar[dict[int, Memberships] | None] = ContextVar("vendor_policy_scope", default=None)


# ---------------------------------------------------------------- the per-request cache


@contextmanager
def scope() -> Iterator[None]:
    """Reuse each actor's memberships until the block ends (one request, one job). A
    nested ``scope()`` shares the outer one."""
    if _scope.get() is not None:
        yield
        return
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def forget() -> None:
    """Drop the cached memberships (now, and again when the transaction commits): a service
    calls it after changing a shop's members or status."""
    cache = _scope.get()
    if cache is not None:
        cache.clear()
        transaction.on_commit(cache.clear)


def _memberships(user: User) -> Memberships:
    cache = _scope.get()
    if cache is not None and user.pk in cache:
        return cache[user.pk]
    rows = VendorMember.objects.filter(user_id=user.pk).values_list("vendor_id", "role", "vendor__status")
    found = {vendor_id: (role, status) for vendor_id, role, status in rows}
    if cache is not None:
        cache[user.pk] = found
    return found


# ---------------------------------------------------------------- checks


def _vendor_id(vendor: Vendor | int) -> int:
    return vendor if isinstance(vendor, int) else vendor.pk


def _member_may(rule: Rule, membership: tuple[str, str] | None) -> bool:
    if membership is None:
        return False
    role, status = membership
    return role in rule.roles and (status == VendorStatus.ACTIVE or not rule.active_only)


def allowed(actor: Actor, action: VendorAction, vendor: Vendor | int) -> bool:
    """May ``actor`` do ``action`` for this shop (a ``Vendor`` or its id)?"""
    rule = RULES[action]
    if has_permissions(actor, [rule.staff_permission]):
        return True
    user = actor_user(actor)
    if user is None:
        return False
    return _member_may(rule, _memberships(user).get(_vendor_id(vendor)))


def require(actor: Actor, action: VendorAction, vendor: Vendor | int) -> None:
    """``allowed`` for services: PermissionDenied when not."""
    if not allowed(actor, action, vendor):
        raise PermissionDenied("You cannot act for this artisan shop.")


def allowed_actions(actor: Actor, vendor: Vendor | int) -> frozenset[VendorAction]:
    """Every action ``actor`` may do for this shop: a row's buttons in one call."""
    return frozenset(action for action in VendorAction if allowed(actor, action, vendor))


def allowed_vendor_ids(actor: Actor, action: VendorAction, vendor_ids: Iterable[int]) -> frozenset[int]:
    """Of ``vendor_ids``, those ``actor`` may do ``action`` for (the batch form: no query
    beyond the actor's permissions and memberships)."""
    ids = frozenset(vendor_ids)
    rule = RULES[action]
    if has_permissions(actor, [rule.staff_permission]):
        return ids
    user = actor_user(actor)
    if user is None or not ids:
        return frozenset()
    memberships = _memberships(user)
    return frozenset(pk for pk in ids if _member_may(rule, memberships.get(pk)))


def vendors_for(actor: Actor, action: VendorAction) -> QuerySet[Vendor]:
    """The shops ``actor`` may do ``action`` for: the queryset form of the same rule."""
    rule = RULES[action]
    if has_permissions(actor, [rule.staff_permission]):
        return Vendor.objects.all()
    user = actor_user(actor)
    if user is None:
        return Vendor.objects.none()
    members: dict[str, object] = {"members__user": user}
    if rule.roles != _MEMBERS:
        members["members__role__in"] = sorted(rule.roles)
    if rule.active_only:
        members["status"] = VendorStatus.ACTIVE
    return Vendor.objects.filter(**members)
