"""Editing one row while others may edit it too (an artisan's phone and laptop, a curator
and staff): lock the row, start from what is committed, save only what changed.

Inside the service's transaction, ``with locked_edit(product):``

- locks the product's row (``SELECT ... FOR UPDATE``) until the transaction ends, so a
  second edit of the same row waits for the first to commit;
- reloads its columns into the instance, so the service checks and changes the latest
  committed values, not what the caller read before the wait (the related objects it had
  loaded stay, unless their foreign key changed meanwhile);
- on leaving the block, saves only the columns that changed (``save(update_fields=...)``),
  plus the ``auto_now`` ones, which every edit touches as a plain ``save()`` did.

Two edits of different fields of one row both survive; two edits of one field are applied
one after the other (the later wins). An exception inside the block saves nothing.
"""

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

M = TypeVar("M", bound=models.Model)


def lock_row(instance: M) -> M:
    """Reload ``instance`` from its row, locked until the surrounding transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_row() runs inside the service's transaction.atomic() block.")
    model = type(instance)
    cached = {
        field: field.get_cached_value(instance)  # type: ignore[attr-defined]
        for field in model._meta.concrete_fields
        if field.is_relation and field.is_cached(instance)  # type: ignore[attr-defined]
    }
    instance.refresh_from_db(from_queryset=model._base_manager.select_for_update())
    for field, related in cached.items():
        if getattr(instance, field.attname) == (None if related is None else related.pk):
            field.set_cached_value(instance, related)  # type: ignore[attr-defined]
    return instance


def _comparable(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name
    return copy.deepcopy(value)  # a JSON value changed in place is still seen as changed


def column_values(instance: models.Model) -> dict[str, Any]:
    """The loaded columns (a deferred one is not read just to compare it)."""
    deferred = instance.get_deferred_fields()
    return {
        field.attname: _comparable(field.value_from_object(instance))
        for field in instance._meta.concrete_fields
        if not field.primary_key and field.attname not in deferred
    }


def save_changes(instance: models.Model, before: dict[str, Any]) -> list[str]:
    """Save the columns whose values differ from ``before`` (and the ``auto_now`` ones);
    return the changed ones."""
    changed = [
        name for name, value in column_values(instance).items() if name not in before or value != before[name]
    ]
    touched = [
        field.attname
        for field in instance._meta.concrete_fields
        if getattr(field, "auto_now", False) and field.attname not in changed
    ]
    if changed or touched:
        instance.save(update_fields=changed + touched)
    return changed


@contextmanager
def locked_edit(instance: M) -> Iterator[M]:
    """Lock and reload ``instance``; on leaving the block, save what the block changed."""
    lock_row(instance)
    before = column_values(instance)
    yield instance
    save_changes(instance, before)
