"""Reads of orders by id and of a shop's part-orders (the caller checks who may see them)."""

from typing import Any

from django.db.models import QuerySet

from marketplace.orders.models import Order, VendorOrder
from vendors.shops.models import Vendor


def order_by_id(pk: Any) -> Order | None:
    """The order with ``pk`` (a UUID: its id is also the buyer's token)."""
    return Order.objects.filter(pk=pk).first()


def vendor_order_by_id(pk: int) -> VendorOrder | None:
    return VendorOrder.objects.select_related("vendor").filter(pk=pk).first()


def vendor_orders_of(vendor: Vendor) -> QuerySet[VendorOrder]:
    return VendorOrder.objects.filter(vendor=vendor)
