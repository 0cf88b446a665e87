"""Generations of the catalogue, for the caches of catalogue reads (product counts, the
anonymous read cache of the API).

A cached answer is stored with the generations it was computed under and served only
while they are still current. Two counters, in the shared cache (Redis):

- ``catalog``: bumped by every service that changes what the public catalogue shows —
  products, their listings, prices, variants, media, translations, categories,
  collections, shops (status, name) — through ``catalog_changed()``;
- ``stock``: bumped by every change of what can be bought — stock levels, allocations,
  reservations — through ``stock_changed()``; only answers that read stock depend on it.

Both are bumped after the transaction commits (a reader that read the old generation and
then the new rows caches an answer nobody will read again: sound either way). A generation
is the time of the change in nanoseconds, so a counter that is lost (Redis flushed or
restarted) starts again from the clock, never from a number an old entry was stored under,
and with read replicas an answer computed within their lag bound of a change lives only
until that bound has passed (it may have been read from a replica that had not replayed
it). Time-driven changes (a scheduled publication, a reservation expiring, a product
becoming available for purchase) end an entry's life at that moment (``lifetime``);
otherwise entries live ``CATALOG_CACHE_SECONDS`` / ``PRODUCT_COUNT_CACHE_SECONDS``.
"""

import functools
import hashlib
import json
import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

logger = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

CATALOG = "catalog:generation"
STOCK = "catalog:stock-generation"


class LastBump:
    """When this process last bumped a generation (``time.monotonic()``): a copy of the
    generations kept in the process (the read cache's ``CATALOG_CACHE_LOCAL_SECONDS``) is
    not used past its own writes."""

    at = 0.0


def generations(*, stock: bool = False) -> tuple[int, ...] | None:
    """The current generations (catalogue, and stock when asked); None when the cache is
    unreachable (then nothing is read from it or stored)."""
    keys = [CATALOG, STOCK] if stock else [CATALOG]
    try:
        found = cache.get_many(keys)
        missing = [key for key in keys if key not in found]
        for key in missing:
            cache.add(key, time.time_ns(), timeout=None)
        if missing:
            found = cache.get_many(keys)
        return tuple(int(found[key]) for key in keys)
    except Exception:  # Redis down: serve uncached
        logger.warning("catalog cache: the generations could not be read", exc_info=True)
        return None


def _bump(key: str) -> None:
    """A new generation: the time of the change, in nanoseconds (a number no entry was
    stored under; ``lifetime`` also reads it as the moment of the last change)."""
    try:
        cache.set(key, time.time_ns(), timeout=None)
    except Exception:
        logger.warning("catalog cache: %s could not be bumped", key, exc_info=True)
    LastBump.at = time.monotonic()


def catalog_changed() -> None:
    """Call from each service that changes what the public catalogue shows."""
    transaction.on_commit(lambda: _bump(CATALOG))


def stock_changed() -> None:
    """Call from each service that changes stock, allocations or reservations."""
    transaction.on_commit(lambda: _bump(STOCK))


def cached_product_count(*, channel_id: int, arguments: object, count: Callable[[], int]) -> int:
    """``count()`` of the public products of a channel matching ``arguments`` (the
    filter, where and search of a product list, as JSON-able values), cached for
    ``PRODUCT_COUNT_CACHE_SECONDS`` while the catalogue (and, for a stock filter, the
    stock) has not changed, and never past the next scheduled change (``lifetime``)."""
    seconds = settings.PRODUCT_COUNT_CACHE_SECONDS
    if not seconds:
        return count()
    text = json.dumps([channel_id, arguments], sort_keys=True, default=str)
    stock = "stock" in text.lower()
    key = "catalog:count:" + hashlib.sha256(text.encode()).hexdigest()
    names = [CATALOG, STOCK] if stock else [CATALOG]
    try:  # the generations and the entry in one round trip
        found = cache.get_many([*names, key])
    except Exception:
        found = {}
    entry = found.get(key)
    current = (
        tuple(int(found[name]) for name in names)
        if all(name in found for name in names)
        else generations(stock=stock)  # sets a missing counter; None if Redis is down
    )
    if current is None:
        return count()
    if entry is not None and tuple(entry[0]) == current:
        return int(entry[1])
    value = count()
    seconds = lifetime(seconds, current)
    if seconds > 0:
        try:
            cache.set(key, (current, value), seconds)
        except Exception:
            logger.warning("catalog cache: a product count could not be stored", exc_info=True)
    return value


def lifetime(seconds: float, current: tuple[int, ...]) -> int:
    """How long an entry computed under the generations ``current`` may live: ``seconds``,
    and no longer than the next change that comes with time rather than with a write — a
    product or collection whose publication is scheduled, a product that becomes available
    for purchase, and (for answers that read stock) a reservation that expires."""
    now = timezone.now()
    window = _replica_window(current)
    if window is not None:
        seconds = min(seconds, window)
    moments = [_next_moment(CATALOG + ":next", current[0], _next_scheduled, now)]
    if len(current) > 1:
        moments.append(_next_moment(STOCK + ":next", current[1], _next_expiry, now))
    soonest = min((m for m in moments if m is not None), default=None)
    if soonest is None:
        return int(seconds)
    return int(max(0, min(seconds, (soonest - now).total_seconds())))


def _replica_window(current: tuple[int, ...]) -> float | None:
    """With read replicas, public reads may come from one that lags (at most
    ``DATABASE_REPLICA_MAX_LAG_SECONDS``, checked every ``DATABASE_REPLICA_CHECK_SECONDS``):
    an answer computed that soon after the last change may predate it, so it lives only until
    that window has passed. None without replicas or when the last change is older."""
    from marketplace.core.db_routing import replica_aliases

    if not replica_aliases():
        return None
    window = settings.DATABASE_REPLICA_MAX_LAG_SECONDS + settings.DATABASE_REPLICA_CHECK_SECONDS
    since = (time.time_ns() - max(current)) / 1e9  # generations are the times of the changes
    return None if since >= window else max(0.0, window - since)


def _next_moment(key: str, generation: int, compute: Callable[[datetime], datetime | None], now: datetime):  # type: ignore[no-untyped-def]
    """The next scheduled moment, computed once per generation (and again once it passed)."""
    try:
        found = cache.get(key)
    except Exception:
        found = None
    if found is not None and found[0] == generation and (found[1] is None or found[1] > now):
        return found[1]
    moment = compute(now)
    try:
        cache.set(key, (generation, moment), 24 * 3600)
    except Exception:
        logger.warning("catalog cache: %s could not be stored", key, exc_info=True)
    return moment


def _next_scheduled(now: datetime) -> datetime | None:
    from marketplace.catalog.models import CollectionChannelListing, ProductChannelListing

    products = ProductChannelListing.objects.aggregate(
        published=Min("published_at", filter=Q(published_at__gt=now, is_published=True)),
        purchasable=Min("available_for_purchase_at", filter=Q(available_for_purchase_at__gt=now)),
    )
    collections = CollectionChannelListing.objects.filter(published_at__gt=now, is_published=True).aggregate(
        published=Min("published_at")
    )
    moments = [products["published"], products["purchasable"], collections["published"]]
    return min((m for m in moments if m is not None), default=None)


def _next_expiry(now: datetime) -> datetime | None:
    from marketplace.inventory.models import Reservation

    soonest: datetime | None = Reservation.objects.filter(reserved_until__gt=now).aggregate(
        soonest=Min("reserved_until")
    )["soonest"]
    return soonest


def changes_catalog(function: Callable[P, R]) -> Callable[P, R]:
    """Marks a service that changes what the public catalogue shows: once it returns, the
    cached catalogue reads are dropped (when its transaction commits)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        result = function(*args, **kwargs)
        catalog_changed()
        return result

    return wrapper


def changes_stock(function: Callable[P, R]) -> Callable[P, R]:
    """Marks a service that changes stock, allocations or reservations (see ``changes_catalog``)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        result = function(*args, **kwargs)
        stock_changed()
        return result

    return wrapper
