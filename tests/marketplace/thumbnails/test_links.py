import pytest

from marketplace.thumbnails.links import thumbnail_url
from marketplace.thumbnails.models import Thumbnail
from marketplace.thumbnails.services import thumbnail_get_or_create

pytestmark = pytest.mark.django_db


def test_existing_thumbnail_links_to_its_stored_file(make_media):
    media = make_media()
    existing = thumbnail_get_or_create(kind="media", object_id=media.pk, size=256, format="WEBP")

    url = thumbnail_url(kind="media", object_id=media.pk, size=256, format="WEBP", existing=existing)

    assert url == existing.image.url
    assert url == f"/media/{existing.image.name}"


@pytest.mark.parametrize(
    ("size", "format", "expected"),
    [
        (256, "WEBP", "/thumbnail/media/5/256/webp/"),
        (100, "JPEG", "/thumbnail/media/5/128/jpeg/"),
        (10_000, "ORIGINAL", "/thumbnail/media/5/4096/original/"),
    ],
)
def test_missing_thumbnail_links_to_the_view_with_a_snapped_size(size, format, expected):
    assert thumbnail_url(kind="media", object_id=5, size=size, format=format, existing=None) == expected


def test_the_view_link_serves_the_thumbnail(client, make_media):
    media = make_media()
    url = thumbnail_url(kind="media", object_id=media.pk, size=100, format="PNG", existing=None)

    response = client.get(url)

    thumbnail = Thumbnail.objects.get()
    assert (thumbnail.size, thumbnail.format) == (128, "PNG")
    assert response.status_code == 302
    assert response["Location"] == thumbnail_url(
        kind="media", object_id=media.pk, size=128, format="PNG", existing=thumbnail
    )
