"""Thumbnails: made once per (source image, size, format), written through the Thumbnail
image field's storage (local files or S3), then reused by every request."""

import io
import logging
import uuid
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageOps

from marketplace.thumbnails.models import Thumbnail
from marketplace.thumbnails.sizes import FORMATS, file_extension, pillow_format, snap_size

logger = logging.getLogger(__name__)

MAX_OBJECT_ID = 2**63 - 1  # the largest bigint primary key; anything above cannot exist


class SourceKind(NamedTuple):
    model: str  # "app_label.ModelName", resolved lazily through the app registry
    image_field: str
    thumbnail_fk: str  # the Thumbnail foreign key pointing at the source
    # Served by the on-demand view to anyone who names the source's id. Not for users'
    # avatars: ids are sequential, so anyone could walk through every user's photo; the
    # API makes those on demand for the callers allowed to see them.
    public: bool = True


SOURCE_KINDS: dict[str, SourceKind] = {
    "media": SourceKind("catalog.ProductMedia", "image", "product_media"),
    "category": SourceKind("catalog.Category", "background_image", "category"),
    "collection": SourceKind("catalog.Collection", "background_image", "collection"),
    "vendor": SourceKind("shops.Vendor", "logo", "vendor"),
    "user": SourceKind("accounts.User", "avatar", "user", public=False),
}

SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "WEBP": {"quality": 82, "method": 4},
    "PNG": {},
}
# What Pillow raises for files that are not (valid, safe-to-decode) images.
DECODE_ERRORS = (OSError, ValueError, EOFError, SyntaxError, Image.DecompressionBombError)


@dataclass(frozen=True)
class RenderedThumbnail:
    content: bytes
    extension: str


def thumbnail_get_or_create(*, kind: str, object_id: int, size: int, format: str) -> Thumbnail | None:
    """The stored thumbnail of a source image, made and stored on first use.

    ``size`` is snapped to an allowed size. None when the source does not exist, has no
    image, or its image cannot be read; unknown ``kind`` or ``format`` raise ValueError.
    """
    source = _source_kind(kind)
    format = _checked_format(format)
    size = snap_size(size)
    if not 0 < object_id <= MAX_OBJECT_ID:
        return None
    existing = _thumbnail_get(source=source, object_id=object_id, size=size, format=format)
    if existing is not None:
        return existing
    image = _source_image(source=source, object_id=object_id)
    if image is None:
        return None
    rendered = _render_or_none(image=image, size=size, format=format, label=f"{kind} {object_id}")
    if rendered is None:
        return None
    return _thumbnail_store(kind=kind, object_id=object_id, size=size, format=format, rendered=rendered)


def _source_kind(kind: str) -> SourceKind:
    try:
        return SOURCE_KINDS[kind]
    except KeyError:
        raise ValueError(f"Unknown thumbnail source kind: {kind!r}") from None


def _checked_format(format: str) -> str:
    if format not in FORMATS:
        raise ValueError(f"Unknown thumbnail format: {format!r}")
    return format


def _thumbnail_get(*, source: SourceKind, object_id: int, size: int, format: str) -> Thumbnail | None:
    lookup = {f"{source.thumbnail_fk}_id": object_id, "size": size, "format": format}
    return Thumbnail.objects.filter(**lookup).first()


def _source_image(*, source: SourceKind, object_id: int) -> FieldFile | None:
    model = apps.get_model(source.model)
    instance = model._default_manager.filter(pk=object_id).only("pk", source.image_field).first()
    if instance is None:
        return None
    image: FieldFile = getattr(instance, source.image_field)
    return image if image else None


def _render_or_none(*, image: FieldFile, size: int, format: str, label: str) -> RenderedThumbnail | None:
    try:
        with image.storage.open(image.name, "rb") as file:  # type: ignore[arg-type]
            return _render(file=file, size=size, format=format)
    except FileNotFoundError:
        logger.warning("Thumbnail source %s is missing from storage: %s", label, image.name)
    except DECODE_ERRORS:
        logger.warning("Thumbnail source %s cannot be decoded: %s", label, image.name, exc_info=True)
    return None


def _render(*, file: IO[bytes], size: int, format: str) -> RenderedThumbnail:
    """Fit the image in ``size`` x ``size`` (never enlarged), upright, in the target format."""
    with Image.open(file) as source:
        output_format = pillow_format(format=format, source_format=source.format)
        source.draft(None, (size * 2, size * 2))  # JPEG: decode at a reduced scale, cheaply
        image = ImageOps.exif_transpose(source)  # a loaded copy, without the orientation tag
    image = _normalised_mode(image)
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    if output_format == "JPEG":
        image = _flattened(image)
    buffer = io.BytesIO()
    image.save(buffer, format=output_format, **SAVE_OPTIONS[output_format])
    return RenderedThumbnail(content=buffer.getvalue(), extension=file_extension(output_format))


def _normalised_mode(image: Image.Image) -> Image.Image:
    """RGB, RGBA or L, so resampling is smooth and every target format can write it."""
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def _flattened(image: Image.Image) -> Image.Image:
    """JPEG has no alpha: composite transparent images on white."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _thumbnail_store(
    *, kind: str, object_id: int, size: int, format: str, rendered: RenderedThumbnail
) -> Thumbnail | None:
    """Write the file (outside any transaction of ours), then insert the row. When a
    concurrent call inserted the same key first, drop our file and return its row."""
    source = _source_kind(kind)
    thumbnail = Thumbnail(size=size, format=format, **{f"{source.thumbnail_fk}_id": object_id})
    # A private source's thumbnails get an unguessable name (the whole uuid4).
    suffix = uuid.uuid4().hex if not source.public else uuid.uuid4().hex[:8]
    name = f"{kind}-{object_id}-{size}-{suffix}.{rendered.extension}"
    thumbnail.image.save(name, ContentFile(rendered.content), save=False)
    try:
        with transaction.atomic():
            thumbnail.save()
    except IntegrityError:
        logger.debug("Thumbnail %s lost a race for its key; dropping it", thumbnail.image.name)
        thumbnail.image.delete(save=False)
        # The winner's row; None if the source itself was deleted meanwhile.
        return _thumbnail_get(source=source, object_id=object_id, size=size, format=format)
    except Exception:
        thumbnail.image.delete(save=False)
        raise
    return thumbnail


def thumbnails_release(*, kind: str, object_id: int) -> list[str]:
    """Delete the thumbnail rows of a source image (replaced or removed); the names of their
    files, for the caller to discard from storage after commit."""
    source = _source_kind(kind)
    thumbnails = Thumbnail.objects.filter(**{f"{source.thumbnail_fk}_id": object_id})
    names = [name for name in thumbnails.values_list("image", flat=True) if name]
    thumbnails.delete()
    return names
