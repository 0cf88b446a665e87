"""Celery entry points for thumbnails: primitives in, idempotent, one service call each."""

from itertools import product

from celery import shared_task
from django.db import OperationalError

from marketplace.thumbnails.models import ThumbnailFormat
from marketplace.thumbnails.services import thumbnail_get_or_create

DEFAULT_SIZES: tuple[int, ...] = (256, 1024)
DEFAULT_FORMATS: tuple[str, ...] = (ThumbnailFormat.WEBP,)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def create_thumbnails(
    kind: str,
    object_id: int,
    sizes: list[int] | None = None,
    formats: list[str] | None = None,
) -> list[int]:
    """Pre-generate a source image's thumbnails (by default 256 and 1024 px in WEBP).

    Existing thumbnails are reused, so running it again changes nothing. Returns the ids of
    the thumbnails; empty when the source is gone or its image cannot be read.
    """
    thumbnail_ids = []
    for size, format in product(sizes or DEFAULT_SIZES, formats or DEFAULT_FORMATS):
        thumbnail = thumbnail_get_or_create(kind=kind, object_id=object_id, size=size, format=format)
        if thumbnail is None:
            return []  # the same source fails for every size and format
        thumbnail_ids.append(thumbnail.pk)
    return thumbnail_ids
