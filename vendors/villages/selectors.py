from django.db.models import QuerySet

from marketplace.core.text import search_terms, word_start
from vendors.villages.models import CraftVillage


def village_list(*, search: str | None = None, max_search_length: int = 200) -> QuerySet[CraftVillage]:
    qs = CraftVillage.objects.all()
    for term in search_terms(search or "", max_length=max_search_length):
        qs = qs.filter(search_document__contains=word_start(term))
    return qs


def village_ids(*, ids: list[int], slugs: list[str]) -> list[int]:
    """The villages named by primary key or by slug: the given keys, plus the keys of the
    slugs that exist (an unknown slug names no village)."""
    if not slugs:
        return list(ids)
    return [*ids, *CraftVillage.objects.filter(slug__in=slugs).values_list("pk", flat=True)]


def villages() -> QuerySet[CraftVillage]:
    return CraftVillage.objects.all()
