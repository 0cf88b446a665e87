"""Saleor's User.avatar(size, format), userAvatarUpdate(image) and userAvatarDelete over HTTP:
the upload path (bytes judged, generated names), thumbnails, old files removed, on local
storage and on a real local S3 server; avatars are never served to strangers by user id."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.thumbnails.models import Thumbnail
from tests.conftest import ApiClient, client_for, data, error_codes
from tests.factories import UserFactory
from tests.images import image_bytes
from tests.storefront_api.artisan.test_media import multipart, stored_files

pytestmark = pytest.mark.django_db

UPDATE = """mutation ($image: Upload!) { userAvatarUpdate(image: $image) {
  user { email avatar { url alt } } errors { field code message } } }"""
DELETE = "mutation { userAvatarDelete { user { avatar { url } } errors { field code } } }"
ME = """query ($size: Int, $format: ThumbnailFormatEnum) { me { avatar { url alt }
  small: avatar(size: $size, format: $format) { url } } }"""


def png(size=(300, 200)):
    return SimpleUploadedFile("me.png", image_bytes(size=size, format="PNG"), content_type="image/png")


def upload(user, file):
    return multipart(client_for(user), UPDATE, {}, {"image": file})


def avatar_files(media_root):
    return [f for f in stored_files(media_root) if f.startswith(("user-avatars/", "thumbnails/user-"))]


def test_no_avatar_is_null(customer_user):
    assert data(client_for(customer_user).graphql(ME, {"size": 64}))["me"] == {"avatar": None, "small": None}


def test_upload_then_thumbnails_then_replace_then_delete(customer_user, media_root):
    result = data(upload(customer_user, png()).json())["userAvatarUpdate"]
    assert result["errors"] == []
    customer_user.refresh_from_db()
    name = customer_user.avatar.name
    assert re.fullmatch(r"user-avatars/\d{4}/\d{2}/[0-9a-f]{32}\.png", name)
    assert result["user"] == {
        "email": customer_user.email,
        "avatar": {"url": f"http://testserver/media/{name}", "alt": None},
    }
    # The Celery task made the default thumbnails after commit, with unguessable names.
    made = Thumbnail.objects.filter(user=customer_user)
    assert sorted((t.size, t.format) for t in made) == [(256, "WEBP"), (1024, "WEBP")]
    assert all(
        re.fullmatch(rf"thumbnails/user-{customer_user.pk}-\d+-[0-9a-f]{{32}}\.webp", t.image.name)
        for t in made
    )

    # Another size is made on demand by the API for the owner (not by the public view).
    me = data(client_for(customer_user).graphql(ME, {"size": 60, "format": "PNG"}))["me"]
    small = Thumbnail.objects.get(user=customer_user, size=64, format="PNG")
    assert me["small"] == {"url": f"http://testserver/media/{small.image.name}"}
    assert me["avatar"]["url"] == f"http://testserver/media/{name}"
    first_files = avatar_files(media_root)
    assert len(first_files) == 4

    # Replacing it removes the old image and every thumbnail of it, rows and files.
    replaced = data(upload(customer_user, png(size=(120, 120))).json())["userAvatarUpdate"]
    assert replaced["errors"] == []
    customer_user.refresh_from_db()
    assert customer_user.avatar.name != name
    assert not Thumbnail.objects.filter(pk=small.pk).exists()
    assert set(first_files).isdisjoint(avatar_files(media_root))
    assert customer_user.avatar.name in avatar_files(media_root)

    deleted = data(client_for(customer_user).graphql(DELETE))["userAvatarDelete"]
    assert deleted == {"user": {"avatar": None}, "errors": []}
    assert avatar_files(media_root) == [] and not Thumbnail.objects.filter(user=customer_user).exists()
    # Deleting again is harmless.
    assert data(client_for(customer_user).graphql(DELETE))["userAvatarDelete"]["errors"] == []


@pytest.mark.parametrize(
    ("file", "code"),
    [
        (
            SimpleUploadedFile("me.png", b"<svg onload=alert(1)>", content_type="image/png"),
            "INVALID_FILE_TYPE",
        ),
        (SimpleUploadedFile("me.gif", b"GIF89a" + b"\0" * 64, content_type="image/gif"), "INVALID_FILE_TYPE"),
        (
            SimpleUploadedFile(
                "big.png",
                image_bytes(size=(16, 16), format="PNG") + b"\0" * (11 * 1024 * 1024),
                content_type="image/png",
            ),
            "FILE_TOO_LARGE",
        ),
        (
            SimpleUploadedFile(
                "cut.jpg", image_bytes(size=(400, 400), format="JPEG")[:300], content_type="image/jpeg"
            ),
            "INVALID_FILE_TYPE",
        ),
        (SimpleUploadedFile("empty.png", b"", content_type="image/png"), "REQUIRED"),
    ],
)
def test_bad_files_are_typed_errors_and_keep_the_current_avatar(customer_user, media_root, file, code):
    assert data(upload(customer_user, png()).json())["userAvatarUpdate"]["errors"] == []
    customer_user.refresh_from_db()
    current, files = customer_user.avatar.name, avatar_files(media_root)
    result = data(upload(customer_user, file).json())["userAvatarUpdate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("image", code)]
    customer_user.refresh_from_db()
    assert customer_user.avatar.name == current and avatar_files(media_root) == files


def test_a_decompression_bomb_is_refused(customer_user, media_root):
    bomb = SimpleUploadedFile(
        "bomb.png",
        image_bytes(size=(8000, 6000), format="PNG", mode="L", left=(0,)),
        content_type="image/png",
    )
    result = data(upload(customer_user, bomb).json())["userAvatarUpdate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("image", "INVALID_FILE_TYPE")]
    assert avatar_files(media_root) == []


def test_only_a_signed_in_user_changes_only_their_own_avatar(customer_user, media_root):
    other = UserFactory(email="khac@example.vn")
    for response in (
        # an anonymous upload with the preflight header reaches the permission check
        multipart(ApiClient(HTTP_APOLLO_REQUIRE_PREFLIGHT="true"), UPDATE, {}, {"image": png()}),
        ApiClient().post_graphql(DELETE),
    ):
        assert error_codes(response.json()) == ["PermissionDenied"]
    assert avatar_files(media_root) == []
    assert data(upload(customer_user, png()).json())["userAvatarUpdate"]["errors"] == []
    other.refresh_from_db()
    assert not other.avatar
    assert data(client_for(other).graphql(DELETE))["userAvatarDelete"]["errors"] == []
    customer_user.refresh_from_db()
    assert customer_user.avatar  # the other user's delete touched only their own


def test_the_public_thumbnail_view_never_serves_avatars(customer_user, media_root, client):
    assert data(upload(customer_user, png()).json())["userAvatarUpdate"]["errors"] == []
    for size in (256, 64):
        assert client.get(f"/thumbnail/user/{customer_user.pk}/{size}/webp/").status_code == 404
    assert not Thumbnail.objects.filter(user=customer_user, size=64).exists()


def test_avatars_on_s3_through_boto3(customer_user, s3_storage):
    result = data(upload(customer_user, png()).json())["userAvatarUpdate"]
    assert result["errors"] == []
    customer_user.refresh_from_db()
    head = s3_storage.client.head_object(Bucket=s3_storage.public, Key=customer_user.avatar.name)
    assert head["ContentType"] == "image/png"
    assert result["user"]["avatar"]["url"].startswith(s3_storage.endpoint_url)
    keys = [customer_user.avatar.name, *(t.image.name for t in Thumbnail.objects.filter(user=customer_user))]
    assert len(keys) == 3
    assert data(client_for(customer_user).graphql(DELETE))["userAvatarDelete"]["errors"] == []
    listed = s3_storage.client.list_objects_v2(Bucket=s3_storage.public).get("Contents", [])
    assert not {o["Key"] for o in listed} & set(keys)
