"""Shared resolution of product connections (the products query and every nested one)."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

from marketplace.accounts.actors import Actor
from marketplace.catalog.cache import cached_product_count
from marketplace.catalog.models import Product
from marketplace.catalog.selectors import (
    MAX_CATEGORY_PARTS,
    listed_count,
    member_products,
    public_products,
    reads_as_public,
    top_in_categories,
    top_search_ranks,
)
from marketplace.channels.models import Channel
from marketplace.core.rows import Prepared, rows_in
from storefront_api.catalog.filters import apply_product_filter
from storefront_api.catalog.sorters import annotate_for_sort, product_sort, sort_products
from storefront_api.catalog.where import product_where_condition
from storefront_api.core.context import ChannelContext
from storefront_api.core.errors import api_error
from storefront_api.core.pagination import Count, Page, SortKey, first_page, paginate


def _given(value: dict[str, Any] | None) -> bool:
    """An input with at least one field set (``{}`` and all-null inputs are not filters)."""
    return bool(value) and any(v is not None for v in value.values())  # type: ignore[union-attr]


def public_count(
    qs: QuerySet | None,
    *,
    channel: Channel,
    args: dict[str, Any],
    searching: bool,
    scope: dict[str, Any] | None = None,
) -> int:
    """``totalCount`` of a list of the public's products: without a filter, a search or a
    ``scope``, the count the database keeps (``listed_count``); else the count of the
    filtered list. ``scope``: what narrows ``qs`` besides the arguments (a category page's
    categories), part of the cache's key. Either is cached while the catalogue does not
    change (``cached_product_count``)."""
    # ``where`` with only null fields still filters (it matches nothing): only its absence counts.
    unfiltered = not searching and not _given(args.get("filter")) and not args.get("where") and not scope
    arguments = {key: args.get(key) for key in ("filter", "where", "search")}
    if scope:
        arguments["scope"] = scope
    if not unfiltered and qs is None:
        raise ValueError("the count of a filtered list needs its queryset")
    return cached_product_count(
        channel_id=channel.pk,
        arguments=arguments,
        count=(lambda: listed_count(channel_id=channel.pk)) if unfiltered else qs.count,  # type: ignore[union-attr]
    )


def _top_by_rank(
    search: str,
) -> tuple[Callable[[QuerySet, list[str], int], list[Any]], Callable[[list[Any]], dict[Any, Any]]]:
    """The page's ranked primary keys of a search sorted by RANK (``top_search_ranks``), and
    the page's products by those keys with their rank, read by ``rows_in`` (the ranked query
    applied every condition of the list; a product deleted since is left out)."""
    ranks: dict[int, int] = {}

    def top(queryset: QuerySet, ordering: list[str], limit: int) -> list[Any]:
        ranked = top_search_ranks(
            queryset, search, max_length=settings.SEARCH_MAX_LENGTH, ordering=ordering, limit=limit
        )
        ranks.update(ranked)
        return [pk for pk, _ in ranked]

    def fetch(keys: list[Any]) -> dict[Any, Any]:
        found = _products_by_pk(keys)
        for pk, product in found.items():
            product.search_rank = ranks[pk]  # type: ignore[attr-defined]
        return found

    return top, fetch


def _products_by_pk(keys: list[Any]) -> dict[Any, Product]:
    return {product.pk: product for product in rows_in(Product, {"pk": keys})}


def _top_by_category(category_ids: list[int]) -> Callable[[QuerySet, list[str], int], list[Any]]:
    """The page's primary keys of several categories' products in name order, read category
    by category (``top_in_categories``)."""

    def top(queryset: QuerySet, ordering: list[str], limit: int) -> list[Any]:
        found = top_in_categories(queryset, category_ids, ordering=ordering, limit=limit)
        if found is None:
            return list(queryset.order_by(*ordering).values_list("pk", flat=True)[:limit])
        return found

    return top


def product_connection(
    connection_type: type,
    qs: QuerySet,
    *,
    channel: Channel,
    args: dict[str, Any],
    connection_name: str = "products",
    in_collection: bool = False,
    public_listing: bool = False,
    category_ids: list[int] | None = None,
) -> Any:
    """Filter (``filter`` or ``where``), search, sort and paginate visible products; wrap
    them in the channel context. ``public_listing``: ``qs`` is exactly the products the
    public sees listed in the channel, so that without a filter or a search their
    ``totalCount`` is ``listed_count`` (an index count, no join). ``category_ids``: ``qs`` is
    exactly the public's products of these categories (a category's page with its
    subcategories): several of them in name order are read category by category
    (``top_in_categories``) and their ``totalCount`` is cached as the public list's is."""
    search = args.get("search")
    if _given(args.get("filter")) and _given(args.get("where")):
        raise api_error("Only one filtering argument (filter or where) can be specified.", "INVALID_FILTER")
    if args.get("where"):
        qs = qs.filter(product_where_condition(args["where"], channel_id=channel.pk))
    qs = apply_product_filter(qs, channel_id=channel.pk, filter=args.get("filter"), search=search)
    base = qs
    # An empty search box still counts as a search (everything ranks equally), so a
    # storefront sorting by RANK does not fail before the buyer has typed anything.
    searching = search is not None or (args.get("filter") or {}).get("search") is not None
    qs, keys = sort_products(
        qs,
        sort_by=args.get("sort_by"),
        channel_id=channel.pk,
        searching=searching,
        in_collection=in_collection,
    )
    top: Any = None
    fetch: Any = None
    if searching and keys and keys[0].attr == "search_rank":
        top, fetch = _top_by_rank(search if search is not None else args["filter"]["search"])
    by_category = (
        top is None
        and category_ids is not None
        and 1 < len(category_ids) <= MAX_CATEGORY_PARTS
        and [key.attr for key in keys] == ["search_name", "slug"]
        and connections[qs.db].vendor == "postgresql"
    )
    if by_category:
        # the union applied every condition; the sort keys are the products' own columns
        top, fetch = _top_by_category(category_ids), _products_by_pk  # type: ignore[arg-type]
    page = paginate(
        qs,
        sort=keys,
        first=args.get("first"),
        last=args.get("last"),
        after=args.get("after"),
        before=args.get("before"),
        connection_name=connection_name,
        narrow=searching or by_category,
        top=top,
        fetch=fetch,
    )
    if public_listing or category_ids is not None:
        scope = {"categories": category_ids} if category_ids is not None else None
        page.queryset = Count(  # type: ignore[assignment]
            lambda: public_count(base, channel=channel, args=args, searching=searching, scope=scope)
        )
    return connection_type.from_page(page, wrap=lambda row: ChannelContext(row, channel.slug, channel.pk))  # type: ignore[attr-defined]


def products_connection(
    connection_type: type, *, channel: Channel, args: dict[str, Any], actor: Actor
) -> Any:
    """The ``products`` query: what ``actor`` may see of a channel's products, filtered,
    searched, sorted and paginated (``product_connection``). The first page of the public's
    unfiltered listing — a storefront's home and catalogue pages — is read by a query compiled
    once per order and page size (``_public_first_page``)."""
    public = reads_as_public(actor)
    if public and _plain_first_page(args):
        field, sort = product_sort(args.get("sort_by"), searching=False, in_collection=False)
        if field in _PREPARABLE_ORDERS:
            page = _public_first_page(channel, args, field=field, sort=sort)
            return connection_type.from_page(  # type: ignore[attr-defined]
                page, wrap=lambda row: ChannelContext(row, channel.slug, channel.pk)
            )
    if public:
        qs = public_products(channel_id=channel.pk)
    else:
        qs = member_products(channel_id=channel.pk, actor=actor)
    return product_connection(connection_type, qs, channel=channel, args=args, public_listing=public)


def _plain_first_page(args: dict[str, Any]) -> bool:
    """No filter, no ``where``, no search, no cursor, ``first`` given."""
    return (
        not _given(args.get("filter"))
        and not args.get("where")
        and args.get("search") is None
        and args.get("after") is None
        and args.get("before") is None
        and args.get("first") is not None
        and args.get("last") is None
    )


# Orders whose queryset depends only on the channel and the time (OCOP_STARS reads today's date
# in its annotation; RANK and COLLECTION need a search or a collection).
_PREPARABLE_ORDERS = frozenset(
    {"NAME", "PRICE", "MINIMAL_PRICE", "RATING", "CREATED_AT", "LAST_MODIFIED", "LAST_MODIFIED_AT", "DATE"}
)
# Stand-ins for the values of the prepared first pages (see ``Prepared``).
_CHANNEL = -7_391_204_583
_NOW = datetime(2000, 1, 2, 3, 4, 5, 678_901, tzinfo=UTC)
# (order field, ordering, limit) -> the query: at most 8 orders x 2 directions x 101 limits.
_first_pages: dict[tuple[str, tuple[str, ...], int], Prepared[Product]] = {}


def _public_first_page(channel: Channel, args: dict[str, Any], *, field: str, sort: list[SortKey]) -> Page:
    """``paginate``'s first page of ``public_products`` in the order ``field`` with its
    ``totalCount`` (``public_count``), without building the queryset: its SQL is compiled once
    per process, order and page size, and run with the channel and the present time."""

    def fetch(ordering: list[str], limit: int) -> list[Any]:
        key = (field, tuple(ordering), limit)
        prepared = _first_pages.get(key)
        if prepared is None:

            def build(channel: int, now: datetime) -> QuerySet[Product]:
                qs = public_products(channel_id=channel, now=now)
                return annotate_for_sort(qs, field, channel_id=channel).order_by(*ordering)[:limit]

            prepared = _first_pages.setdefault(key, Prepared(build, channel=_CHANNEL, now=_NOW))
        return prepared.rows(channel=channel.pk, now=timezone.now())

    return first_page(
        fetch,
        sort=sort,
        first=args.get("first"),
        last=args.get("last"),
        connection_name="products",
        count=lambda: public_count(None, channel=channel, args=args, searching=False),
    )
