"""A user's avatar (Saleor's ``User.avatar``): one image, stored under a generated name by
``marketplace.core.uploads.store_upload`` before these run; thumbnails made after commit.

Both functions return the names of files that are no longer used (the previous image and
its thumbnails), for the caller to discard from storage once the transaction has committed.
"""

from django.db import transaction

from marketplace.accounts.models import User
from marketplace.thumbnails.services import thumbnails_release
from marketplace.thumbnails.tasks import create_thumbnails


def _release(user: User) -> list[str]:
    names = thumbnails_release(kind="user", object_id=user.pk)
    if user.avatar:
        names.append(user.avatar.name)
    return names


def avatar_update(*, user: User, image_name: str) -> tuple[User, list[str]]:
    """Make the stored image ``image_name`` the user's avatar."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        replaced = _release(locked)
        locked.avatar.name = image_name
        locked.save(update_fields=["avatar", "updated_at"])
        transaction.on_commit(lambda: create_thumbnails.delay("user", locked.pk))
    return locked, replaced


def avatar_delete(*, user: User) -> tuple[User, list[str]]:
    """Remove the user's avatar (nothing to do when there is none)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        removed = _release(locked)
        locked.avatar = ""
        locked.save(update_fields=["avatar", "updated_at"])
    return locked, removed
