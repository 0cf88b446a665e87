"""Product photos: checked by their bytes, stored under generated names (never the
client's), thumbnails made by a Celery task after commit. Storage I/O never happens
inside a database transaction; a failed database write discards the stored file."""

from datetime import timedelta
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import PendingMediaUpload, Product, ProductMedia
from marketplace.catalog.services.scope import require_product_access
from marketplace.catalog.validation import clean_text, error
from marketplace.core.storage import presigned_upload
from marketplace.core.uploads import IMAGE_TYPES, MAX_UPLOAD_BYTES, discard, store_upload, verify_stored
from marketplace.thumbnails.tasks import create_thumbnails

MAX_MEDIA = 20
UPLOAD_TTL = timedelta(minutes=30)


def _check_room(product: Product) -> None:
    if product.media.count() >= MAX_MEDIA:
        raise error("product", ProductErrorCode.OUT_OF_RANGE, f"At most {MAX_MEDIA} photos per product.")


def _create(product: Product, *, name: str, alt: str) -> ProductMedia:
    try:
        with transaction.atomic():
            position = product.media.aggregate(last=Max("sort_order"))["last"]
            media = ProductMedia.objects.create(
                product=product, image=name, alt=alt, sort_order=0 if position is None else position + 1
            )
            transaction.on_commit(lambda: create_thumbnails.delay("media", media.pk))
    except Exception:
        discard(name)
        raise
    return media


def media_create(*, actor: Any, product: Product, file: File | None, alt: str = "") -> ProductMedia:  # type: ignore[type-arg]
    require_product_access(actor, product)
    _check_room(product)
    alt = clean_text(alt, field="alt", max_length=250)
    name, _ = store_upload(file=file, allowed=IMAGE_TYPES, prefix="products", field="image")
    return _create(product, name=name, alt=alt)


def media_delete(*, actor: Any, media: ProductMedia) -> list[str]:
    """Deletes the photo and its thumbnails; returns the file names to discard after commit."""
    require_product_access(actor, media.product)
    names = [media.image.name, *(t.image.name for t in media.thumbnails.all())]
    with transaction.atomic():
        media.delete()
    return [n for n in names if n]


def media_reorder(*, actor: Any, product: Product, media_ids: list[int]) -> Product:
    require_product_access(actor, product)
    if len(set(media_ids)) != len(media_ids):
        raise error("media_ids", ProductErrorCode.DUPLICATED_INPUT_ITEM, "A photo is given twice.")
    with transaction.atomic():
        current = {m.pk: m for m in product.media.select_for_update()}
        if set(media_ids) != set(current):
            raise error(
                "media_ids", ProductErrorCode.NOT_PRODUCTS_IMAGE, "Give every photo of the product, once."
            )
        for position, pk in enumerate(media_ids):
            current[pk].sort_order = position
        ProductMedia.objects.bulk_update(current.values(), ["sort_order"])
    return product


def media_upload_grant(*, actor: Any, product: Product) -> tuple[PendingMediaUpload, dict[str, Any]]:
    """A presigned POST for a phone to upload one photo straight to storage."""
    require_product_access(actor, product)
    _check_room(product)
    pending = PendingMediaUpload(
        product=product,
        requested_by=actor if hasattr(actor, "email") else None,
        expires_at=timezone.now() + UPLOAD_TTL,
    )
    pending.key = f"products/uploads/{timezone.now():%Y/%m}/{pending.id.hex}"
    post = presigned_upload(
        key=pending.key, max_bytes=MAX_UPLOAD_BYTES, expires=int(UPLOAD_TTL.total_seconds())
    )
    pending.save()
    return pending, post


def media_upload_confirm(*, actor: Any, pending: PendingMediaUpload, alt: str = "") -> ProductMedia:
    """Checks what arrived by its bytes (deleting it when it is not an image) and adds it."""
    require_product_access(actor, pending.product)
    if pending.confirmed_at is not None:
        raise error("upload_id", ProductErrorCode.ALREADY_EXISTS, "This upload is already confirmed.")
    if pending.expires_at < timezone.now():
        discard(pending.key)
        raise error(
            "upload_id", ProductErrorCode.UPLOAD_EXPIRED, "The upload has expired; ask for a new URL."
        )
    _check_room(pending.product)
    alt = clean_text(alt, field="alt", max_length=250)
    verify_stored(name=pending.key, allowed=IMAGE_TYPES, field="upload_id")
    media = _create(pending.product, name=pending.key, alt=alt)
    PendingMediaUpload.objects.filter(pk=pending.pk).update(confirmed_at=timezone.now())
    return media
