"""Pickup instead of delivery: which collection points can serve a checkout.

A workshop offering LOCAL pickup serves a cart made only of its own shop's items; a point
offering ALL (the Design Centre at the Hanoi Museum) serves any cart, the shops bringing
their parcels there.
"""

from django.db.models import Q

from marketplace.checkout.fetch import CheckoutInfo
from marketplace.inventory.models import ClickAndCollectOption, Warehouse
from vendors.shops.models import VendorStatus


def collection_points_for(info: CheckoutInfo) -> list[Warehouse]:
    """One query, cached on the info."""
    if "collection_points" not in info.cache:
        info.cache["collection_points"] = _collection_points(info)
    return info.cache["collection_points"]


def _collection_points(info: CheckoutInfo) -> list[Warehouse]:
    vendor_ids = info.vendor_ids
    if not vendor_ids:
        return []
    condition = Q(click_and_collect_option=ClickAndCollectOption.ALL)
    if len(vendor_ids) == 1:
        condition |= Q(
            click_and_collect_option=ClickAndCollectOption.LOCAL,
            vendor_id__in=vendor_ids,
            vendor__status=VendorStatus.ACTIVE,
        )
    return list(Warehouse.objects.filter(condition).select_related("address").order_by("name", "pk"))


def can_collect_at(info: CheckoutInfo, warehouse_id: int) -> bool:
    return any(point.pk == warehouse_id for point in collection_points_for(info))
