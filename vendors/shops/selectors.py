"""Reads of vendors with the public visibility rule: only ACTIVE shops are ever public."""

from collections.abc import Iterable

from django.db.models import QuerySet

from marketplace.core.text import search_terms, word_start
from vendors.shops.models import Vendor


def public_vendors() -> QuerySet[Vendor]:
    return Vendor.objects.active()


def vendor_list(
    *, search: str | None = None, village_ids: Iterable[int] | None = None, max_search_length: int = 200
) -> QuerySet[Vendor]:
    qs = public_vendors()
    if village_ids is not None:
        qs = qs.filter(village_id__in=list(village_ids))
    for term in search_terms(search or "", max_length=max_search_length):
        qs = qs.filter(search_document__contains=word_start(term))
    return qs
