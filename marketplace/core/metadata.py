"""Saleor's metadata: string keys and values kept on an object, public (``metadata``) or
private (``private_metadata``, staff only). Who may write them is the owning app's rule;
this module only cleans the input, keeps it within sane bounds and writes it atomically.

Bounds (beyond them the whole write is refused with INVALID, nothing written): a key of
at most ``MAX_KEY_LENGTH`` characters, a value of at most ``MAX_VALUE_LENGTH``, at most
``MAX_ITEMS`` items in one request and ``MAX_KEYS`` keys on one object, at most
``MAX_BYTES`` of JSON in one object's metadata. An empty key is REQUIRED (Saleor's
"Metadata key cannot be empty."); NUL characters cannot be stored (INVALID).
"""

import json
from enum import StrEnum
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import field_error

MAX_KEY_LENGTH = 256
MAX_VALUE_LENGTH = 10_000
MAX_ITEMS = 100
MAX_KEYS = 100
MAX_BYTES = 64 * 1024


class MetadataErrorCode(StrEnum):
    """Saleor's ``MetadataErrorCode``."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    NOT_UPDATED = "NOT_UPDATED"


def _clean_key(key: Any, field: str) -> str:
    key = str(key)
    if not key.strip():
        raise field_error(field, MetadataErrorCode.REQUIRED, _("Metadata key cannot be empty."))
    if len(key) > MAX_KEY_LENGTH:
        raise field_error(
            field,
            MetadataErrorCode.INVALID,
            _("A metadata key has at most %(limit)s characters."),
            limit=MAX_KEY_LENGTH,
        )
    if "\x00" in key:
        raise field_error(
            field, MetadataErrorCode.INVALID, _("A metadata key cannot contain NUL characters.")
        )
    return key  # type: ignore[no-any-return]


def clean_items(items: list[tuple[Any, Any]], *, field: str = "input") -> dict[str, str]:
    """``[(key, value)]`` as a dict (a later duplicate key wins, as in Saleor)."""
    if len(items) > MAX_ITEMS:
        raise field_error(
            field, MetadataErrorCode.INVALID, _("At most %(limit)s metadata items at once."), limit=MAX_ITEMS
        )
    cleaned: dict[str, str] = {}
    for key, value in items:
        key = _clean_key(key, field)
        value = str(value)
        if len(value) > MAX_VALUE_LENGTH:
            raise field_error(
                field,
                MetadataErrorCode.INVALID,
                _("A metadata value has at most %(limit)s characters."),
                limit=MAX_VALUE_LENGTH,
            )
        if "\x00" in value:
            raise field_error(
                field, MetadataErrorCode.INVALID, _("A metadata value cannot contain NUL characters.")
            )
        cleaned[key] = value
    return cleaned


def clean_keys(keys: list[Any], *, field: str = "keys") -> list[str]:
    if len(keys) > MAX_ITEMS:
        raise field_error(
            field, MetadataErrorCode.INVALID, _("At most %(limit)s metadata keys at once."), limit=MAX_ITEMS
        )
    return [_clean_key(key, field) for key in keys]


def _check_bounds(result: dict[str, str], field: str) -> None:
    if len(result) > MAX_KEYS:
        raise field_error(
            field,
            MetadataErrorCode.INVALID,
            _("An object keeps at most %(limit)s metadata keys."),
            limit=MAX_KEYS,
        )
    if len(json.dumps(result, ensure_ascii=False).encode()) > MAX_BYTES:
        raise field_error(
            field,
            MetadataErrorCode.INVALID,
            _("An object keeps at most %(limit)s KB of metadata."),
            limit=MAX_BYTES // 1024,
        )


def write(
    model: type[models.Model],
    pk: Any,
    *,
    private: bool,
    set_items: dict[str, str] | None = None,
    delete_keys: list[str] | None = None,
    field: str = "input",
    touch: dict[str, Any] | None = None,
) -> models.Model:
    """Set and/or delete keys of one object's (private) metadata under its row lock, all or
    nothing; ``touch``: other fields to update with it (a checkout's ``last_change``).
    Returns the object as written."""
    attname = "private_metadata" if private else "metadata"
    with transaction.atomic():
        instance = model._default_manager.select_for_update().get(pk=pk)
        result = dict(getattr(instance, attname) or {})
        for key in delete_keys or []:
            result.pop(key, None)
        result.update(set_items or {})
        _check_bounds(result, field)
        setattr(instance, attname, result)
        for name, value in (touch or {}).items():
            setattr(instance, name, value)
        instance.save(update_fields=[attname, *(touch or {})])
    return instance


def items_of(metadata: dict[str, Any] | None, keys: list[str] | None = None) -> dict[str, str]:
    """The stored metadata, only ``keys`` when given (for ``metafields(keys)``)."""
    stored = {str(k): str(v) for k, v in (metadata or {}).items()}
    if keys is None:
        return stored
    return {key: stored[key] for key in keys if key in stored}
