from vendors.villages.models import CraftVillage
from marketplace.core.text import search_key


def village_search_document(village: CraftVillage, *, english_name: str = "") -> str:
    return search_key(" ".join([village.name, english_name, village.craft, village.commune, village.legacy_district]))


def village_refresh_search_document(village: CraftVillage) -> None:
    english = village.translations.filter(language_code="en").values_list("name", flat=True).first()
    village.search_document = village_search_document(village, english_name=english or "")
    village.save(update_fields=["search_document"])
