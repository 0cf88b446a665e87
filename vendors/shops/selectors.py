"""Reads of vendors with the visibility rule: only ACTIVE shops are ever public; a shop's
members also see their own shop in any status, and MANAGE_VENDORS staff see every shop."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from marketplace.core.text import search_terms, word_start
from vendors.shops.models import Vendor
from vendors.shops.policies import vendors_readable_by


def public_vendors() -> QuerySet[Vendor]:
    return Vendor.objects.active()


def vendors_visible_to(actor: Any) -> QuerySet[Vendor]:
    if actor is None:
        return public_vendors()
    return Vendor.objects.filter(Q(status="ACTIVE") | Q(pk__in=vendors_readable_by(actor).values("pk")))


def vendor_list(
    *,
    actor: Any = None,
    search: str | None = None,
    village_ids: Iterable[int] | None = None,
    max_search_length: int = 200,
) -> QuerySet[Vendor]:
    qs = vendors_visible_to(actor)
    if village_ids is not None:
        qs = qs.filter(village_id__in=list(village_ids))
    for term in search_terms(search or "", max_length=max_search_length):
        qs = qs.filter(search_document__contains=word_start(term))
    return qs
