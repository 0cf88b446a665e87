from marketplace.core.text import search_key
from vendors.villages.models import CraftVillage, CraftVillageTranslation


def village_search_document(village: CraftVillage, *, english: CraftVillageTranslation | None = None) -> str:
    """Folded Vietnamese and English names and crafts, commune and former district."""
    parts = [village.name, village.craft, village.commune, village.legacy_district]
    if english is not None:
        parts += [english.name, english.craft]
    return search_key(" ".join(p for p in parts if p))


def village_refresh_search_document(village: CraftVillage) -> None:
    english = village.translations.filter(language_code="en").first()
    village.search_document = village_search_document(village, english=english)
    village.save(update_fields=["search_document"])
