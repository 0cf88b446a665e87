"""Stock: how much can be sold, reserving it for carts, allocating it to orders.

Available units of a stock = ``quantity`` - ``quantity_allocated`` - units held by the
unexpired reservations of other checkouts. An expired reservation holds nothing from the
moment it expires: no job has to run first (a beat task only deletes the rows).

Every check-then-act runs under ``select_for_update`` on the stock rows, locked in
primary-key order, so two buyers racing for the last unit are served one after the
other and the database constraints (``quantity_allocated <= quantity``) stay a backstop.
The one lock order of the whole project: the checkout or order row first (which tells
which stock rows are concerned), then its vendor orders and payments, then stock rows by
id — no two transactions can wait on each other in a cycle.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.catalog.cache import changes_stock
from marketplace.inventory.models import Allocation, Reservation, Stock, Warehouse


@dataclass(frozen=True)
class Shortage:
    variant_id: int
    requested: int
    available: int


def lock_stocks(variant_ids: Iterable[int]) -> list[Stock]:
    """The stock rows of these variants, locked in primary-key order (the lock order of
    every stock write: it makes concurrent checkouts queue instead of deadlocking)."""
    ids = sorted(set(variant_ids))
    if not ids:
        return []
    return list(Stock.objects.select_for_update().filter(product_variant_id__in=ids).order_by("pk"))


def _reserved_by_others(stock_ids: list[int], *, checkout_token: Any, now: datetime) -> dict[int, int]:
    rows = (
        Reservation.objects.filter(stock_id__in=stock_ids, reserved_until__gt=now)
        .exclude(checkout_line__checkout_id=checkout_token)
        .values("stock_id")
        .annotate(held=Sum("quantity_reserved"))
    )
    return {row["stock_id"]: row["held"] for row in rows}


def stock_availability(
    stocks: list[Stock], *, checkout_token: Any = None, now: datetime | None = None
) -> dict[int, int]:
    """Units each stock can still give to ``checkout_token`` (its own reservations count
    as available to it), by stock id."""
    now = now or timezone.now()
    held = _reserved_by_others([s.pk for s in stocks], checkout_token=checkout_token, now=now)
    return {s.pk: max(s.quantity - s.quantity_allocated - held.get(s.pk, 0), 0) for s in stocks}


def available_by_variant(variant_ids: Iterable[int], *, now: datetime | None = None) -> dict[int, int]:
    """Units of each variant that can still be sold (no lock; for display), in one query:
    each stock row with the units its unexpired reservations hold."""
    held = (
        Reservation.objects.filter(stock_id=OuterRef("pk"), reserved_until__gt=now or timezone.now())
        .values("stock_id")
        .annotate(units=Sum("quantity_reserved"))
        .values("units")
    )
    stocks = Stock.objects.filter(product_variant_id__in=set(variant_ids)).annotate(
        held=Coalesce(Subquery(held), 0)
    )
    totals: dict[int, int] = defaultdict(int)
    for stock in stocks:
        totals[stock.product_variant_id] += max(stock.quantity - stock.quantity_allocated - stock.held, 0)
    return dict(totals)


def available_for_checkouts(
    pairs: Iterable[tuple[Any, int]], *, now: datetime | None = None
) -> dict[tuple[Any, int], int]:
    """Units of each variant each checkout can still get, ``{(token, variant_id): units}``
    (its own reservations count as available to it; no lock, for display), in two queries
    whatever the number of pairs."""
    pairs = list(pairs)
    now = now or timezone.now()
    stocks = list(Stock.objects.filter(product_variant_id__in={v for _, v in pairs}))
    held: dict[tuple[int, Any], int] = defaultdict(int)
    for stock_id, token, units in Reservation.objects.filter(
        stock_id__in=[s.pk for s in stocks], reserved_until__gt=now
    ).values_list("stock_id", "checkout_line__checkout_id", "quantity_reserved"):
        held[(stock_id, token)] += units
    by_stock_total: dict[int, int] = defaultdict(int)
    for (stock_id, _), units in held.items():
        by_stock_total[stock_id] += units
    result = {}
    for token, variant_id in pairs:
        result[(token, variant_id)] = sum(
            max(
                s.quantity - s.quantity_allocated - (by_stock_total[s.pk] - held.get((s.pk, token), 0)),
                0,
            )
            for s in stocks
            if s.product_variant_id == variant_id
        )
    return result


def _spread(stocks: list[Stock], available: dict[int, int], quantity: int) -> list[tuple[Stock, int]]:
    """Take ``quantity`` from the stocks with the most available units first."""
    taken = []
    for stock in sorted(stocks, key=lambda s: (-available[s.pk], s.pk)):
        if quantity <= 0:
            break
        part = min(available[stock.pk], quantity)
        if part > 0:
            taken.append((stock, part))
            quantity -= part
    return taken


def shortages(
    *, checkout_token: Any, lines: list[tuple[int, int, bool]], locked: list[Stock]
) -> list[Shortage]:
    """The lines ``(variant_id, quantity, track_inventory)`` that the locked stocks cannot
    give to ``checkout_token`` (its own reservations count as available to it). Writes
    nothing: holding stock is ``hold``'s job."""
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in locked:
        by_variant[stock.product_variant_id].append(stock)
    available = stock_availability(locked, checkout_token=checkout_token)
    found = []
    for variant_id, quantity, tracked in lines:
        total = sum(available[s.pk] for s in by_variant.get(variant_id, []))
        if tracked and total < quantity:
            found.append(Shortage(variant_id, quantity, total))
    return found


def _held_by_client(
    stock_ids: list[int], *, client_key: str, checkout_token: Any, now: datetime
) -> dict[int, int]:
    """Units of each variant the client's other checkouts hold now."""
    if not client_key or not stock_ids:
        return {}
    rows = (
        Reservation.objects.filter(
            stock_id__in=stock_ids, reserved_until__gt=now, checkout_line__checkout__client_key=client_key
        )
        .exclude(checkout_line__checkout_id=checkout_token)
        .values("stock__product_variant_id")
        .annotate(held=Sum("quantity_reserved"))
    )
    return {row["stock__product_variant_id"]: row["held"] for row in rows}


@changes_stock
def release(*, checkout_token: Any) -> None:
    """The checkout holds nothing any more."""
    Reservation.objects.filter(checkout_line__checkout_id=checkout_token).delete()


@changes_stock
def hold(
    *,
    checkout_token: Any,
    client_key: str,
    lines: list[tuple[Any, int, bool]],
    locked: list[Stock],
    until: datetime,
    max_units: int,
    client_max_units: int,
) -> int:
    """Replace the checkout's reservations: each line ``(line, quantity, track_inventory)``
    holds, until ``until``, as many of its units as are free, at most ``max_units`` of a
    variant, and no more than what keeps the client's checkouts together within
    ``client_max_units`` of a variant. Never fails: what cannot be held is simply not held
    (the order's allocation checks the stock again). Runs under the locks of
    ``lock_stocks`` (every variant of the lines); returns the units held."""
    now = timezone.now()
    release(checkout_token=checkout_token)
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in locked:
        by_variant[stock.product_variant_id].append(stock)
    available = stock_availability(locked, checkout_token=checkout_token, now=now)
    by_client = _held_by_client(
        [s.pk for s in locked], client_key=client_key, checkout_token=checkout_token, now=now
    )
    plans = []
    for line, quantity, tracked in lines:
        if not tracked:
            continue
        stocks = by_variant.get(line.variant_id, [])
        wanted = min(
            quantity,
            max_units,
            client_max_units - by_client.get(line.variant_id, 0),
            sum(available[s.pk] for s in stocks),
        )
        if wanted > 0:
            plans += [(line, stock, part) for stock, part in _spread(stocks, available, wanted)]
    Reservation.objects.bulk_create(
        Reservation(checkout_line=line, stock=stock, quantity_reserved=part, reserved_until=until)
        for line, stock, part in plans
    )
    return sum(part for _, _, part in plans)


@changes_stock
def delete_expired_reservations(*, now: datetime | None = None) -> int:
    deleted, _ = Reservation.objects.filter(reserved_until__lte=now or timezone.now()).delete()
    return deleted


@changes_stock
def allocate(
    *, checkout_token: Any, lines: list[tuple[Any, int, int, bool]], locked: list[Stock]
) -> list[Shortage]:
    """Allocate order lines ``(order_line, variant_id, quantity, track_inventory)`` from
    the locked stocks; returns the shortages and writes nothing when there are any."""
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in locked:
        by_variant[stock.product_variant_id].append(stock)
    available = stock_availability(locked, checkout_token=checkout_token)
    plans, shortages = [], []
    for order_line, variant_id, quantity, tracked in lines:
        if not tracked:
            continue
        stocks = by_variant.get(variant_id, [])
        total = sum(available[s.pk] for s in stocks)
        if total < quantity:
            shortages.append(Shortage(variant_id, quantity, total))
            continue
        for stock, part in _spread(stocks, available, quantity):
            available[stock.pk] -= part
            plans.append((order_line, stock, part))
    if shortages:
        return shortages
    Allocation.objects.bulk_create(
        Allocation(order_line=order_line, stock=stock, quantity_allocated=part)
        for order_line, stock, part in plans
    )
    for _, stock, part in plans:
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") + part)
    return []


@changes_stock
def deallocate(*, order_line_ids: list[Any]) -> None:
    """Give the allocated units of these order lines back (a canceled or expired order)."""
    allocations = list(
        Allocation.objects.filter(order_line_id__in=order_line_ids, quantity_allocated__gt=0).order_by(
            "stock_id"
        )
    )
    lock_stocks_by_id([a.stock_id for a in allocations])
    for allocation in allocations:
        Stock.objects.filter(pk=allocation.stock_id).update(
            quantity_allocated=F("quantity_allocated") - allocation.quantity_allocated
        )
    Allocation.objects.filter(pk__in=[a.pk for a in allocations]).update(quantity_allocated=0)


def lock_stocks_by_id(stock_ids: Iterable[int]) -> list[Stock]:
    ids = sorted(set(stock_ids))
    return list(Stock.objects.select_for_update().filter(pk__in=ids).order_by("pk")) if ids else []


def warehouses_of_vendor(vendor_id: int, warehouse_ids: Iterable[int]) -> list[int]:
    """Those of ``warehouse_ids`` that are the vendor's own."""
    ids = set(warehouse_ids)
    if not ids:
        return []
    return list(Warehouse.objects.filter(pk__in=ids, vendor_id=vendor_id).values_list("pk", flat=True))


def allocated_by_warehouse(*, order_line_id: Any) -> dict[int, int]:
    """Units of an order line still allocated, by warehouse id."""
    rows = (
        Allocation.objects.filter(order_line_id=order_line_id, quantity_allocated__gt=0)
        .values("stock__warehouse_id")
        .annotate(units=Sum("quantity_allocated"))
    )
    return {row["stock__warehouse_id"]: row["units"] for row in rows}


@changes_stock
def ship(*, order_line_id: Any, quantity: int, warehouse_id: int | None = None) -> int:
    """Units leave the workshop (``warehouse_id``, or wherever they are allocated): take them
    out of the line's allocations and the stock. Returns the units taken from allocations
    (less than ``quantity`` only for lines that do not track inventory, or a warehouse that
    holds fewer: the caller checks first with ``allocated_by_warehouse``)."""
    allocations = Allocation.objects.filter(order_line_id=order_line_id, quantity_allocated__gt=0)
    if warehouse_id is not None:
        allocations = allocations.filter(stock__warehouse_id=warehouse_id)
    allocations = list(allocations.order_by("stock_id"))  # type: ignore[assignment]
    lock_stocks_by_id([a.stock_id for a in allocations])
    remaining = quantity
    for allocation in allocations:
        if remaining <= 0:
            break
        part = min(allocation.quantity_allocated, remaining)
        Stock.objects.filter(pk=allocation.stock_id).update(
            quantity=F("quantity") - part, quantity_allocated=F("quantity_allocated") - part
        )
        Allocation.objects.filter(pk=allocation.pk).update(quantity_allocated=F("quantity_allocated") - part)
        remaining -= part
    return quantity - remaining
