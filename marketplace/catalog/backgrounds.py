"""Background images of categories and collections (Saleor's ``backgroundImage`` and
``backgroundImageAlt``), for the services that check who may change them.

The image goes through the product photos' upload path: judged by its bytes (JPEG, PNG,
WEBP; HEIC converted), at most ``MAX_UPLOAD_BYTES``, stored under a generated name before
the database write (``store_background``, outside any transaction); then, inside the
caller's transaction, ``apply_background`` sets it, with thumbnails made after commit. The
replaced image and its thumbnails are discarded once the transaction has committed; a
failed write discards the new file (``background_update`` does all of it).
"""

from typing import TypeVar

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import Category, Collection
from marketplace.catalog.validation import clean_text
from marketplace.core.errors import field_error
from marketplace.core.uploads import PHOTO_TYPES, discard, discard_after_commit, store_upload
from marketplace.thumbnails.services import thumbnails_release
from marketplace.thumbnails.tasks import create_thumbnails

B = TypeVar("B", Category, Collection)
PREFIXES = {"category": "category-backgrounds", "collection": "collection-backgrounds"}
MAX_ALT = 128


def clean_background_input(*, image: "File[bytes] | None", alt: str | None, remove: bool) -> str | None:
    """The cleaned alt text (None: unchanged); refuses an image given with ``remove``."""
    if image is not None and remove:
        raise field_error(
            "background_image", ProductErrorCode.INVALID, _("Upload a new image or remove it, not both.")
        )
    return None if alt is None else clean_text(alt, field="background_image_alt", max_length=MAX_ALT)


def store_background(*, kind: str, image: "File[bytes] | None") -> str | None:
    """Check and store the image (field ``background_image``); its stored name, or None."""
    if image is None:
        return None
    name, _content_type = store_upload(
        file=image, allowed=PHOTO_TYPES, prefix=PREFIXES[kind], field="background_image"
    )
    return name


def apply_background(*, obj: B, kind: str, name: str | None, alt: str | None, remove: bool) -> B:
    """Inside the caller's transaction: lock the row, set the stored image ``name`` (or remove
    the image), and the alt text (None: unchanged). NOT_FOUND when the row is gone."""
    locked = type(obj).objects.select_for_update().filter(pk=obj.pk).first()
    if locked is None:
        raise field_error("id", ProductErrorCode.NOT_FOUND, _("This no longer exists."))
    fields = []
    if name is not None or remove:
        old = thumbnails_release(kind=kind, object_id=locked.pk)
        if locked.background_image:
            old.append(locked.background_image.name)  # type: ignore[arg-type]
        discard_after_commit(old)
        locked.background_image = name or ""
        fields.append("background_image")
        if remove:
            locked.background_image_alt = ""
            fields.append("background_image_alt")
        if name is not None:
            pk = locked.pk
            transaction.on_commit(lambda: create_thumbnails.delay(kind, pk))
    if alt is not None and not remove:
        locked.background_image_alt = alt
        fields.append("background_image_alt")
    if fields:
        if isinstance(locked, Category):
            fields.append("updated_at")
        locked.save(update_fields=fields)
    return locked


def background_update(
    *,
    actor: Actor,
    action: AuditAction,
    obj: B,
    kind: str,
    image: "File[bytes] | None",
    alt: str | None,
    remove: bool,
) -> B:
    """``image``: the new image; ``remove``: drop the image and its alt text; ``alt`` (field
    ``background_image_alt``): None leaves it as it is. The change is audited as ``action``."""
    cleaned_alt = clean_background_input(image=image, alt=alt, remove=remove)
    name = store_background(kind=kind, image=image)
    try:
        with transaction.atomic():
            updated = apply_background(obj=obj, kind=kind, name=name, alt=cleaned_alt, remove=remove)
            audit.record(
                actor,
                action,
                updated,
                image="removed" if remove else ("replaced" if name is not None else "unchanged"),
                alt=cleaned_alt,
            )
            return updated
    except BaseException:
        if name is not None:
            discard(name)
        raise
