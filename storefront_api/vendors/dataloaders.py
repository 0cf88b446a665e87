from collections import defaultdict

from storefront_api.core.dataloaders import DataLoader
from vendors.shops.models import Vendor
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
            groups[vendor.village_id].append(vendor)
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
