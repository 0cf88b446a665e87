from collections import defaultdict

from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.discounts.models import Voucher, VoucherCode
from storefront_api.core.dataloaders import DataLoader
from storefront_api.core.permissions import principal
from vendors.shops import policies
from vendors.shops.policies import VendorAction


class VoucherByIdLoader(DataLoader[int, Voucher | None]):
    def batch_load(self, keys):  # type: ignore[no-untyped-def]
        found = Voucher.objects.in_bulk(keys)
        return [found.get(key) for key in keys]


class CodesByVoucherIdLoader(DataLoader[int, list[VoucherCode]]):
    def batch_load(self, keys):  # type: ignore[no-untyped-def]
        groups: dict[int, list[VoucherCode]] = defaultdict(list)
        for code in VoucherCode.objects.filter(voucher_id__in=keys).order_by("created_at", "pk"):
            groups[code.voucher_id].append(code)
        return [groups.get(key, []) for key in keys]


def may_manage(info, voucher: Voucher) -> bool:  # type: ignore[no-untyped-def]
    """May the caller read the voucher's codes, counts and listing: MANAGE_DISCOUNTS staff,
    or the members of its shop (the policy's VIEW_VOUCHERS; memberships cached per request)."""
    actor = principal(info)
    if has_permissions(actor, [PermissionEnum.MANAGE_DISCOUNTS]):
        return True
    return voucher.vendor_id is not None and policies.allowed(
        actor, VendorAction.VIEW_VOUCHERS, voucher.vendor_id
    )
