"""Product photos: checked by their bytes, stored under generated names (never the
client's), thumbnails made by a Celery task after commit. Storage I/O never happens
inside a database transaction; a failed database write discards the stored file."""

from datetime import timedelta
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user, require_system
from marketplace.accounts.models import User
from marketplace.catalog.cache import changes_catalog
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import PendingMediaUpload, PendingMediaUploadStatus, Product, ProductMedia
from marketplace.catalog.services.scope import require_product_access
from marketplace.catalog.validation import clean_text
from marketplace.core.errors import field_error
from marketplace.core.storage import presigned_upload
from marketplace.core.uploads import (
    IMAGE_TYPES,
    MAX_UPLOAD_BYTES,
    PHOTO_TYPES,
    discard,
    discard_after_commit,
    store_upload,
    verify_stored,
)
from marketplace.thumbnails.tasks import create_thumbnails

MAX_MEDIA = 20
UPLOAD_TTL = timedelta(minutes=30)
# Outstanding (unconfirmed, unexpired) direct-upload grants.
MAX_PENDING_PER_PRODUCT = 5
MAX_PENDING_PER_USER = 20
# An unconfirmed upload's file is removed this long after its grant expired (an upload
# started just before the expiry may still be arriving).
UPLOAD_CLEANUP_GRACE = timedelta(minutes=15)


def _check_room(product: Product) -> None:
    if product.media.count() >= MAX_MEDIA:
        raise field_error(
            "product",
            ProductErrorCode.OUT_OF_RANGE,
            _("At most %(limit)s photos per product."),
            limit=MAX_MEDIA,
        )


def _insert(product: Product, *, name: str, alt: str) -> ProductMedia:
    """Inside the caller's transaction: the photo, last, with its thumbnails after commit."""
    position = product.media.aggregate(last=Max("sort_order"))["last"]
    media = ProductMedia.objects.create(
        product=product, image=name, alt=alt, sort_order=0 if position is None else position + 1
    )
    transaction.on_commit(lambda: create_thumbnails.delay("media", media.pk))
    return media


def _create(product: Product, *, name: str, alt: str) -> ProductMedia:
    try:
        with transaction.atomic():
            return _insert(product, name=name, alt=alt)
    except Exception:
        discard(name)
        raise


@changes_catalog
def media_create(
    *, actor: Actor, product: Product, file: "File[bytes] | None", alt: str = ""
) -> ProductMedia:
    require_product_access(actor, product)
    _check_room(product)
    alt = clean_text(alt, field="alt", max_length=250)
    # HEIC photos arrive converted to JPEG
    name, _ignored = store_upload(file=file, allowed=PHOTO_TYPES, prefix="products", field="image")
    return _create(product, name=name, alt=alt)


@changes_catalog
def media_delete(*, actor: Actor, media: ProductMedia) -> None:
    """Deletes the photo and its thumbnails; their files are discarded after the commit."""
    require_product_access(actor, media.product)
    names = [media.image.name, *(t.image.name for t in media.thumbnails.all())]
    with transaction.atomic():
        media.delete()
        discard_after_commit(names)


@changes_catalog
def media_reorder(*, actor: Actor, product: Product, media_ids: list[int]) -> Product:
    require_product_access(actor, product)
    if len(set(media_ids)) != len(media_ids):
        raise field_error("media_ids", ProductErrorCode.DUPLICATED_INPUT_ITEM, _("A photo is given twice."))
    with transaction.atomic():
        current = {m.pk: m for m in product.media.select_for_update()}
        if set(media_ids) != set(current):
            raise field_error(
                "media_ids", ProductErrorCode.NOT_PRODUCTS_IMAGE, _("Give every photo of the product, once.")
            )
        for position, pk in enumerate(media_ids):
            current[pk].sort_order = position
        ProductMedia.objects.bulk_update(current.values(), ["sort_order"])
    return product


def _outstanding(queryset: Any, now: Any) -> int:
    return int(queryset.filter(status=PendingMediaUploadStatus.PENDING, expires_at__gt=now).count())


def media_upload_grant(*, actor: Actor, product: Product) -> tuple[PendingMediaUpload, dict[str, Any]]:
    """A presigned POST for a phone to upload one photo straight to storage. At most
    MAX_PENDING_PER_PRODUCT unconfirmed, unexpired grants per product (and no more than the
    photos it still has room for), MAX_PENDING_PER_USER per user: OUT_OF_RANGE."""
    require_product_access(actor, product)
    user = actor_user(actor)
    now = timezone.now()
    with transaction.atomic():
        # The product row (then the user's) is locked while counting: parallel grants queue.
        Product.objects.select_for_update().filter(pk=product.pk).first()
        room = MAX_MEDIA - product.media.count()
        if room <= 0:
            raise field_error(
                "product",
                ProductErrorCode.OUT_OF_RANGE,
                _("At most %(limit)s photos per product."),
                limit=MAX_MEDIA,
            )
        if _outstanding(product.pending_uploads, now) >= min(MAX_PENDING_PER_PRODUCT, room):
            raise field_error(
                "product_id",
                ProductErrorCode.OUT_OF_RANGE,
                _("This product has as many unconfirmed uploads as it may have; confirm or wait for them."),
            )
        if user is not None:
            User.objects.select_for_update().filter(pk=user.pk).first()
            if (
                _outstanding(PendingMediaUpload.objects.filter(requested_by=user), now)
                >= MAX_PENDING_PER_USER
            ):
                raise field_error(
                    "product_id",
                    ProductErrorCode.OUT_OF_RANGE,
                    _("At most %(limit)s unconfirmed uploads per person."),
                    limit=MAX_PENDING_PER_USER,
                )
        pending = PendingMediaUpload(product=product, requested_by=user, expires_at=now + UPLOAD_TTL)
        pending.key = f"products/uploads/{now:%Y/%m}/{pending.id.hex}"
        pending.save()
    try:
        post = presigned_upload(
            key=pending.key, max_bytes=MAX_UPLOAD_BYTES, expires=int(UPLOAD_TTL.total_seconds())
        )
    except Exception:
        pending.delete()
        raise
    return pending, post


def _claim(pending: PendingMediaUpload) -> None:
    """Take the grant for one confirmation (an atomic PENDING -> CHECKING): a confirmed or
    refused grant, or one being confirmed right now, is refused."""
    claimed = PendingMediaUpload.objects.filter(
        pk=pending.pk, status=PendingMediaUploadStatus.PENDING, product__isnull=False
    ).update(status=PendingMediaUploadStatus.CHECKING)
    if claimed:
        return
    status = PendingMediaUpload.objects.filter(pk=pending.pk).values_list("status", flat=True).first()
    if status in (PendingMediaUploadStatus.CONFIRMED, PendingMediaUploadStatus.CHECKING):
        raise field_error(
            "upload_id", ProductErrorCode.ALREADY_EXISTS, _("This upload is already confirmed.")
        )
    raise field_error(
        "upload_id",
        ProductErrorCode.UPLOAD_EXPIRED,
        _("This upload was refused or has expired; ask for a new URL."),
    )


def _set_status(pending: PendingMediaUpload, status: str, **fields: Any) -> None:
    PendingMediaUpload.objects.filter(pk=pending.pk).update(status=status, **fields)


@changes_catalog
def media_upload_confirm(*, actor: Actor, pending: PendingMediaUpload, alt: str = "") -> ProductMedia:
    """Checks what arrived by its bytes and adds it. A grant is used once: whatever refuses
    the file (its bytes, its expiry) burns the grant (REFUSED) and deletes the file."""
    product = pending.product
    if product is None:
        raise field_error("upload_id", ProductErrorCode.NOT_FOUND, _("Couldn't find that upload."))
    require_product_access(actor, product)
    alt = clean_text(alt, field="alt", max_length=250)
    _claim(pending)
    if pending.expires_at < timezone.now():
        _set_status(pending, PendingMediaUploadStatus.REFUSED)
        discard(pending.key)
        raise field_error(
            "upload_id", ProductErrorCode.UPLOAD_EXPIRED, _("The upload has expired; ask for a new URL.")
        )
    try:
        _check_room(product)
    except Exception:
        _set_status(pending, PendingMediaUploadStatus.PENDING)  # not the file's fault: usable later
        raise
    try:
        verify_stored(name=pending.key, allowed=IMAGE_TYPES, field="upload_id")  # deletes a bad file
    except Exception:
        _set_status(pending, PendingMediaUploadStatus.REFUSED)
        raise
    try:
        with transaction.atomic():
            media = _insert(product, name=pending.key, alt=alt)
            _set_status(pending, PendingMediaUploadStatus.CONFIRMED, confirmed_at=timezone.now())
    except Exception:
        _set_status(pending, PendingMediaUploadStatus.REFUSED)
        discard(pending.key)
        raise
    return media


def delete_unconfirmed_uploads(*, actor: Actor, now: Any = None, batch: int = 200) -> int:
    """Remove the files of grants that expired (UPLOAD_CLEANUP_GRACE ago, so no upload
    is still arriving) without a confirmation, then their rows. Idempotent: deleting a
    file that is already gone is no error, and a row goes only after its file. Runs as
    ``SYSTEM`` (the beat task)."""
    require_system(actor)
    deadline = (now or timezone.now()) - UPLOAD_CLEANUP_GRACE
    stale = PendingMediaUpload.objects.filter(expires_at__lt=deadline).exclude(
        status=PendingMediaUploadStatus.CONFIRMED
    )
    deleted = 0
    while True:
        rows = list(stale.values_list("pk", "key")[:batch])
        if not rows:
            return deleted
        for _ignored, key in rows:
            discard(key)  # storage I/O, outside any transaction
        deleted += stale.filter(pk__in=[pk for pk, _ignored in rows]).delete()[0]
