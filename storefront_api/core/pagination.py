"""Keyset (cursor) pagination for Relay connections, as Saleor does it.

A cursor is the base64 of the JSON list of the sort values of a row, so paging deep into
a large catalogue costs the same as the first page. Sort keys are attributes of the rows
(model fields or annotations) and always end with the primary key, so they are unique.
"""

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from storefront_api.core.errors import api_error


@dataclass(frozen=True)
class SortKey:
    attr: str
    descending: bool = False


@dataclass
class Page:
    rows: list[Any]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    queryset: QuerySet  # the whole filtered set, for totalCount (or a Count)


def encode_cursor(values: list[Any]) -> str:
    return base64.b64encode(json.dumps(values, default=str).encode()).decode()


def _decode_cursor(cursor: str, length: int) -> list[Any]:
    try:
        values = json.loads(base64.b64decode(cursor.encode(), validate=True).decode())
    except (binascii.Error, UnicodeError, ValueError):
        raise api_error("Received cursor is invalid.", "INVALID_CURSOR") from None
    if not isinstance(values, list) or len(values) != length:
        raise api_error("Received cursor is invalid.", "INVALID_CURSOR")
    if any(isinstance(v, (list, dict)) for v in values):
        raise api_error("Received cursor is invalid.", "INVALID_CURSOR")
    return values


def validate_page_arguments(*, first: int | None, last: int | None, connection_name: str) -> int:
    limit = settings.GRAPHQL_PAGINATION_LIMIT
    if first is not None and last is not None:
        raise api_error(
            f"Mixing 'first' and 'last' is not supported on the `{connection_name}` connection.",
            "PAGINATION_ERROR",
        )
    if first is None and last is None:
        raise api_error(
            f"You must provide a `first` or `last` value to properly paginate the "
            f"`{connection_name}` connection.",
            "PAGINATION_ERROR",
        )
    amount = first if first is not None else last
    argument = "first" if first is not None else "last"
    assert amount is not None
    if amount < 0:
        raise api_error(f"Argument `{argument}` must be a non-negative integer.", "PAGINATION_ERROR")
    if amount > limit:
        raise api_error(
            f"Requesting {amount} records on the `{connection_name}` connection exceeds the "
            f"`{argument}` limit of {limit} records.",
            "PAGINATION_ERROR",
        )
    return amount


def _keyset_filter(keys: list[SortKey], values: list[Any], *, forward: bool) -> Q:
    """Rows strictly after (``forward``) or before the row whose sort values are ``values``."""
    condition = Q()
    for index in range(len(keys) - 1, -1, -1):
        key = keys[index]
        use_gt = (not key.descending) == forward  # ascending & forward -> gt
        lookup = f"{key.attr}__{'gt' if use_gt else 'lt'}"
        equal = Q(**{keys[i].attr: values[i] for i in range(index)})
        step = equal & Q(**{lookup: values[index]})
        condition = step if index == len(keys) - 1 else step | condition
    return condition


def paginate(
    queryset: QuerySet,
    *,
    sort: list[SortKey],
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    connection_name: str,
    narrow: bool = False,
    top: Callable[[QuerySet, list[str], int], list[Any]] | None = None,
    fetch: Callable[[list[Any]], dict[Any, Any]] | None = None,
) -> Page:
    """One page of ``queryset`` in ``sort`` order. ``narrow``: rank many candidates as
    narrow ``(sort values, pk)`` rows (a top-N sort in memory, not a sort of whole rows
    that spills to disk), then fetch the page's rows by primary key — one more query, for
    sorts on a computed value over many matches (search by rank). ``top(queryset, ordering,
    limit)``: computes those ranked primary keys instead (the search's, which does not rank
    every match on PostgreSQL: ``marketplace.catalog.selectors.top_search_ranks``).
    ``fetch(primary keys)``: the page's rows by primary key, when ``top`` already applied
    every condition of ``queryset`` (by default ``queryset.in_bulk``, which applies them again:
    a row gone since is left out) and read the sort values the rows need for their cursors."""
    amount = validate_page_arguments(first=first, last=last, connection_name=connection_name)
    keys = _keys(sort)
    forward = first is not None
    base = queryset
    try:
        if after is not None:
            queryset = queryset.filter(_keyset_filter(keys, _decode_cursor(after, len(keys)), forward=True))
        if before is not None:
            queryset = queryset.filter(_keyset_filter(keys, _decode_cursor(before, len(keys)), forward=False))
    except (ValidationError, ValueError, TypeError, InvalidOperation):
        raise api_error("Received cursor is invalid.", "INVALID_CURSOR") from None
    ordering = _ordering(keys, forward=forward)
    if not amount:
        rows, has_more = [], False
    elif narrow:
        if top is not None:
            ranked = top(queryset, ordering, amount + 1)
        else:
            ranked = list(queryset.order_by(*ordering).values_list("pk", flat=True)[: amount + 1])
        has_more = len(ranked) > amount
        found = (fetch or queryset.in_bulk)(ranked[:amount]) if ranked else {}
        rows = [found[pk] for pk in ranked[:amount] if pk in found]  # one gone since: left out
    else:
        rows = list(queryset.order_by(*ordering)[: amount + 1])
        has_more = len(rows) > amount
        rows = rows[:amount]
    if not forward:
        rows.reverse()
    return Page(
        rows=rows,
        cursors=_cursors(rows, keys),
        has_next_page=has_more if forward else before is not None,
        has_previous_page=after is not None if forward else has_more,
        queryset=base,
    )


def first_page(
    fetch: Callable[[list[str], int], list[Any]],
    *,
    sort: list[SortKey],
    first: int | None,
    last: int | None,
    connection_name: str,
    count: Callable[[], int],
) -> Page:
    """The first page (``first``, no cursor) of rows that ``fetch(ordering, limit)`` reads in
    ``sort`` order, the same page ``paginate`` gives for them; ``count``: their total."""
    amount = validate_page_arguments(first=first, last=last, connection_name=connection_name)
    keys = _keys(sort)
    rows = fetch(_ordering(keys, forward=True), amount + 1) if amount else []
    return Page(
        rows=rows[:amount],
        cursors=_cursors(rows[:amount], keys),
        has_next_page=len(rows) > amount,
        has_previous_page=False,
        queryset=Count(count),  # type: ignore[arg-type]
    )


def _keys(sort: list[SortKey]) -> list[SortKey]:
    """The sort keys and the primary key, in the direction of the last (a unique order)."""
    return [*sort, SortKey("pk", sort[-1].descending if sort else False)]


def _ordering(keys: list[SortKey], *, forward: bool) -> list[str]:
    return [f"{'-' if k.descending == forward else ''}{k.attr}" for k in keys]


def _cursors(rows: list[Any], keys: list[SortKey]) -> list[str]:
    return [encode_cursor([_value(row, k.attr) for k in keys]) for row in rows]


def _value(row: Any, attr: str) -> Any:
    value = row.pk if attr == "pk" else getattr(row, attr)
    return value.isoformat() if hasattr(value, "isoformat") else value


def paginate_rows(
    rows: list[Any],
    *,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    connection_name: str,
) -> Page:
    """Pagination over a short, already ordered list (children loaded in one batch)."""
    amount = validate_page_arguments(first=first, last=last, connection_name=connection_name)
    positions = {row.pk: index for index, row in enumerate(rows)}

    def position(cursor: str) -> int:
        (pk,) = _decode_cursor(cursor, 1)
        if pk not in positions:
            raise api_error("Received cursor is invalid.", "INVALID_CURSOR")
        return positions[pk]

    start = position(after) + 1 if after is not None else 0
    stop = position(before) if before is not None else len(rows)
    window = rows[start:stop]
    chosen = window[:amount] if first is not None else window[max(len(window) - amount, 0) :]
    if first is not None:
        has_next, has_previous = len(window) > amount, start > 0
    else:
        has_next, has_previous = stop < len(rows), len(window) > amount
    return Page(
        rows=chosen,
        cursors=[encode_cursor([row.pk]) for row in chosen],
        has_next_page=has_next,
        has_previous_page=has_previous,
        queryset=_ListCount(len(rows)),  # type: ignore[arg-type]
    )


class _ListCount:
    """Stands in for a queryset where only ``count()`` is needed."""

    def __init__(self, total: int) -> None:
        self.total = total

    def count(self) -> int:
        return self.total


class Count:
    """Stands in for a queryset whose ``count()`` is computed another (cheaper) way."""

    def __init__(self, count: Any) -> None:
        self._count = count

    def count(self) -> int:
        return self._count()
