"""marketplace.core.storage against a real S3 server (moto, see tests/s3.py) and on local disk.

moto checks that a private object cannot be read without a signature, but it does not check
presigned signatures, their expiry, or POST policies (size range, key): those are asserted
on what we sign, and the local views' own enforcement is tested below.
"""

import base64
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.urls import include, path

from marketplace.core import storage
from tests.images import image_bytes

# The local stand-ins for S3 (marketplace.core.urls), whether or not the project includes them.
urlpatterns = [path("", include("marketplace.core.urls"))]

JPEG = image_bytes(size=(64, 48), format="JPEG")
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def local_storage(settings):
    """Media on the local filesystem, whatever the environment says."""
    settings.USE_S3 = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def s3_keys(client, bucket: str) -> list[str]:
    return [obj["Key"] for obj in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


# ---------------------------------------------------------------- S3


def test_public_file_on_s3_is_saved_stated_read_and_deleted(s3_storage):
    name = storage.save("products/2026/11/photo.jpg", JPEG, content_type="image/jpeg")

    assert name == "products/2026/11/photo.jpg"
    head = s3_storage.client.head_object(Bucket=s3_storage.public, Key=name)
    assert head["ContentLength"] == len(JPEG)
    assert head["ContentType"] == "image/jpeg"
    assert s3_keys(s3_storage.client, s3_storage.private) == []
    assert storage.stat(name) == len(JPEG)
    assert storage.read_head(name, 16) == JPEG[:16]
    assert storage.read_head(name, 10_000_000) == JPEG
    public = requests.get(default_storage.url(name), timeout=10)
    assert public.status_code == 200
    assert public.content == JPEG

    storage.delete(name)

    assert storage.stat(name) is None
    assert s3_keys(s3_storage.client, s3_storage.public) == []
    storage.delete(name)  # already gone: no error
    with pytest.raises(FileNotFoundError):
        storage.read_head(name)


def test_saving_under_a_taken_name_keeps_both_files(s3_storage):
    first = storage.save("products/2026/11/photo.jpg", b"first")
    second = storage.save("products/2026/11/photo.jpg", b"second")

    assert first != second
    assert storage.read_head(first) == b"first"
    assert storage.read_head(second) == b"second"


def test_empty_object_reads_as_no_bytes(s3_storage):
    name = storage.save("empty.bin", b"")

    assert storage.stat(name) == 0
    assert storage.read_head(name) == b""


def test_private_file_on_s3_lives_in_the_private_bucket(s3_storage):
    name = storage.save("ocop/2026/11/scan.pdf", PDF, private=True, content_type="application/pdf")

    assert s3_keys(s3_storage.client, s3_storage.private) == [f"private/{name}"]
    assert s3_keys(s3_storage.client, s3_storage.public) == []
    assert storage.stat(name, private=True) == len(PDF)
    assert storage.stat(name) is None
    assert storage.read_head(name, 5, private=True) == b"%PDF-"
    assert (
        s3_storage.client.head_object(Bucket=s3_storage.private, Key=f"private/{name}")["CacheControl"]
        == "private, no-store"
    )
    grants = s3_storage.client.get_object_acl(Bucket=s3_storage.private, Key=f"private/{name}")["Grants"]
    assert all("URI" not in grant["Grantee"] for grant in grants)  # no AllUsers / AuthenticatedUsers

    storage.delete(name, private=True)

    assert storage.stat(name, private=True) is None
    assert s3_keys(s3_storage.client, s3_storage.private) == []


def test_private_object_is_not_readable_without_a_signature(s3_storage):
    name = storage.save("ocop/2026/11/scan.pdf", PDF, private=True)

    unsigned = requests.get(f"{s3_storage.endpoint_url}/{s3_storage.private}/private/{name}", timeout=10)

    assert unsigned.status_code == 403
    assert PDF not in unsigned.content


def test_private_url_is_a_short_lived_presigned_get(s3_storage):
    name = storage.save("ocop/2026/11/scan.pdf", PDF, private=True)

    url = storage.private_url(name, expires=60)

    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.path == f"/{s3_storage.private}/private/{name}"
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Expires"] == ["60"]
    assert query["X-Amz-Signature"][0]
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - signed_at) < timedelta(seconds=30)
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    assert response.content == PDF


def test_private_url_refuses_lifetimes_s3_cannot_sign(s3_storage):
    with pytest.raises(ValueError):
        storage.private_url("ocop/scan.pdf", expires=0)
    with pytest.raises(ValueError):
        storage.private_url("ocop/scan.pdf", expires=8 * 24 * 3600)


def test_presigned_upload_posts_a_file_under_the_key(s3_storage):
    key = "products/2026/11/0123456789abcdef.jpg"
    upload = storage.presigned_upload(key=key, max_bytes=1024 * 1024, content_type="image/jpeg")

    response = requests.post(
        upload["url"], data=upload["fields"], files={"file": ("../../etc/passwd", JPEG)}, timeout=10
    )

    assert response.status_code == 204, response.content
    assert s3_keys(s3_storage.client, s3_storage.public) == [key]
    stored = s3_storage.client.get_object(Bucket=s3_storage.public, Key=key)
    assert stored["Body"].read() == JPEG
    assert stored["ContentType"] == "image/jpeg"


def test_presigned_upload_policy_limits_size_key_and_lifetime(s3_storage):
    key = "products/2026/11/0123456789abcdef.jpg"
    before = datetime.now(UTC)

    upload = storage.presigned_upload(key=key, max_bytes=5000, expires=120, content_type="image/jpeg")

    assert upload["fields"]["key"] == key
    assert upload["fields"]["Content-Type"] == "image/jpeg"
    assert upload["fields"]["x-amz-signature"]
    policy = json.loads(base64.b64decode(upload["fields"]["policy"]))
    assert ["content-length-range", 1, 5000] in policy["conditions"]
    assert {"key": key} in policy["conditions"]
    assert {"bucket": s3_storage.public} in policy["conditions"]
    assert {"Content-Type": "image/jpeg"} in policy["conditions"]
    expiration = datetime.strptime(policy["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before + timedelta(seconds=110) <= expiration <= before + timedelta(seconds=130)


def _public_endpoint(endpoint_url: str) -> str:
    """The same moto server under another host name, as a phone would reach MinIO."""
    return endpoint_url.replace("127.0.0.1", "localhost")


def test_links_for_browsers_are_signed_for_the_public_endpoint(s3_storage, settings):
    """Compose: the API reaches MinIO as http://minio:9000, browsers as http://localhost:9000.
    Presigned uploads and private links name (and, SigV4, sign) the public host; public media
    URLs use AWS_S3_CUSTOM_DOMAIN. (moto does not verify signatures: the signed host is
    asserted, and each link is used for real against the public name.)"""
    public = _public_endpoint(s3_storage.endpoint_url)
    settings.AWS_S3_PUBLIC_ENDPOINT_URL = public
    settings.AWS_S3_URL_PROTOCOL = "http:"
    settings.AWS_S3_CUSTOM_DOMAIN = f"{urlsplit(public).netloc}/{s3_storage.public}"
    settings.STORAGES = {**settings.STORAGES}  # rebuild default_storage with the custom domain
    name = storage.save("ocop/2026/11/scan.pdf", PDF, private=True)

    link = storage.private_url(name, expires=60)
    upload = storage.presigned_upload(key="products/2026/11/abc.jpg", max_bytes=10_000)
    photo = storage.save("products/2026/11/photo.jpg", JPEG, content_type="image/jpeg")

    assert link.startswith(f"{public}/{s3_storage.private}/private/{name}?")
    assert parse_qs(urlsplit(link).query)["X-Amz-SignedHeaders"] == ["host"]
    assert requests.get(link, timeout=10).content == PDF
    assert upload["url"] == f"{public}/{s3_storage.public}"
    posted = requests.post(upload["url"], data=upload["fields"], files={"file": ("a.jpg", JPEG)}, timeout=10)
    assert posted.status_code == 204
    assert default_storage.url(photo) == f"{public}/{s3_storage.public}/{photo}"
    assert requests.get(default_storage.url(photo), timeout=10).content == JPEG


def test_without_a_public_endpoint_links_use_the_api_endpoint(s3_storage, settings):
    settings.AWS_S3_PUBLIC_ENDPOINT_URL = None
    name = storage.save("ocop/2026/11/scan.pdf", PDF, private=True)

    assert storage.private_url(name).startswith(f"{s3_storage.endpoint_url}/{s3_storage.private}/")
    assert storage.presigned_upload(key="products/a.jpg", max_bytes=10)["url"] == (
        f"{s3_storage.endpoint_url}/{s3_storage.public}"
    )


def test_presigned_upload_refuses_keys_outside_the_storage(s3_storage):
    with pytest.raises(SuspiciousFileOperation):
        storage.presigned_upload(key="../other/evil.jpg", max_bytes=100)
    with pytest.raises(ValueError):
        storage.presigned_upload(key="products/a.jpg", max_bytes=0)


# ---------------------------------------------------------------- local disk


@pytest.mark.urls(__name__)
def test_local_public_and_private_files(local_storage, media_root, private_media_root):
    public = storage.save("products/2026/11/photo.jpg", JPEG)
    private = storage.save("ocop/2026/11/scan.pdf", PDF, private=True)

    assert files_under(media_root) == [media_root / public]
    assert files_under(private_media_root) == [private_media_root / private]
    assert storage.stat(public) == len(JPEG)
    assert storage.stat(private, private=True) == len(PDF)
    assert storage.stat(private) is None
    assert storage.read_head(private, 5, private=True) == b"%PDF-"
    assert storage.private_storage().url(private).startswith("/private-media/")

    storage.delete(public)
    storage.delete(private, private=True)
    storage.delete(private, private=True)

    assert files_under(media_root) == []
    assert files_under(private_media_root) == []


def test_private_storage_is_rebuilt_when_its_settings_change(local_storage, settings, tmp_path):
    first = storage.private_storage()
    assert storage.private_storage() is first

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere"

    assert storage.private_storage() is not first
    assert Path(storage.private_storage().location) == tmp_path / "elsewhere"


@pytest.mark.urls(__name__)
def test_private_media_view_serves_a_document_while_its_link_lives(local_storage, client):
    name = storage.save("ocop/2026/11/scan.pdf", PDF, private=True)

    url = storage.private_url(name, expires=60)
    response = client.get(url)

    assert url.startswith("/private-media/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="scan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.post(url).status_code == 405


@pytest.mark.urls(__name__)
def test_private_media_view_refuses_tampered_and_dangling_links(local_storage, client):
    name = storage.save("ocop/2026/11/scan.pdf", PDF, private=True)
    token = storage.private_url(name).split("/")[2]
    other = storage.private_url("ocop/2026/11/other.pdf").split("/")[2]

    assert client.get(f"/private-media/{token[:-1]}{'A' if token[-1] != 'A' else 'B'}/").status_code == 404
    assert client.get(f"/private-media/{other.split(':')[0]}:{token.split(':', 1)[1]}/").status_code == 404
    assert client.get(f"/private-media/{other}/").status_code == 404  # signed, but no such file


@pytest.mark.urls(__name__)
def test_private_media_view_refuses_an_expired_link(local_storage, client, monkeypatch):
    name = storage.save("ocop/2026/11/scan.pdf", PDF, private=True)
    url = storage.private_url(name, expires=60)
    assert client.get(url).status_code == 200

    import django.core.signing

    later = time.time() + 61
    monkeypatch.setattr(django.core.signing.time, "time", lambda: later)  # a minute and a second on

    assert client.get(url).status_code == 404


@pytest.mark.urls(__name__)
def test_direct_upload_view_stores_the_file_under_the_key(local_storage, client, media_root):
    key = "products/2026/11/0123456789abcdef.jpg"
    upload = storage.presigned_upload(key=key, max_bytes=len(JPEG))

    response = client.post(upload["url"], {**upload["fields"], "file": SimpleUploadedFile("x.php", JPEG)})

    assert upload["url"].startswith("/upload/")
    assert response.status_code == 204, response.content
    assert files_under(media_root) == [media_root / key]
    assert (media_root / key).read_bytes() == JPEG
    again = client.post(upload["url"], {"file": SimpleUploadedFile("x.jpg", b"other")})
    assert again.status_code == 409
    assert (media_root / key).read_bytes() == JPEG


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("size", [101, 200_000])  # just over: by the file's size; far over: by Content-Length
def test_direct_upload_view_refuses_oversize_files_and_stores_nothing(
    local_storage, client, media_root, size
):
    upload = storage.presigned_upload(key="products/2026/11/big.jpg", max_bytes=100)

    response = client.post(
        upload["url"], {"file": SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"x" * (size - 3))}
    )

    assert response.status_code == 413
    assert files_under(media_root) == []


@pytest.mark.urls(__name__)
def test_direct_upload_view_refuses_bad_links_and_requests(local_storage, client, media_root):
    upload = storage.presigned_upload(key="products/2026/11/a.jpg", max_bytes=1000)
    tampered = upload["url"].replace("/upload/", "/upload/x")

    assert client.post(tampered, {"file": SimpleUploadedFile("a.jpg", JPEG[:500])}).status_code == 403
    assert client.post(upload["url"], {}).status_code == 400
    assert client.post(upload["url"], {"file": SimpleUploadedFile("a.jpg", b"")}).status_code == 400
    assert client.get(upload["url"]).status_code == 405
    assert files_under(media_root) == []


def test_presigned_upload_refuses_keys_outside_media_root(local_storage):
    with pytest.raises(SuspiciousFileOperation):
        storage.presigned_upload(key="../../etc/evil.jpg", max_bytes=100)


# ---------------------------------------------------------------- transactions


@pytest.mark.django_db
def test_storage_io_is_refused_inside_a_transaction(local_storage, media_root):
    with transaction.atomic():
        with pytest.raises(TransactionManagementError):
            storage.save("products/a.jpg", JPEG)
        with pytest.raises(TransactionManagementError):
            storage.delete("products/a.jpg")
        with pytest.raises(TransactionManagementError):
            storage.stat("products/a.jpg")

    assert files_under(media_root) == []
    assert storage.stat(storage.save("products/a.jpg", JPEG)) == len(
        JPEG
    )  # the test's own transaction is fine
