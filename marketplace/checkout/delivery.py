"""Pickup instead of delivery: which collection points can serve a checkout.

A workshop offering LOCAL pickup serves a cart made only of its own shop's items; a point
offering ALL (the Design Centre at the Hanoi Museum) serves any cart, the shops bringing
their parcels there.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from marketplace.checkout.fetch import CheckoutInfo
from marketplace.inventory.models import ClickAndCollectOption, Warehouse
from vendors.shops.models import VendorStatus


def collection_points_for(info: CheckoutInfo) -> list[Warehouse]:
    """One query."""
    return collection_points_by_vendors([frozenset(info.vendor_ids)])[0]


def collection_points_by_vendors(vendor_sets: list[frozenset[int]]) -> list[list[Warehouse]]:
    """For carts of these sets of shops (one query for all): the ALL points for any
    non-empty cart, and a shop's LOCAL workshops for a cart of that shop alone."""
    singles = {next(iter(vendors)) for vendors in vendor_sets if len(vendors) == 1}
    condition = Q(click_and_collect_option=ClickAndCollectOption.ALL)
    if singles:
        condition |= Q(
            click_and_collect_option=ClickAndCollectOption.LOCAL,
            vendor_id__in=singles,
            vendor__status=VendorStatus.ACTIVE,
        )
    points = (
        list(Warehouse.objects.filter(condition).select_related("address").order_by("name", "pk"))
        if any(vendor_sets)
        else []
    )
    return [
        [
            point
            for point in points
            if vendors
            and (point.click_and_collect_option == ClickAndCollectOption.ALL or {point.vendor_id} == vendors)
        ]
        for vendors in vendor_sets
    ]


def can_collect_at(info: CheckoutInfo, warehouse_id: int) -> bool:
    return any(point.pk == warehouse_id for point in collection_points_for(info))


@dataclass(frozen=True)
class PickupOption:
    """A collection point offered as a delivery option (free: the buyer collects there).
    Shaped like a ``MethodOption`` so a storefront that lists only shipping methods (Saleor's
    ``deliveryOptionsCalculate``) can offer it too."""

    point: Warehouse
    currency: str
    language: str = "vi"
    active: bool = True
    message: str = ""

    kind = "pickup"
    price = Decimal(0)
    minimum_delivery_days = None
    maximum_delivery_days = None

    @property
    def pk(self) -> int:
        return self.point.pk

    @property
    def name(self) -> str:
        prefix = "Pick up at" if self.language.startswith("en") else "Nhận tại"
        return f"{prefix} {self.point.name}"

    @property
    def description(self) -> str:
        address = self.point.address
        return ", ".join(p for p in (address.street_address_1, address.city, address.country_area) if p)


def pickup_options(info: CheckoutInfo, points: list[Warehouse]) -> list[PickupOption]:
    return [PickupOption(point, info.currency, info.checkout.language_code) for point in points]
