"""Media storage: the one module that talks to S3 (boto3, through django-storages).

Public media (product photos, shop logos) lives in ``default_storage``; private documents
(OCOP certificate scans) in ``private_storage()`` and are reached only through short-lived
signed URLs. With ``USE_S3`` off the same functions use the local filesystem (MEDIA_ROOT,
PRIVATE_MEDIA_ROOT), and two Django views stand in for S3's signed URLs:
``marketplace.core.private_media`` (signed GET) and ``marketplace.core.direct_upload``
(signed POST upload).

Every function that reads or writes files may do network I/O, so it refuses to run inside
an open database transaction (TransactionManagementError): store a file before
``transaction.atomic()``, delete one from ``transaction.on_commit`` or after a failed write.
"""

import functools
import io
from dataclasses import dataclass
from typing import IO, Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage, storages
from django.core.files.utils import validate_file_name
from django.core.signing import BadSignature, TimestampSigner
from django.db import connections
from django.db.transaction import TransactionManagementError
from django.urls import reverse
from storages.backends.s3 import S3Storage
from storages.utils import clean_name, safe_join

PRIVATE_MEDIA_SALT = "marketplace.core.storage.private-media"
DIRECT_UPLOAD_SALT = "marketplace.core.storage.direct-upload"
PRIVATE_URL_EXPIRES = 300
# S3 accepts presigned URLs for at most 7 days (SigV4).
MAX_EXPIRES = 7 * 24 * 3600


@dataclass(frozen=True)
class UploadGrant:
    """What a direct-upload token allows: one file of at most ``max_bytes`` under ``key``."""

    key: str
    max_bytes: int


class PrivateFileSystemStorage(FileSystemStorage):
    """Private documents on disk: ``url()`` is a short-lived signed link, never a MEDIA_URL path."""

    def url(self, name: str | None, expire: int | None = None) -> str:
        if not name:
            raise ValueError("A file name is required.")
        return _signed_private_path(name=name, expires=expire or PRIVATE_URL_EXPIRES)


class _TypedFile(File):  # type: ignore[type-arg]
    """Content with a content type we chose (S3Storage sends it as ContentType): never the
    client's, which an UploadedFile carries and which could make a bucket serve HTML."""

    def __init__(self, file: "IO[bytes] | File[bytes]", *, content_type: str | None) -> None:
        super().__init__(file, name=None)
        self.name = None  # not the client's file name: the caller passes the name to store under
        self.content_type = content_type


# ---------------------------------------------------------------- storages


def private_storage() -> Storage:
    """The storage of private documents, built once per settings state."""
    if settings.USE_S3:
        return _private_s3_storage(  # type: ignore[no-any-return]
            bucket_name=settings.AWS_PRIVATE_BUCKET_NAME,
            endpoint_url=settings.AWS_S3_ENDPOINT_URL,
            region_name=settings.AWS_S3_REGION_NAME,
            access_key=settings.AWS_ACCESS_KEY_ID,
            secret_key=settings.AWS_SECRET_ACCESS_KEY,
        )
    return _private_local_storage(location=str(settings.PRIVATE_MEDIA_ROOT))


@functools.lru_cache(maxsize=16)
def _private_s3_storage(
    *,
    bucket_name: str,
    endpoint_url: str | None,
    region_name: str,
    access_key: str | None,
    secret_key: str | None,
) -> S3Storage:
    if not bucket_name:
        raise ImproperlyConfigured("USE_S3 is on but AWS_PRIVATE_BUCKET_NAME is not set.")
    return S3Storage(
        bucket_name=bucket_name,
        endpoint_url=endpoint_url,
        region_name=region_name,
        access_key=access_key,
        secret_key=secret_key,
        location="private",
        default_acl="private",
        object_parameters={"CacheControl": "private, no-store"},  # not the public media's caching
        querystring_auth=True,
        custom_domain=None,
        file_overwrite=False,
        signature_version="s3v4",
    )


@functools.lru_cache(maxsize=16)
def _private_local_storage(*, location: str) -> PrivateFileSystemStorage:
    return PrivateFileSystemStorage(location=location)


def _storage(private: bool) -> Storage:
    return private_storage() if private else default_storage


def _public_s3_storage() -> S3Storage:
    storage = storages["default"]
    if not isinstance(storage, S3Storage):
        raise ImproperlyConfigured("USE_S3 is on but STORAGES['default'] is not an S3Storage.")
    return storage


def _signing_client(storage: S3Storage) -> Any:
    """The client that signs URLs handed to browsers and phones: for the S3 endpoint as they
    reach it (``AWS_S3_PUBLIC_ENDPOINT_URL``, e.g. ``http://localhost:9000`` when the API reaches
    MinIO as ``http://minio:9000``), since a SigV4 signature covers the host. Signing is local:
    the client never connects."""
    public = settings.AWS_S3_PUBLIC_ENDPOINT_URL
    if not public or public == storage.endpoint_url:
        return storage.connection.meta.client
    return _public_endpoint_client(
        endpoint_url=public,
        region_name=storage.region_name,
        access_key=storage.access_key,
        secret_key=storage.secret_key,
        addressing_style=storage.addressing_style,
    )


@functools.lru_cache(maxsize=16)
def _public_endpoint_client(
    *,
    endpoint_url: str,
    region_name: str | None,
    access_key: str | None,
    secret_key: str | None,
    addressing_style: str | None,
) -> Any:
    session = boto3.session.Session(
        aws_access_key_id=access_key, aws_secret_access_key=secret_key, region_name=region_name
    )
    config = Config(signature_version="s3v4", s3={"addressing_style": addressing_style or "auto"})
    return session.client("s3", endpoint_url=endpoint_url, config=config)


def _s3_key(storage: S3Storage, name: str) -> str:
    """The object key of ``name`` (under the storage's location), as django-storages builds it."""
    try:
        return safe_join(storage.location, clean_name(name))  # type: ignore[no-any-return]
    except ValueError:
        raise SuspiciousOperation(f"Attempted access to {name!r} denied.") from None


def assert_outside_transaction() -> None:
    """Storage I/O may be slow or fail; it never holds a database transaction open."""
    for connection in connections.all(initialized_only=True):
        if any(not block._from_testcase for block in connection.atomic_blocks):  # type: ignore[attr-defined]
            raise TransactionManagementError(
                "Storage I/O inside a database transaction: store files before transaction.atomic() "
                "and delete them from transaction.on_commit()."
            )


# ---------------------------------------------------------------- files


def save(
    name: str, content: "bytes | File[bytes]", *, private: bool = False, content_type: str | None = None
) -> str:
    """Store ``content`` under ``name`` (or a free variant of it); returns the stored name."""
    assert_outside_transaction()
    if isinstance(content, bytes):
        file = _TypedFile(io.BytesIO(content), content_type=content_type)
    else:
        content.seek(0)
        file = _TypedFile(content, content_type=content_type)
    return _storage(private).save(name, file)


def stat(name: str, *, private: bool = False) -> int | None:
    """The size in bytes of a stored file, or None when there is no such file."""
    assert_outside_transaction()
    try:
        return _storage(private).size(name)
    except FileNotFoundError:
        return None


def read_head(name: str, n: int = 4096, *, private: bool = False) -> bytes:
    """The first ``n`` bytes of a stored file (S3: one ranged GET); FileNotFoundError if missing."""
    assert_outside_transaction()
    if n <= 0:
        return b""
    storage = _storage(private)
    if isinstance(storage, S3Storage):
        return _s3_read_head(storage=storage, name=name, n=n)
    with storage.open(name, "rb") as file:
        data: bytes = file.read(n)
    return data


def _s3_read_head(*, storage: S3Storage, name: str, n: int) -> bytes:
    client = storage.connection.meta.client
    try:
        response = client.get_object(
            Bucket=storage.bucket_name, Key=_s3_key(storage, name), Range=f"bytes=0-{n - 1}"
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "InvalidRange":  # an empty object
            return b""
        if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
            raise FileNotFoundError(f"File does not exist: {name}") from error
        raise
    body = response["Body"]
    try:
        data: bytes = body.read(n)
    finally:
        body.close()
    return data


def delete(name: str, *, private: bool = False) -> None:
    """Remove a stored file; no error when it does not exist."""
    assert_outside_transaction()
    if name:
        _storage(private).delete(name)


# ---------------------------------------------------------------- signed URLs


def private_url(name: str, *, expires: int = PRIVATE_URL_EXPIRES) -> str:
    """A URL that reads one private document for ``expires`` seconds.

    S3: a presigned GET (absolute URL). Local: an absolute-path URL to the private-media view.
    """
    expires = _checked_expires(expires)
    storage = private_storage()
    if isinstance(storage, S3Storage):
        url: str = _signing_client(storage).generate_presigned_url(
            "get_object",
            Params={"Bucket": storage.bucket_name, "Key": _s3_key(storage, name)},
            ExpiresIn=expires,
        )
        return url
    return _signed_private_path(name=name, expires=expires)


def presigned_upload(
    *, key: str, max_bytes: int, expires: int = 900, content_type: str | None = None
) -> dict[str, Any]:
    """``{"url", "fields"}`` for one direct POST upload (multipart, file field ``file`` last)
    to the public media storage under exactly ``key``, of 1 to ``max_bytes`` bytes.

    S3: a presigned POST policy on the media bucket (``content_type``, when given, is
    fixed in the policy). Local: an absolute-path URL to the direct-upload view, no fields.
    Whatever arrives must still be checked (``marketplace.core.uploads.verify_stored``).
    """
    if max_bytes < 1:
        raise ValueError("max_bytes must be positive.")
    expires = _checked_expires(expires)
    validate_file_name(key, allow_relative_path=True)  # no "..", no absolute path
    if not settings.USE_S3:
        token = TimestampSigner(salt=DIRECT_UPLOAD_SALT).sign_object({"k": key, "m": max_bytes, "e": expires})
        return {"url": reverse("direct-upload", kwargs={"token": token}), "fields": {}}
    storage = _public_s3_storage()
    fields: dict[str, str] = {}
    conditions: list[Any] = [["content-length-range", 1, max_bytes]]
    if content_type:
        fields["Content-Type"] = content_type
        conditions.append({"Content-Type": content_type})
    if storage.default_acl:
        fields["acl"] = storage.default_acl
        conditions.append({"acl": storage.default_acl})
    post = _signing_client(storage).generate_presigned_post(
        Bucket=storage.bucket_name,
        Key=_s3_key(storage, key),
        Fields=fields,
        Conditions=conditions,
        ExpiresIn=expires,
    )
    return {"url": post["url"], "fields": post["fields"]}


def read_private_media_token(token: str) -> str | None:
    """The private file name a private-media token grants, or None (bad or expired)."""
    payload = _unsign(token, salt=PRIVATE_MEDIA_SALT)
    name = payload.get("n") if payload else None
    return name if isinstance(name, str) and name else None


def read_upload_token(token: str) -> UploadGrant | None:
    """What a direct-upload token grants, or None (bad or expired)."""
    payload = _unsign(token, salt=DIRECT_UPLOAD_SALT)
    if payload is None:
        return None
    key, max_bytes = payload.get("k"), payload.get("m")
    if not isinstance(key, str) or not key or not isinstance(max_bytes, int) or max_bytes < 1:
        return None
    return UploadGrant(key=key, max_bytes=max_bytes)


def _signed_private_path(*, name: str, expires: int) -> str:
    token = TimestampSigner(salt=PRIVATE_MEDIA_SALT).sign_object({"n": name, "e": expires})
    return reverse("private-media", kwargs={"token": token})


def _unsign(token: str, *, salt: str) -> dict[str, Any] | None:
    """The payload of a token signed here, checked first for its signature, then for its age
    against the lifetime it carries (``e``)."""
    signer = TimestampSigner(salt=salt)
    try:
        payload = signer.unsign_object(token)
        if not isinstance(payload, dict) or not isinstance(payload.get("e"), int):
            return None
        signer.unsign_object(token, max_age=payload["e"])
    except (BadSignature, ValueError):
        return None
    return payload


def _checked_expires(expires: int) -> int:
    if not 0 < expires <= MAX_EXPIRES:
        raise ValueError(f"expires must be between 1 and {MAX_EXPIRES} seconds.")
    return expires
