import logging
import re
import threading

import pytest
from django.core.files.base import ContentFile
from django.db import connections

from marketplace.thumbnails.models import Thumbnail
from marketplace.thumbnails.services import (
    RenderedThumbnail,
    _thumbnail_store,
    thumbnail_get_or_create,
)
from tests.factories import CategoryFactory, CollectionFactory, VendorFactory
from tests.images import (
    BLUE,
    OPAQUE_RED,
    RED,
    ROTATE_90_CLOCKWISE,
    TRANSPARENT,
    image_bytes,
    stored_image,
)

pytestmark = pytest.mark.django_db


def test_jpeg_media_to_webp(make_media, thumbnail_files):
    media = make_media(image_bytes(size=(800, 400), format="JPEG"))

    thumbnail = thumbnail_get_or_create(kind="media", object_id=media.pk, size=256, format="WEBP")

    assert thumbnail is not None
    assert (thumbnail.product_media_id, thumbnail.size, thumbnail.format) == (media.pk, 256, "WEBP")
    assert (thumbnail.category_id, thumbnail.collection_id, thumbnail.vendor_id) == (
        None,
        None,
        None,
    )
    assert re.fullmatch(rf"thumbnails/media-{media.pk}-256-[0-9a-f]{{8}}\.webp", thumbnail.image.name)
    image = stored_image(thumbnail)
    assert (image.format, image.size) == ("WEBP", (256, 128))
    assert thumbnail_files() == [thumbnail.image.name.removeprefix("thumbnails/")]
    assert Thumbnail.objects.get() == thumbnail


def test_size_is_snapped_up_to_an_allowed_size(make_media):
    media = make_media(image_bytes(size=(800, 400), format="JPEG"))

    thumbnail = thumbnail_get_or_create(kind="media", object_id=media.pk, size=200, format="JPEG")

    assert thumbnail.size == 256
    image = stored_image(thumbnail)
    assert (image.format, image.size) == ("JPEG", (256, 128))


def test_png_with_alpha_to_jpeg_is_flattened_on_white(make_media):
    content = image_bytes(size=(100, 100), format="PNG", mode="RGBA", left=TRANSPARENT, right=OPAQUE_RED)
    media = make_media(content, name="logo.png")

    thumbnail = thumbnail_get_or_create(kind="media", object_id=media.pk, size=64, format="JPEG")

    image = stored_image(thumbnail)
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (64, 64))
    assert thumbnail.image.name.endswith(".jpg")
    assert all(channel >= 245 for channel in image.getpixel((4, 32)))  # was transparent: white
    red, green, blue = image.getpixel((60, 32))
    assert red >= 240 and green <= 15 and blue <= 15


def test_png_with_alpha_to_png_keeps_transparency(make_media):
    content = image_bytes(size=(100, 100), format="PNG", mode="RGBA", left=TRANSPARENT, right=OPAQUE_RED)
    media = make_media(content, name="logo.png")

    thumbnail = thumbnail_get_or_create(kind="media", object_id=media.pk, size=64, format="PNG")

    image = stored_image(thumbnail)
    assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (64, 64))
    assert image.getpixel((4, 32))[3] == 0
    assert image.getpixel((60, 32)) == OPAQUE_RED


@pytest.mark.parametrize(
    ("source_format", "name", "expected_format", "extension"),
    [
        ("JPEG", "photo.jpg", "JPEG", "jpg"),
        ("PNG", "photo.png", "PNG", "png"),
        ("WEBP", "photo.webp", "WEBP", "webp"),
        ("GIF", "photo.gif", "JPEG", "jpg"),
    ],
)
def test_original_keeps_the_source_format_or_falls_back_to_jpeg(
    make_media, source_format, name, expected_format, extension
):
    media = make_media(image_bytes(size=(400, 200), format=source_format), name=name)

    thumbnail = thumbnail_get_or_create(kind="media", object_id=media.pk, size=128, format="ORIGINAL")

    assert thumbnail.format == "ORIGINAL"
    assert thumbnail.image.name.endswith(f".{extension}")
    image = stored_image(thumbnail)
    assert (image.format, image.size) == (expected_format, (128, 64))


def test_never_upscales_beyond_the_source(make_media):
    media = make_media(image_bytes(size=(200, 100), format="WEBP"), name="small.webp")

    thumbnail = thumbnail_get_or_create(kind="media", object_id=media.pk, size=512, format="WEBP")

    assert thumbnail.size == 512
    assert stored_image(thumbnail).size == (200, 100)


def test_tall_image_fits_the_box_by_its_height(make_media):
    media = make_media(image_bytes(size=(300, 1200), format="JPEG"))

    thumbnail = thumbnail_get_or_create(kind="media", object_id=media.pk, size=256, format="WEBP")

    assert stored_image(thumbnail).size == (64, 256)


def test_exif_orientation_is_applied(make_media):
    content = image_bytes(
        size=(400, 200), format="JPEG", left=RED, right=BLUE, exif_orientation=ROTATE_90_CLOCKWISE
    )
    media = make_media(content)

    thumbnail = thumbnail_get_or_create(kind="media", object_id=media.pk, size=128, format="JPEG")

    image = stored_image(thumbnail)
    assert image.size == (64, 128)  # stored landscape, shown portrait
    top, bottom = image.getpixel((32, 10)), image.getpixel((32, 118))
    assert top[0] > 200 and top[2] < 60  # the stored left (red) half is now on top
    assert bottom[2] > 200 and bottom[0] < 60
    assert image.getexif().get(0x0112) is None


def test_second_call_returns_the_same_row_and_writes_nothing(
    make_media, thumbnail_files, django_assert_num_queries
):
    media = make_media()
    first = thumbnail_get_or_create(kind="media", object_id=media.pk, size=256, format="WEBP")
    files = thumbnail_files()

    with django_assert_num_queries(1):
        second = thumbnail_get_or_create(kind="media", object_id=media.pk, size=250, format="WEBP")

    assert second.pk == first.pk
    assert second.image.name == first.image.name
    assert thumbnail_files() == files
    assert Thumbnail.objects.count() == 1


def test_each_size_and_format_is_its_own_thumbnail(make_media, thumbnail_files):
    media = make_media()

    made = [
        thumbnail_get_or_create(kind="media", object_id=media.pk, size=size, format=format)
        for size, format in [(64, "WEBP"), (64, "JPEG"), (64, "ORIGINAL"), (128, "WEBP")]
    ]

    assert len({t.pk for t in made}) == 4
    assert len(thumbnail_files()) == 4
    assert set(Thumbnail.objects.values_list("size", "format")) == {
        (64, "WEBP"),
        (64, "JPEG"),
        (64, "ORIGINAL"),
        (128, "WEBP"),
    }


@pytest.mark.parametrize(
    ("kind", "factory", "field", "fk"),
    [
        ("category", CategoryFactory, "background_image", "category_id"),
        ("collection", CollectionFactory, "background_image", "collection_id"),
        ("vendor", VendorFactory, "logo", "vendor_id"),
    ],
)
def test_other_source_kinds(kind, factory, field, fk):
    source = factory()
    getattr(source, field).save("picture.png", ContentFile(image_bytes(size=(64, 32), format="PNG")))

    thumbnail = thumbnail_get_or_create(kind=kind, object_id=source.pk, size=32, format="WEBP")

    assert getattr(thumbnail, fk) == source.pk
    assert thumbnail.product_media_id is None
    assert re.fullmatch(rf"thumbnails/{kind}-{source.pk}-32-[0-9a-f]{{8}}\.webp", thumbnail.image.name)
    assert stored_image(thumbnail).size == (32, 16)


def test_missing_source_gives_none(make_media, thumbnail_files):
    media = make_media()
    media_id = media.pk
    media.delete()

    assert thumbnail_get_or_create(kind="media", object_id=media_id, size=256, format="WEBP") is None
    assert thumbnail_get_or_create(kind="media", object_id=2**70, size=256, format="WEBP") is None
    assert thumbnail_get_or_create(kind="media", object_id=0, size=256, format="WEBP") is None
    assert Thumbnail.objects.count() == 0
    assert thumbnail_files() == []


def test_source_without_image_gives_none(thumbnail_files):
    category = CategoryFactory()

    assert thumbnail_get_or_create(kind="category", object_id=category.pk, size=256, format="WEBP") is None
    assert Thumbnail.objects.count() == 0
    assert thumbnail_files() == []


def test_undecodable_source_gives_none_and_logs(make_media, thumbnail_files, caplog):
    media = make_media(b"this is not an image", name="broken.jpg")

    with caplog.at_level(logging.WARNING, logger="marketplace.thumbnails.services"):
        result = thumbnail_get_or_create(kind="media", object_id=media.pk, size=256, format="WEBP")

    assert result is None
    assert Thumbnail.objects.count() == 0
    assert thumbnail_files() == []
    assert [r.getMessage() for r in caplog.records] == [
        f"Thumbnail source media {media.pk} cannot be decoded: {media.image.name}"
    ]


def test_source_file_missing_from_storage_gives_none(make_media, caplog):
    media = make_media()
    media.image.storage.delete(media.image.name)

    with caplog.at_level(logging.WARNING, logger="marketplace.thumbnails.services"):
        result = thumbnail_get_or_create(kind="media", object_id=media.pk, size=256, format="WEBP")

    assert result is None
    assert Thumbnail.objects.count() == 0
    assert [r.getMessage() for r in caplog.records] == [
        f"Thumbnail source media {media.pk} is missing from storage: {media.image.name}"
    ]


@pytest.mark.parametrize(("kind", "format"), [("product", "WEBP"), ("media", "GIF"), ("media", "webp")])
def test_unknown_kind_or_format_is_a_caller_error(kind, format):
    with pytest.raises(ValueError):
        thumbnail_get_or_create(kind=kind, object_id=1, size=256, format=format)


def test_losing_a_race_drops_its_file_and_returns_the_winner(make_media, thumbnail_files):
    media = make_media()
    winner = thumbnail_get_or_create(kind="media", object_id=media.pk, size=256, format="WEBP")

    # A concurrent call that rendered before the winner's row existed, storing second.
    loser = _thumbnail_store(
        kind="media",
        object_id=media.pk,
        size=256,
        format="WEBP",
        rendered=RenderedThumbnail(content=b"late", extension="webp"),
    )

    assert loser.pk == winner.pk
    assert thumbnail_files() == [winner.image.name.removeprefix("thumbnails/")]
    assert Thumbnail.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_calls_end_with_one_row_and_one_file(make_media, thumbnail_files):
    media = make_media(image_bytes(size=(2000, 1000), format="JPEG"))
    callers = 4
    barrier = threading.Barrier(callers)
    results: list[int | None] = []

    def call() -> None:
        try:
            barrier.wait()
            thumbnail = thumbnail_get_or_create(kind="media", object_id=media.pk, size=512, format="WEBP")
            results.append(thumbnail.pk if thumbnail else None)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=call) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    row = Thumbnail.objects.get(product_media=media)
    assert results == [row.pk] * callers
    assert thumbnail_files() == [row.image.name.removeprefix("thumbnails/")]
