import pytest

from marketplace.thumbnails.models import Thumbnail
from marketplace.thumbnails.tasks import create_thumbnails
from tests.images import image_bytes, stored_image

pytestmark = pytest.mark.django_db


def test_creates_the_default_thumbnails(make_media, thumbnail_files):
    media = make_media(image_bytes(size=(2000, 1000), format="JPEG"))

    ids = create_thumbnails.delay("media", media.pk).get()

    thumbnails = {(t.size, t.format): t for t in Thumbnail.objects.filter(product_media=media)}
    assert set(thumbnails) == {(256, "WEBP"), (1024, "WEBP")}
    assert sorted(ids) == sorted(t.pk for t in thumbnails.values())
    assert stored_image(thumbnails[256, "WEBP"]).size == (256, 128)
    assert stored_image(thumbnails[1024, "WEBP"]).size == (1024, 512)
    assert len(thumbnail_files()) == 2


def test_is_idempotent(make_media, thumbnail_files):
    media = make_media()
    first_ids = create_thumbnails.delay("media", media.pk).get()
    files = thumbnail_files()

    second_ids = create_thumbnails.delay("media", media.pk).get()

    assert second_ids == first_ids
    assert Thumbnail.objects.count() == 2
    assert thumbnail_files() == files


def test_given_sizes_and_formats(make_media):
    media = make_media()

    create_thumbnails.delay("media", media.pk, sizes=[64, 100], formats=["PNG", "JPEG"]).get()

    assert set(Thumbnail.objects.values_list("size", "format")) == {
        (64, "PNG"),
        (64, "JPEG"),
        (128, "PNG"),
        (128, "JPEG"),
    }


def test_missing_source_creates_nothing(make_media, thumbnail_files):
    media = make_media()
    media_id = media.pk
    media.delete()

    assert create_thumbnails.delay("media", media_id).get() == []
    assert Thumbnail.objects.count() == 0
    assert thumbnail_files() == []
