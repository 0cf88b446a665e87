from collections import defaultdict

from marketplace.inventory.models import Warehouse
from storefront_api.core.dataloaders import DataLoader
from storefront_api.core.permissions import principal
from vendors.shops.models import Vendor, VendorMember
from vendors.shops.policies import VendorAction, vendors_for
from vendors.villages.models import CraftVillage, CraftVillageTranslation


class VendorByIdLoader(DataLoader[int, Vendor | None]):
    def batch_load(self, keys):
        found = Vendor.objects.in_bulk(keys)
        return [found.get(key) for key in keys]


class CraftVillageByIdLoader(DataLoader[int, CraftVillage | None]):
    def batch_load(self, keys):
        found = CraftVillage.objects.in_bulk(keys)
        return [found.get(key) for key in keys]


class ActiveVendorsByVillageIdLoader(DataLoader[int, list[Vendor]]):
    def batch_load(self, keys):
        groups: dict[int, list[Vendor]] = defaultdict(list)
        for vendor in Vendor.objects.active().filter(village_id__in=keys).order_by("name", "pk"):
            groups[vendor.village_id].append(vendor)  # type: ignore[index]
        return [groups.get(key, []) for key in keys]


class CraftVillageTranslationByVillageIdAndLanguageLoader(
    DataLoader[tuple[int, str], CraftVillageTranslation | None]
):
    def batch_load(self, keys):
        rows = CraftVillageTranslation.objects.filter(
            village_id__in={k for k, _ in keys}, language_code__in={lang for _, lang in keys}
        )
        found = {(r.village_id, r.language_code): r for r in rows}
        return [found.get(key) for key in keys]


class MembersByVendorIdLoader(DataLoader[int, list[VendorMember]]):
    def batch_load(self, keys):
        groups: dict[int, list[VendorMember]] = defaultdict(list)
        for member in VendorMember.objects.filter(vendor_id__in=keys).select_related("user").order_by("pk"):
            groups[member.vendor_id].append(member)
        return [groups.get(key, []) for key in keys]


class WarehousesByVendorIdLoader(DataLoader[int, list[Warehouse]]):
    def batch_load(self, keys):
        groups: dict[int, list[Warehouse]] = defaultdict(list)
        rows = Warehouse.objects.filter(vendor_id__in=keys).select_related("address").order_by("slug")
        for warehouse in rows:
            groups[warehouse.vendor_id].append(warehouse)  # type: ignore[index]
        return [groups.get(key, []) for key in keys]


def readable_vendor_ids(info) -> frozenset[int]:
    """The shops whose private fields the caller may read, computed once per request."""
    cache = info.context.__dict__
    if "_readable_vendor_ids" not in cache:
        actor = principal(info)
        ids = vendors_for(actor, VendorAction.VIEW).values_list("pk", flat=True) if actor is not None else []
        cache["_readable_vendor_ids"] = frozenset(ids)
    return cache["_readable_vendor_ids"]
