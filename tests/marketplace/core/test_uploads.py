"""marketplace.core.uploads: files are judged by their bytes and stored under generated names."""

import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import transaction
from django.db.transaction import TransactionManagementError
from PIL import Image

from marketplace.core import storage, uploads
from marketplace.core.uploads import DOCUMENT_TYPES, IMAGE_TYPES, MAX_UPLOAD_BYTES
from tests.images import image_bytes

JPEG = image_bytes(size=(64, 48), format="JPEG")
PNG = image_bytes(size=(64, 48), format="PNG", mode="RGBA")
WEBP = image_bytes(size=(64, 48), format="WEBP")
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
GENERATED = re.compile(r"^products/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp|pdf)$")


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def error_of(excinfo: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    """(field, code) of a single-field ValidationError."""
    ((field, errors),) = excinfo.value.error_dict.items()
    (error,) = errors
    return field, error.code  # type: ignore[return-value]


@pytest.fixture
def local_storage(settings):
    settings.USE_S3 = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


# ---------------------------------------------------------------- sniffing and checks


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (JPEG, "image/jpeg"),
        (PNG, "image/png"),
        (WEBP, "image/webp"),
        (PDF, "application/pdf"),
        (HTML, None),
        (b"", None),
        (b"GIF89a" + b"\0" * 20, None),
        (b"RIFF\0\0\0\0WAVEfmt ", None),
        (b"\xff\xd8", None),
    ],
)
def test_sniff_knows_types_by_their_magic_numbers(head, expected):
    assert uploads.sniff(head[:4096]) == expected


def test_check_upload_returns_the_sniffed_type():
    assert (
        uploads.check_upload(head=PDF, size=len(PDF), allowed=DOCUMENT_TYPES, field="document")
        == "application/pdf"
    )


@pytest.mark.parametrize(
    ("head", "size", "allowed", "code"),
    [
        (b"", 0, IMAGE_TYPES, "REQUIRED"),
        (JPEG, MAX_UPLOAD_BYTES + 1, IMAGE_TYPES, "FILE_TOO_LARGE"),
        (PDF, len(PDF), IMAGE_TYPES, "INVALID_FILE_TYPE"),
        (HTML, len(HTML), DOCUMENT_TYPES, "INVALID_FILE_TYPE"),
    ],
)
def test_check_upload_refuses_with_a_code_on_the_field(head, size, allowed, code):
    with pytest.raises(ValidationError) as excinfo:
        uploads.check_upload(head=head, size=size, allowed=allowed, field="image")

    assert error_of(excinfo) == ("image", code)


def test_verify_image_accepts_real_images():
    for data in (JPEG, PNG, WEBP):
        uploads.verify_image(data, field="image")


def corrupt_png() -> bytes:
    data = bytearray(PNG)
    idat = data.index(b"IDAT")
    data[idat + 10] ^= 0xFF  # a flipped bit inside the pixel data: its CRC no longer matches
    return bytes(data)


def huge_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, format="PNG")  # 48 megapixels in a few kilobytes
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [JPEG[: len(JPEG) // 2], corrupt_png(), WEBP[:40], huge_png(), PDF, HTML],
    ids=["truncated-jpeg", "corrupt-png", "truncated-webp", "decompression-bomb", "pdf", "html"],
)
def test_verify_image_refuses_damaged_huge_or_non_images(data):
    with pytest.raises(ValidationError) as excinfo:
        uploads.verify_image(data, field="image")

    assert error_of(excinfo) == ("image", "INVALID_FILE_TYPE")


def test_generated_name_is_fresh_and_never_from_the_client():
    first = uploads.generated_name(prefix="products", content_type="image/jpeg")
    second = uploads.generated_name(prefix="products", content_type="image/jpeg")

    assert GENERATED.match(first)
    assert first != second
    assert uploads.generated_name(prefix="ocop/scans", content_type="application/pdf").endswith(".pdf")


@pytest.mark.parametrize(
    "prefix", ["", "../products", "/products", "products/", "a//b", "Products", "a/../b"]
)
def test_generated_name_refuses_bad_prefixes(prefix):
    with pytest.raises(ValueError):
        uploads.generated_name(prefix=prefix, content_type="image/jpeg")


def test_read_limited_stops_at_the_limit():
    assert uploads.read_limited(File(io.BytesIO(b"x" * 1000)), limit=10) == b"x" * 10
    assert uploads.read_limited(File(io.BytesIO(b"abc")), limit=10) == b"abc"


# ---------------------------------------------------------------- storing (local disk)


def test_store_upload_stores_a_checked_image_under_a_generated_name(local_storage, media_root):
    file = SimpleUploadedFile("../../etc/passwd.jpg", JPEG, content_type="text/html")

    name, content_type = uploads.store_upload(
        file=file, allowed=IMAGE_TYPES, prefix="products", field="image"
    )

    assert content_type == "image/jpeg"
    assert GENERATED.match(name)
    assert "passwd" not in name and ".." not in name
    assert files_under(media_root) == [media_root / name]
    assert (media_root / name).read_bytes() == JPEG


def test_store_upload_names_by_content_not_by_extension(local_storage, media_root):
    file = SimpleUploadedFile("logo.php", PNG, content_type="application/x-php")

    name, content_type = uploads.store_upload(file=file, allowed=IMAGE_TYPES, prefix="products", field="logo")

    assert (content_type, Path(name).suffix) == ("image/png", ".png")


def test_html_named_like_a_photo_is_refused_and_not_stored(local_storage, media_root):
    file = SimpleUploadedFile("photo.jpg", HTML, content_type="image/jpeg")

    with pytest.raises(ValidationError) as excinfo:
        uploads.store_upload(file=file, allowed=IMAGE_TYPES, prefix="products", field="image")

    assert error_of(excinfo) == ("image", "INVALID_FILE_TYPE")
    assert files_under(media_root) == []


def test_a_50_mb_upload_is_refused_and_not_stored(local_storage, media_root):
    file = TemporaryUploadedFile("big.jpg", "image/jpeg", 0, None)
    chunk = b"\xff\xd8\xff" + b"\0" * (1024 * 1024 - 3)
    for _ in range(50):
        file.write(chunk)
    file.size = 50 * 1024 * 1024  # as Django's upload handler sets it

    with pytest.raises(ValidationError) as excinfo:
        uploads.store_upload(file=file, allowed=IMAGE_TYPES, prefix="products", field="image")

    file.close()
    assert error_of(excinfo) == ("image", "FILE_TOO_LARGE")
    assert files_under(media_root) == []


def test_a_file_of_unknown_size_is_read_only_up_to_the_limit(local_storage, media_root):
    class Endless(io.RawIOBase):
        read_bytes = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            buffer[:] = b"\xff" * len(buffer)
            self.read_bytes += len(buffer)
            return len(buffer)

    endless = Endless()

    with pytest.raises(ValidationError) as excinfo:
        uploads.store_upload(file=File(endless), allowed=IMAGE_TYPES, prefix="products", field="image")

    assert error_of(excinfo) == ("image", "FILE_TOO_LARGE")
    assert endless.read_bytes <= MAX_UPLOAD_BYTES + 64 * 1024
    assert files_under(media_root) == []


@pytest.mark.parametrize(
    ("file", "code"),
    [
        (None, "REQUIRED"),
        (SimpleUploadedFile("empty.jpg", b""), "REQUIRED"),
        (SimpleUploadedFile("broken.jpg", JPEG[: len(JPEG) // 2]), "INVALID_FILE_TYPE"),
        (SimpleUploadedFile("scan.pdf", PDF), "INVALID_FILE_TYPE"),
    ],
    ids=["missing", "empty", "truncated-jpeg", "pdf-as-image"],
)
def test_store_upload_refuses_and_stores_nothing(local_storage, media_root, file, code):
    with pytest.raises(ValidationError) as excinfo:
        uploads.store_upload(file=file, allowed=IMAGE_TYPES, prefix="products", field="image")

    assert error_of(excinfo) == ("image", code)
    assert files_under(media_root) == []


def test_private_document_is_stored_privately_and_discarded(local_storage, media_root, private_media_root):
    name, content_type = uploads.store_upload(
        file=SimpleUploadedFile("scan.pdf", PDF),
        allowed=DOCUMENT_TYPES,
        prefix="ocop",
        field="document",
        private=True,
    )

    assert content_type == "application/pdf"
    assert files_under(media_root) == []
    assert files_under(private_media_root) == [private_media_root / name]

    uploads.discard(name, private=True)
    uploads.discard(name, private=True)

    assert files_under(private_media_root) == []


@pytest.mark.django_db
def test_store_upload_is_refused_inside_a_transaction(local_storage, media_root):
    with transaction.atomic(), pytest.raises(TransactionManagementError):
        uploads.store_upload(
            file=SimpleUploadedFile("a.jpg", JPEG), allowed=IMAGE_TYPES, prefix="products", field="image"
        )

    assert files_under(media_root) == []


# ---------------------------------------------------------------- S3


def test_store_upload_on_s3_sets_the_sniffed_content_type(s3_storage):
    file = SimpleUploadedFile("photo.jpg", PNG, content_type="text/html")

    name, _ = uploads.store_upload(file=file, allowed=IMAGE_TYPES, prefix="products", field="image")

    head = s3_storage.client.head_object(Bucket=s3_storage.public, Key=name)
    assert GENERATED.match(name) and name.endswith(".png")
    assert head["ContentType"] == "image/png"
    assert head["ContentLength"] == len(PNG)


def test_store_upload_on_s3_refuses_without_writing(s3_storage):
    with pytest.raises(ValidationError):
        uploads.store_upload(
            file=SimpleUploadedFile("photo.jpg", HTML), allowed=IMAGE_TYPES, prefix="products", field="image"
        )

    assert "Contents" not in s3_storage.client.list_objects_v2(Bucket=s3_storage.public)


def test_private_document_on_s3(s3_storage):
    name, _ = uploads.store_upload(
        file=SimpleUploadedFile("scan.pdf", PDF),
        allowed=DOCUMENT_TYPES,
        prefix="ocop",
        field="document",
        private=True,
    )

    stored = s3_storage.client.get_object(Bucket=s3_storage.private, Key=f"private/{name}")
    assert stored["Body"].read() == PDF
    assert stored["ContentType"] == "application/pdf"

    uploads.discard(name, private=True)

    assert storage.stat(name, private=True) is None


def test_verify_stored_accepts_a_good_direct_upload(s3_storage):
    s3_storage.client.put_object(Bucket=s3_storage.public, Key="products/2026/11/a.jpg", Body=JPEG)

    assert (
        uploads.verify_stored(name="products/2026/11/a.jpg", allowed=IMAGE_TYPES, field="image")
        == "image/jpeg"
    )
    assert storage.stat("products/2026/11/a.jpg") == len(JPEG)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (HTML, "INVALID_FILE_TYPE"),
        (JPEG[: len(JPEG) // 2], "INVALID_FILE_TYPE"),
        (b"", "REQUIRED"),
        (b"\xff\xd8\xff" + b"\0" * MAX_UPLOAD_BYTES, "FILE_TOO_LARGE"),
    ],
    ids=["html", "truncated-jpeg", "empty", "too-large"],
)
def test_verify_stored_refuses_and_deletes_a_bad_direct_upload(s3_storage, body, code):
    """moto does not enforce a POST policy's content-length-range, so what a client managed
    to upload is checked (and removed) afterwards."""
    s3_storage.client.put_object(Bucket=s3_storage.public, Key="products/2026/11/a.jpg", Body=body)

    with pytest.raises(ValidationError) as excinfo:
        uploads.verify_stored(name="products/2026/11/a.jpg", allowed=IMAGE_TYPES, field="image")

    assert error_of(excinfo) == ("image", code)
    assert "Contents" not in s3_storage.client.list_objects_v2(Bucket=s3_storage.public)


def test_verify_stored_reports_a_missing_upload(s3_storage):
    with pytest.raises(ValidationError) as excinfo:
        uploads.verify_stored(name="products/2026/11/never.jpg", allowed=IMAGE_TYPES, field="image")

    assert error_of(excinfo) == ("image", "REQUIRED")
