"""Every read of the staff console, each a fixed number of SQL queries whatever the number
of rows. Shops come from the vendor policy's queryset form (``vendors_for``)."""

from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet

from marketplace.core.text import search_terms, word_start
from vendors.shops.models import Vendor, VendorMember
from vendors.shops.policies import VendorAction, vendors_for


def shops(actor: Any, *, search: str = "", status: str = "") -> QuerySet[Vendor]:
    qs = (
        vendors_for(actor, VendorAction.VIEW)
        .select_related("village")
        .annotate(product_count=Count("products", distinct=True))
        .defer("search_document", "description")
        .order_by("name", "pk")
    )
    if status:
        qs = qs.filter(status=status)
    for term in search_terms(search or "", max_length=settings.SEARCH_MAX_LENGTH):
        qs = qs.filter(search_document__contains=word_start(term))
    return qs


def shop(actor: Any, pk: int) -> Vendor | None:
    return vendors_for(actor, VendorAction.VIEW).select_related("village").filter(pk=pk).first()


def shop_members(vendor: Vendor) -> list[VendorMember]:
    return list(VendorMember.objects.filter(vendor=vendor).select_related("user").order_by("pk"))
