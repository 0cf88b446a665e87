"""Thumbnail URLs for the API: the stored file when it exists, else the on-demand view."""

from django.urls import reverse

from marketplace.thumbnails.models import Thumbnail
from marketplace.thumbnails.sizes import snap_size


def thumbnail_url(*, kind: str, object_id: int, size: int, format: str, existing: Thumbnail | None) -> str:
    """A URL serving the ``size``/``format`` thumbnail of a source image.

    ``existing`` is the stored thumbnail for that key, if the caller has loaded one. The URL
    may be relative (local storage, the view); the caller makes it absolute.
    """
    if existing is not None:
        return existing.image.url
    kwargs = {
        "kind": kind,
        "object_id": object_id,
        "size": snap_size(size),
        "format": format.lower(),
    }
    return reverse("thumbnail", kwargs=kwargs)
