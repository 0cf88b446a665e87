"""Keyed bulk upserts for the demo seeding: the semantics of ``update_or_create`` (match
on a natural key, create what is missing, update what differs) in a few queries per
table instead of a few per row."""

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def bulk_upsert(
    model: type[M],
    key: Sequence[str],
    rows: Sequence[dict[str, Any]],
    *,
    create_only: bool = False,
    batch_size: int = 1000,
) -> dict[tuple[Any, ...], M]:
    """Rows are field values by attribute name (``product_id``, not ``product``); ``key``
    names the fields that identify a row. With ``create_only`` existing rows are left
    alone (stock, for instance). Returns every row's object by key, with its pk."""
    if not rows:
        return {}
    manager = model._default_manager

    def fetch() -> dict[tuple[Any, ...], M]:
        first = {row[key[0]] for row in rows}
        return {
            tuple(getattr(obj, name) for name in key): obj
            for obj in manager.filter(**{f"{key[0]}__in": first})
        }

    existing = fetch()
    to_create: list[M] = []
    to_update: list[M] = []
    changed_fields: set[str] = set()
    for row in rows:
        obj = existing.get(tuple(row[name] for name in key))
        if obj is None:
            to_create.append(model(**row))
            continue
        if create_only:
            continue
        changed = [name for name, value in row.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, row[name])
            to_update.append(obj)
            changed_fields.update(changed)
    if to_create:
        manager.bulk_create(to_create, batch_size=batch_size)
    if to_update:
        manager.bulk_update(to_update, sorted(changed_fields), batch_size=batch_size)
    return fetch() if to_create else existing
