"""Thumbnail fixtures: a throw-away MEDIA_ROOT and sources with real images in storage."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from marketplace.catalog.models import ProductMedia
from tests.factories import ProductFactory
from tests.images import image_bytes


@pytest.fixture
def thumbnail_files(media_root: Path) -> Callable[[], list[str]]:
    """The names of the thumbnail files in storage, sorted."""

    def files() -> list[str]:
        folder = media_root / "thumbnails"
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

    return files


@pytest.fixture
def make_media(db) -> Callable[..., ProductMedia]:
    """A ProductMedia whose image field holds ``content`` (a real image unless told)."""

    def make(content: bytes | None = None, name: str = "photo.jpg") -> ProductMedia:
        media = ProductMedia.objects.create(product=ProductFactory())  # type: ignore[misc]
        if content is None:
            content = image_bytes(size=(800, 400), format="JPEG")
        media.image.save(name, ContentFile(content), save=True)
        return media

    return make
