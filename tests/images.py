"""Real images for the thumbnail tests, made with Pillow in memory."""

import io

from django.core.files.storage import default_storage
from PIL import Image

from marketplace.thumbnails.models import Thumbnail

RED = (255, 0, 0)
BLUE = (0, 0, 255)
TRANSPARENT = (0, 0, 0, 0)
OPAQUE_RED = (255, 0, 0, 255)
EXIF_ORIENTATION = 0x0112
ROTATE_90_CLOCKWISE = 6  # the stored pixels must be turned 90 degrees clockwise for display


def image_bytes(
    *,
    size: tuple[int, int],
    format: str,
    mode: str = "RGB",
    left: tuple[int, ...] = RED,
    right: tuple[int, ...] | None = None,
    exif_orientation: int | None = None,
) -> bytes:
    """An encoded image whose left half is ``left`` and right half ``right`` (default: left)."""
    width, height = size
    image = Image.new(mode, size, right if right is not None else left)
    image.paste(Image.new(mode, (width // 2, height), left), (0, 0))
    options = {}
    if exif_orientation is not None:
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = exif_orientation
        options["exif"] = exif.tobytes()
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def decoded(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def stored_image(thumbnail: Thumbnail) -> Image.Image:
    """The thumbnail's file, read back from storage and decoded."""
    with default_storage.open(thumbnail.image.name, "rb") as file:  # type: ignore[arg-type]
        return decoded(file.read())
