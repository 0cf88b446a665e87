"""Shared resolution of product connections (the products query and every nested one)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from marketplace.catalog.cache import cached_product_count
from marketplace.catalog.selectors import listed_count, top_search_ids
from marketplace.channels.models import Channel
from storefront_api.catalog.filters import apply_product_filter
from storefront_api.catalog.sorters import sort_products
from storefront_api.catalog.where import product_where_condition
from storefront_api.core.context import ChannelContext
from storefront_api.core.errors import api_error
from storefront_api.core.pagination import Count, paginate


def _given(value: dict[str, Any] | None) -> bool:
    """An input with at least one field set (``{}`` and all-null inputs are not filters)."""
    return bool(value) and any(v is not None for v in value.values())  # type: ignore[union-attr]


def public_count(qs: QuerySet, *, channel: Channel, args: dict[str, Any], searching: bool) -> int:
    """``totalCount`` of a list of the public's products: without a filter or a search, the
    count the database keeps (``listed_count``); else the count of the filtered list.
    Either is cached while the catalogue does not change (``cached_product_count``)."""
    # ``where`` with only null fields still filters (it matches nothing): only its absence counts.
    unfiltered = not searching and not _given(args.get("filter")) and not args.get("where")
    arguments = {key: args.get(key) for key in ("filter", "where", "search")}
    return cached_product_count(
        channel_id=channel.pk,
        arguments=arguments,
        count=(lambda: listed_count(channel_id=channel.pk)) if unfiltered else qs.count,
    )


def _top_by_rank(search: str) -> Callable[[QuerySet, list[str], int], list[Any]]:
    """The page's ranked primary keys of a search sorted by RANK (``top_search_ids``)."""

    def top(queryset: QuerySet, ordering: list[str], limit: int) -> list[Any]:
        return top_search_ids(
            queryset, search, max_length=settings.SEARCH_MAX_LENGTH, ordering=ordering, limit=limit
        )

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
) -> Any:
    """Filter (``filter`` or ``where``), search, sort and paginate visible products; wrap
    them in the channel context. ``public_listing``: ``qs`` is exactly the products the
    public sees listed in the channel, so that without a filter or a search their
    ``totalCount`` is ``listed_count`` (an index count, no join)."""
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
    top = None
    if searching and keys and keys[0].attr == "search_rank":
        top = _top_by_rank(search if search is not None else args["filter"]["search"])
    page = paginate(
        qs,
        sort=keys,
        first=args.get("first"),
        last=args.get("last"),
        after=args.get("after"),
        before=args.get("before"),
        connection_name=connection_name,
        narrow=searching,
        top=top,
    )
    if public_listing:
        page.queryset = Count(lambda: public_count(base, channel=channel, args=args, searching=searching))  # type: ignore[assignment]
    return connection_type.from_page(page, wrap=lambda row: ChannelContext(row, channel.slug, channel.pk))  # type: ignore[attr-defined]
