"""Reads of stored thumbnails (one query for a batch of sources, sizes and formats)."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from marketplace.thumbnails.models import Thumbnail

# A thumbnail's source kind -> the column naming its source.
THUMBNAIL_SOURCE_FIELDS = {
    "media": "product_media_id",
    "category": "category_id",
    "collection": "collection_id",
    "vendor": "vendor_id",
    "user": "user_id",
}


def thumbnails_for(keys: Iterable[tuple[str, int, int, str]]) -> dict[tuple[str, int, int, str], Thumbnail]:
    """The stored thumbnails for ``(kind, object_id, size, format)`` keys, in one query."""
    groups: dict[tuple[str, int, str], set[int]] = defaultdict(set)
    for kind, object_id, size, fmt in keys:
        groups[(kind, size, fmt)].add(object_id)
    if not groups:
        return {}
    condition = Q()
    for (kind, size, fmt), object_ids in groups.items():
        field = THUMBNAIL_SOURCE_FIELDS[kind]
        condition |= Q(**{f"{field}__in": object_ids}, size=size, format=fmt)
    found = {}
    for row in Thumbnail.objects.filter(condition):
        for kind, field in THUMBNAIL_SOURCE_FIELDS.items():
            object_id = getattr(row, field)
            if object_id is not None:
                found[(kind, object_id, row.size, row.format)] = row
    return found
