"""Image fields of the API: the original file, or a stored thumbnail at a snapped size."""

from typing import Any

from django.db.models.fields.files import FieldFile

from marketplace.thumbnails.links import thumbnail_url
from marketplace.thumbnails.models import Thumbnail
from marketplace.thumbnails.selectors import thumbnails_for
from marketplace.thumbnails.services import SOURCE_KINDS, thumbnail_get_or_create
from marketplace.thumbnails.sizes import snap_size
from storefront_api.core.dataloaders import DataLoader, then
from storefront_api.core.types import Image


class ThumbnailByKindIdSizeAndFormatLoader(DataLoader[tuple[str, int, int, str], Thumbnail | None]):
    """Keys are ``(kind, object_id, size, format)`` with kind in THUMBNAIL_SOURCE_FIELDS."""

    def batch_load(self, keys):
        found = thumbnails_for(keys)
        return [found.get(key) for key in keys]


def absolute_url(info: Any, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return info.context.build_absolute_uri(url)


def resolve_image(
    info: Any,
    *,
    kind: str,
    object_id: int,
    file: FieldFile | None,
    alt: str | None,
    size: int | None,
    format: str | None,
) -> Any:
    """An ``Image`` (or a future of one): the original when no size is asked, else a thumbnail.

    A missing thumbnail of a public source links the on-demand view; one of a private source
    (a user's avatar, see ``SourceKind.public``) is made here, for a caller allowed to read it.
    """
    if not file:
        return None
    if not size:
        return Image(url=absolute_url(info, file.url), alt=alt)
    snapped = snap_size(size)
    fmt = format or "ORIGINAL"
    loaded = ThumbnailByKindIdSizeAndFormatLoader(info.context).load((kind, object_id, snapped, fmt))

    def image(existing: Thumbnail | None) -> Image:
        if existing is None and not SOURCE_KINDS[kind].public:
            existing = thumbnail_get_or_create(kind=kind, object_id=object_id, size=snapped, format=fmt)
            if existing is None:  # the file cannot be read: the original, as stored
                return Image(url=absolute_url(info, file.url), alt=alt)
        url = thumbnail_url(kind=kind, object_id=object_id, size=snapped, format=fmt, existing=existing)
        return Image(url=absolute_url(info, url), alt=alt)

    return then(loaded, image)
