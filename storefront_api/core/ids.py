"""Relay global IDs: one helper decodes an ID and checks its type."""

import binascii
import uuid

from graphql_relay import from_global_id, to_global_id

from storefront_api.core.errors import api_error


def to_id(type_name: str, pk: int | str) -> str:
    return to_global_id(type_name, str(pk))


def decode_id(global_id: str, *, only_type: str) -> int:
    """The integer primary key inside ``global_id``; a clear error for any other ID."""
    try:
        type_name, raw = from_global_id(global_id)
        pk = int(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise api_error(f"Couldn't resolve id: {global_id}.", "INVALID_ID") from None
    if type_name != only_type:
        raise api_error(f"Must receive a {only_type} id, got {type_name or 'an unknown type'}.", "INVALID_ID")
    if pk <= 0 or pk > 2**63 - 1:
        raise api_error(f"Couldn't resolve id: {global_id}.", "INVALID_ID")
    return pk


def decode_ids(global_ids: list[str] | None, *, only_type: str, limit: int = 100) -> list[int]:
    if not global_ids:
        return []
    if len(global_ids) > limit:
        raise api_error(f"At most {limit} IDs may be given.", "INVALID_ID")
    return [decode_id(value, only_type=only_type) for value in global_ids]


def decode_ids_or_slugs(
    values: list[str] | None, *, only_type: str, limit: int = 100, max_slug_length: int = 255
) -> tuple[list[int], list[str]]:
    """(primary keys, slugs) of a list in which each value is a global ID of ``only_type``
    or a slug, as people type them (``bat-trang``). A value that is not a global ID at all
    is a slug; a global ID of another type is an error (INVALID_ID)."""
    values = values or []
    if len(values) > limit:
        raise api_error(f"At most {limit} IDs or slugs may be given.", "INVALID_ID")
    ids: list[int] = []
    slugs: list[str] = []
    for value in values:
        try:
            type_name, _ = from_global_id(value)
        except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
            type_name = ""
        if type_name:
            ids.append(decode_id(value, only_type=only_type))
        else:
            slugs.append(value[:max_slug_length])
    return ids, slugs


def decode_uuid_id(global_id: str, *, only_type: str) -> uuid.UUID:
    """The UUID inside ``global_id`` (checkouts, orders and their lines use unguessable ids)."""
    try:
        type_name, raw = from_global_id(global_id)
        value = uuid.UUID(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError, AttributeError):
        raise api_error(f"Couldn't resolve id: {str(global_id)[:100]}.", "INVALID_ID") from None
    if type_name != only_type:
        raise api_error(f"Must receive a {only_type} id, got {type_name or 'an unknown type'}.", "INVALID_ID")
    return value
