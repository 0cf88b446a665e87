"""Safe uploads: a file is judged by its bytes, never by its name or the client's content type,
and stored under a generated name.

``store_upload`` writes to storage, which may be S3: call it BEFORE opening a database
transaction, and if the database write that follows fails, remove the file with
``discard`` (old files that a committed write replaced: ``discard_after_commit``, called by
the service that replaced them). Files a client sent straight to storage (``presigned_upload``)
are checked afterwards with ``verify_stored``.

iPhone photos (HEIC/HEIF) are accepted where ``PHOTO_TYPES`` is allowed and converted to
JPEG before they are stored (pillow-heif): what is stored and served is always JPEG, PNG or
WEBP, without the original's metadata (no location).
"""

import io
import re
import uuid
from collections.abc import Iterable
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from marketplace.core import storage
from marketplace.core.errors import field_error, grouped

JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
PDF = "application/pdf"
HEIC = "image/heic"

IMAGE_TYPES: frozenset[str] = frozenset({JPEG, PNG, WEBP})
# Photos people take: stored images, plus HEIC converted to JPEG on the way in.
PHOTO_TYPES: frozenset[str] = IMAGE_TYPES | {HEIC}
DOCUMENT_TYPES: frozenset[str] = frozenset({PDF}) | IMAGE_TYPES
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Larger images are refused before decoding: a small file can expand to gigabytes of pixels.
MAX_IMAGE_PIXELS = 40_000_000
HEAD_BYTES = 4096

EXTENSIONS = {JPEG: "jpg", PNG: "png", WEBP: "webp", PDF: "pdf", HEIC: "heic"}
# The ISO base media file brands of HEIC/HEIF still images (iPhone photos).
HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
# What Pillow raises for files that are not valid, safe-to-decode images.
DECODE_ERRORS = (OSError, ValueError, EOFError, SyntaxError, IndexError, Image.DecompressionBombError)

_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")
_CHUNK = 64 * 1024


def sniff(head: bytes) -> str | None:
    """The content type of a file from its first bytes (magic numbers), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIC
    return None


def _describe(allowed: frozenset[str]) -> str:
    return ", ".join(sorted(EXTENSIONS[content_type].upper() for content_type in allowed))


def check_upload(
    *, head: bytes, size: int, allowed: frozenset[str], field: str, max_bytes: int = MAX_UPLOAD_BYTES
) -> str:
    """The content type of a file of ``size`` bytes starting with ``head``, if allowed."""
    if size <= 0:
        raise field_error(field, "REQUIRED", _("The file is empty."))
    if size > max_bytes:
        raise field_error(
            field,
            "FILE_TOO_LARGE",
            _("The file is larger than %(limit)s MB."),
            limit=max_bytes // (1024 * 1024),
        )
    content_type = sniff(head)
    if content_type is None or content_type not in allowed:
        raise field_error(field, "INVALID_FILE_TYPE", _("Upload a %(types)s file."), types=_describe(allowed))
    return content_type


def verify_image(data: bytes, *, field: str) -> None:
    """Decode the whole image (cheaply) so truncated, corrupt or oversized images are refused."""
    pillow_format = PILLOW_FORMATS.get(sniff(data[:16]) or "")
    if pillow_format is None:
        raise field_error(field, "INVALID_FILE_TYPE", _("The file is not a JPEG, PNG or WEBP image."))
    try:
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
            width, height = image.size
            if width < 1 or height < 1 or width * height > MAX_IMAGE_PIXELS:
                raise field_error(
                    field,
                    "INVALID_FILE_TYPE",
                    _("Images may have at most %(limit)s pixels."),
                    limit=grouped(MAX_IMAGE_PIXELS),
                )
            image.verify()
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
            image.draft(None, (max(1, width // 8), max(1, height // 8)))  # JPEG: decode at 1/8 scale
            image.load()
    except DECODE_ERRORS:
        raise field_error(field, "INVALID_FILE_TYPE", _("The image is damaged or cannot be read.")) from None


def heic_to_jpeg(data: bytes, *, field: str) -> bytes:
    """A HEIC/HEIF photo as JPEG (its first image, turned the way it was taken), or
    INVALID_FILE_TYPE. The size is checked before any pixel is decoded."""
    import pillow_heif

    try:
        heif = pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=True)
        width, height = heif.size
        if width < 1 or height < 1 or width * height > MAX_IMAGE_PIXELS:
            raise field_error(
                field,
                "INVALID_FILE_TYPE",
                _("Images may have at most %(limit)s pixels."),
                limit=grouped(MAX_IMAGE_PIXELS),
            )
        image = heif.to_pillow()
        output = io.BytesIO()
        image.convert("RGB").save(output, format="JPEG", quality=90, optimize=True)
    except ValidationError:
        raise
    except (*DECODE_ERRORS, RuntimeError):
        raise field_error(
            field, "INVALID_FILE_TYPE", _("The HEIC photo is damaged or cannot be read.")
        ) from None
    return output.getvalue()


def generated_name(*, prefix: str, content_type: str) -> str:
    """A fresh storage name such as ``products/2026/11/<uuid4 hex>.jpg``."""
    if not _PREFIX.match(prefix):
        raise ValueError(f"Bad storage prefix: {prefix!r}")
    return f"{prefix}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{EXTENSIONS[content_type]}"


def read_limited(file: "File[bytes]", *, limit: int) -> bytes:
    """At most ``limit`` bytes of ``file``, from its start (``chunks`` rewinds it)."""
    buffer = bytearray()
    for chunk in file.chunks(_CHUNK):
        buffer += chunk[: limit - len(buffer)]
        if len(buffer) >= limit:
            break
    return bytes(buffer)


def _known_size(file: "File[bytes]") -> int:
    """The size Django measured while receiving the upload (0 when a stream cannot tell)."""
    try:
        size = file.size
    except (AttributeError, OSError, ValueError):
        return 0
    return size if isinstance(size, int) else 0


def store_upload(
    *,
    file: "File[bytes] | None",
    allowed: frozenset[str],
    prefix: str,
    field: str,
    private: bool = False,
) -> tuple[str, str]:
    """Check an uploaded file and store it under a generated name: ``(name, content type)``.

    Raises ValidationError (REQUIRED, FILE_TOO_LARGE, INVALID_FILE_TYPE) keyed by ``field``;
    nothing is stored then. Call it outside any database transaction.
    """
    storage.assert_outside_transaction()  # even for a file that would be refused
    if file is None:
        raise field_error(field, "REQUIRED", _("Upload a file."))
    known_size = _known_size(file)
    if known_size > MAX_UPLOAD_BYTES:  # refused without reading it
        check_upload(head=b"", size=known_size, allowed=allowed, field=field)
    data = read_limited(file, limit=MAX_UPLOAD_BYTES + 1)
    content_type = check_upload(head=data[:HEAD_BYTES], size=len(data), allowed=allowed, field=field)
    if content_type == HEIC:
        data, content_type = heic_to_jpeg(data, field=field), JPEG
    if content_type in IMAGE_TYPES:
        verify_image(data, field=field)
    name = storage.save(
        generated_name(prefix=prefix, content_type=content_type),
        data,
        private=private,
        content_type=content_type,
    )
    return name, content_type


def verify_stored(*, name: str, allowed: frozenset[str], field: str, private: bool = False) -> str:
    """Check a file a client uploaded straight to storage (``storage.presigned_upload``):
    its content type, or ValidationError after deleting it. Missing -> REQUIRED."""
    size = storage.stat(name, private=private)
    if size is None:
        raise field_error(field, "REQUIRED", _("The upload has not arrived."))
    try:
        if not 0 < size <= MAX_UPLOAD_BYTES:
            check_upload(head=b"", size=size, allowed=allowed, field=field)  # REQUIRED / FILE_TOO_LARGE
        head = storage.read_head(name, HEAD_BYTES, private=private)
        content_type = check_upload(head=head, size=size, allowed=allowed, field=field)
        if content_type in IMAGE_TYPES:
            verify_image(storage.read_head(name, size, private=private), field=field)
    except ValidationError:
        storage.delete(name, private=private)
        raise
    return content_type


def discard(name: str, *, private: bool = False) -> None:
    """Remove a stored upload (no error if it is already gone); never inside a transaction."""
    storage.delete(name, private=private)


def discard_after_commit(names: Iterable[str | None], *, private: bool = False) -> None:
    """Remove stored files once the surrounding transaction has committed (at once when there
    is none): the services call it for the files of what they deleted or replaced."""
    for name in names:
        if name:
            transaction.on_commit(partial(discard, name, private=private))
