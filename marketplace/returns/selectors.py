"""Reads of return requests (the caller checks who may see them)."""

from django.db.models import QuerySet

from marketplace.returns.models import ReturnRequest
from vendors.shops.models import Vendor


def return_by_id(pk: int) -> ReturnRequest | None:
    return ReturnRequest.objects.select_related("vendor_order").filter(pk=pk).first()


def returns_of(vendor: Vendor) -> QuerySet[ReturnRequest]:
    """A shop's return requests (any state)."""
    return ReturnRequest.objects.filter(vendor_order__vendor=vendor)
