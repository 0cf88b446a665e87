import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from marketplace.thumbnails.models import Thumbnail
from tests.factories import CategoryFactory
from tests.images import image_bytes, stored_image

pytestmark = pytest.mark.django_db

YEAR = 60 * 60 * 24 * 365


def cache_directives(response) -> set[str]:
    return {d.strip() for d in response["Cache-Control"].split(",")}


def test_url_is_mounted_under_thumbnail():
    url = reverse("thumbnail", kwargs={"kind": "media", "object_id": 7, "size": 256, "format": "webp"})

    assert url == "/thumbnail/media/7/256/webp/"


def test_first_request_generates_and_redirects_to_the_stored_file(client, make_media, thumbnail_files):
    media = make_media(image_bytes(size=(800, 400), format="JPEG"))

    response = client.get(f"/thumbnail/media/{media.pk}/256/webp/")

    thumbnail = Thumbnail.objects.get()
    assert (thumbnail.product_media_id, thumbnail.size, thumbnail.format) == (media.pk, 256, "WEBP")
    assert response.status_code == 302
    assert response["Location"] == thumbnail.image.url
    assert response["Location"] == f"/media/{thumbnail.image.name}"
    assert cache_directives(response) == {"public", f"max-age={YEAR}"}
    image = stored_image(thumbnail)
    assert (image.format, image.size) == ("WEBP", (256, 128))
    assert thumbnail_files() == [thumbnail.image.name.removeprefix("thumbnails/")]


def test_later_requests_reuse_the_thumbnail(client, make_media, thumbnail_files):
    media = make_media()
    first = client.get(f"/thumbnail/media/{media.pk}/256/webp/")
    files = thumbnail_files()

    second = client.get(f"/thumbnail/media/{media.pk}/256/webp/")

    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Thumbnail.objects.count() == 1
    assert thumbnail_files() == files


@pytest.mark.parametrize(
    ("size", "format", "expected_size", "expected_format"),
    [
        ("100", "jpeg", 128, "JPEG"),
        ("0", "png", 32, "PNG"),
        ("999999999999999999999999999999", "original", 4096, "ORIGINAL"),
    ],
)
def test_size_is_snapped_and_format_is_case_insensitive(
    client, make_media, size, format, expected_size, expected_format
):
    media = make_media()

    response = client.get(f"/thumbnail/media/{media.pk}/{size}/{format}/")

    thumbnail = Thumbnail.objects.get()
    assert (thumbnail.size, thumbnail.format) == (expected_size, expected_format)
    assert response.status_code == 302
    assert response["Location"] == thumbnail.image.url


def test_other_kinds_are_served(client):
    category = CategoryFactory()
    category.background_image.save("bg.png", ContentFile(image_bytes(size=(64, 64), format="PNG")))

    response = client.get(f"/thumbnail/category/{category.pk}/64/webp/")

    thumbnail = Thumbnail.objects.get()
    assert thumbnail.category_id == category.pk
    assert response.status_code == 302
    assert response["Location"] == thumbnail.image.url


@pytest.mark.parametrize(
    "path",
    [
        "/thumbnail/product/{pk}/256/webp/",  # unknown kind
        "/thumbnail/Media/{pk}/256/webp/",
        "/thumbnail/media/{pk}/256/gif/",  # unknown format
        "/thumbnail/media/{pk}/256/jpg/",
        "/thumbnail/media/{missing}/256/webp/",  # no such object
        "/thumbnail/media/99999999999999999999999999999999/256/webp/",
        "/thumbnail/media/0/256/webp/",
        "/thumbnail/media/-1/256/webp/",  # not a URL of the view at all
        "/thumbnail/media/{pk}/" + "9" * 5000 + "/webp/",  # too long to be an int
    ],
)
def test_not_found(client, make_media, thumbnail_files, path):
    media = make_media()

    response = client.get(path.format(pk=media.pk, missing=media.pk + 1000))

    assert response.status_code == 404
    assert Thumbnail.objects.count() == 0
    assert thumbnail_files() == []


def test_not_found_when_the_source_has_no_image(client):
    category = CategoryFactory()

    response = client.get(f"/thumbnail/category/{category.pk}/256/webp/")

    assert response.status_code == 404
    assert Thumbnail.objects.count() == 0


def test_not_found_when_the_source_image_cannot_be_decoded(client, make_media):
    media = make_media(b"GIF89a but not really", name="broken.gif")

    response = client.get(f"/thumbnail/media/{media.pk}/256/webp/")

    assert response.status_code == 404
    assert Thumbnail.objects.count() == 0


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_get_is_allowed(client, make_media, thumbnail_files, method):
    media = make_media()

    response = getattr(client, method)(f"/thumbnail/media/{media.pk}/256/webp/")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert Thumbnail.objects.count() == 0
    assert thumbnail_files() == []
