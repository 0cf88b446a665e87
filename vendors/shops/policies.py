"""The one answer to "may this actor act for this vendor?", as a check (for services) and
as a queryset (for selectors).

Staff holding the permission act for every vendor; a vendor's members act for their own
vendor only, and only while it is ACTIVE (a suspended shop's members can no longer write;
they may still read their own shop). Everyone else acts for none.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from marketplace.accounts.permissions import PermissionEnum, has_permissions
from vendors.shops.models import Vendor, VendorMemberRole, VendorStatus


def _is_user(actor: Any) -> bool:
    return (
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and hasattr(actor, "vendor_memberships")
    )


def vendors_readable_by(
    actor: Any, *, staff_permission: PermissionEnum = PermissionEnum.MANAGE_VENDORS
) -> QuerySet[Vendor]:
    """Vendors whose private data (members, warehouses, commission) the actor may read."""
    if has_permissions(actor, [staff_permission]):
        return Vendor.objects.all()
    if not _is_user(actor):
        return Vendor.objects.none()
    return Vendor.objects.filter(members__user=actor)


def vendors_writable_by(
    actor: Any, *, staff_permission: PermissionEnum = PermissionEnum.MANAGE_PRODUCTS, owner_only: bool = False
) -> QuerySet[Vendor]:
    """Vendors the actor may change (their products, stock...): queryset form of the policy."""
    if has_permissions(actor, [staff_permission]):
        return Vendor.objects.all()
    if not _is_user(actor):
        return Vendor.objects.none()
    members = {"members__user": actor}
    if owner_only:
        members["members__role"] = VendorMemberRole.OWNER
    return Vendor.objects.filter(status=VendorStatus.ACTIVE, **members)


def can_read_vendor(actor: Any, vendor: Vendor) -> bool:
    return vendors_readable_by(actor).filter(pk=vendor.pk).exists()


def can_write_vendor(actor: Any, vendor: Vendor, **options: Any) -> bool:
    return vendors_writable_by(actor, **options).filter(pk=vendor.pk).exists()


def require_write_vendor(actor: Any, vendor: Vendor, **options: Any) -> None:
    if not can_write_vendor(actor, vendor, **options):
        raise PermissionDenied("You cannot act for this artisan shop.")
