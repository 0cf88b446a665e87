"""The allowed thumbnail sizes and formats, and how each format is written with Pillow."""

from marketplace.thumbnails.models import ThumbnailFormat

THUMBNAIL_SIZES: tuple[int, ...] = (32, 64, 128, 256, 512, 1024, 2048, 4096)
MAX_THUMBNAIL_SIZE = THUMBNAIL_SIZES[-1]

FORMATS: tuple[str, ...] = tuple(ThumbnailFormat.values)

# The Pillow format each requested format is written in; ORIGINAL is resolved per source.
PILLOW_FORMATS: dict[str, str] = {
    ThumbnailFormat.WEBP: "WEBP",
    ThumbnailFormat.JPEG: "JPEG",
    ThumbnailFormat.PNG: "PNG",
}
# Source formats ORIGINAL keeps; any other source (GIF, MPO, TIFF...) becomes JPEG.
ORIGINAL_KEPT_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
ORIGINAL_FALLBACK_FORMAT = "JPEG"

FILE_EXTENSIONS: dict[str, str] = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}


def snap_size(size: int) -> int:
    """The smallest allowed size at least ``size``, capped at the largest allowed size."""
    for allowed in THUMBNAIL_SIZES:
        if size <= allowed:
            return allowed
    return MAX_THUMBNAIL_SIZE


def parse_format(value: str) -> str | None:
    """The ThumbnailFormat value for ``value`` in any case ("webp" -> "WEBP"), or None."""
    candidate = value.upper()
    return candidate if candidate in FORMATS else None


def pillow_format(*, format: str, source_format: str | None) -> str:
    """The Pillow format a thumbnail in ``format`` of a ``source_format`` image is written in."""
    if format != ThumbnailFormat.ORIGINAL:
        return PILLOW_FORMATS[format]
    if source_format is not None and source_format in ORIGINAL_KEPT_FORMATS:
        return source_format
    return ORIGINAL_FALLBACK_FORMAT


def file_extension(pillow_format: str) -> str:
    return FILE_EXTENSIONS[pillow_format]
