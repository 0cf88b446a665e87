"""Per-request loaders for stock and warehouses: one SQL query per batch."""

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.inventory.models import Reservation, Stock, Warehouse
from storefront_api.core.dataloaders import DataLoader, by_id, grouped


class WarehouseByIdLoader(DataLoader[int, Warehouse | None]):
    def batch_load(self, keys):
        return by_id(Warehouse, keys, related=["address"])


class StocksByVariantIdLoader(DataLoader[int, list[Stock]]):
    """A variant's stock rows, each with ``quantity_reserved``: the units its unexpired
    reservations hold (one query)."""

    def batch_load(self, keys):
        held = (
            Reservation.objects.filter(stock_id=OuterRef("pk"), reserved_until__gt=timezone.now())
            .values("stock_id")
            .annotate(units=Sum("quantity_reserved"))
            .values("units")
        )
        rows = (
            Stock.objects.filter(product_variant_id__in=keys)
            .annotate(quantity_reserved=Coalesce(Subquery(held), 0))
            .order_by("warehouse_id", "pk")
        )
        return grouped(rows, "product_variant_id", keys)
