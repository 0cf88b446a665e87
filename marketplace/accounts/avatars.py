"""A user's avatar (Saleor's ``User.avatar``): one image, stored under a generated name
before the database write (outside its transaction); thumbnails made after commit. The files
no longer used (the previous image and its thumbnails) are discarded once the transaction
has committed.
"""

from django.core.files import File
from django.db import transaction

from marketplace.accounts.models import User
from marketplace.core.uploads import IMAGE_TYPES, discard, discard_after_commit, store_upload
from marketplace.thumbnails.services import thumbnails_release
from marketplace.thumbnails.tasks import create_thumbnails


def _release(user: User) -> list[str]:
    names = thumbnails_release(kind="user", object_id=user.pk)
    if user.avatar:
        names.append(user.avatar.name)  # type: ignore[arg-type]
    return names


def avatar_update(*, user: User, image: "File[bytes] | None") -> User:
    """Check and store ``image`` (field ``image``), then make it the user's avatar."""
    name, _content_type = store_upload(file=image, allowed=IMAGE_TYPES, prefix="user-avatars", field="image")
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            discard_after_commit(_release(locked))
            locked.avatar.name = name
            locked.save(update_fields=["avatar", "updated_at"])
            transaction.on_commit(lambda: create_thumbnails.delay("user", locked.pk))
    except BaseException:
        discard(name)
        raise
    return locked


def avatar_delete(*, user: User) -> User:
    """Remove the user's avatar (nothing to do when there is none)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        discard_after_commit(_release(locked))
        locked.avatar = ""
        locked.save(update_fields=["avatar", "updated_at"])
    return locked
