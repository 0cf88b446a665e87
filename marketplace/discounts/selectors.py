"""Reads of vouchers: a code as a buyer types it, and the vouchers an actor may manage."""

from django.db.models import Q, QuerySet, Sum

from marketplace.accounts.actors import Actor
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.discounts.models import Voucher, VoucherCode
from vendors.shops.policies import VendorAction, vendors_for


def code_lookup(code: str) -> VoucherCode | None:
    """The active code matching ``code`` in any letter case, with its voucher and shop."""
    if not code:
        return None
    return (
        VoucherCode.objects.select_related("voucher__vendor")
        .filter(code__iexact=code, is_active=True)
        .first()
    )


def voucher_uses(voucher_id: int) -> int:
    """Orders placed with any of the voucher's codes and not canceled."""
    return VoucherCode.objects.filter(voucher_id=voucher_id).aggregate(used=Sum("used"))["used"] or 0


def vouchers_for(actor: Actor, *, manage: bool = False) -> QuerySet[Voucher]:
    """The vouchers ``actor`` may see (``manage``: change): those of the shops the vendor
    policy allows, and the marketplace's for MANAGE_DISCOUNTS staff."""
    action = VendorAction.MANAGE_VOUCHERS if manage else VendorAction.VIEW_VOUCHERS
    scope = Q(vendor__in=vendors_for(actor, action))
    if has_permissions(actor, [PermissionEnum.MANAGE_DISCOUNTS]):
        scope |= Q(vendor__isnull=True)
    return Voucher.objects.filter(scope)


def search_vouchers(qs: "QuerySet[Voucher]", text: str) -> "QuerySet[Voucher]":
    """Vouchers of ``qs`` whose name holds ``text`` or one of whose codes is ``text`` (any case)."""
    coded = VoucherCode.objects.filter(code__iexact=text).values("voucher_id")
    return qs.filter(Q(name__icontains=text) | Q(pk__in=coded))
