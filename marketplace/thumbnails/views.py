"""The on-demand thumbnail view: make the thumbnail on first request, then redirect to it."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from marketplace.thumbnails.services import SOURCE_KINDS, thumbnail_get_or_create
from marketplace.thumbnails.sizes import parse_format, snap_size

# Stored thumbnails have unique names and are never rewritten, so the redirect may be
# cached for long; whoever replaces a source image deletes its Thumbnail rows.
REDIRECT_MAX_AGE = 60 * 60 * 24 * 365


@require_GET
def thumbnail_view(request: HttpRequest, kind: str, object_id: int, size: int, format: str) -> HttpResponse:
    thumbnail_format = parse_format(format)
    if kind not in SOURCE_KINDS or not SOURCE_KINDS[kind].public or thumbnail_format is None:
        raise Http404("Unknown thumbnail kind or format.")
    thumbnail = thumbnail_get_or_create(
        kind=kind, object_id=object_id, size=snap_size(size), format=thumbnail_format
    )
    if thumbnail is None:
        raise Http404("No image to make a thumbnail of.")
    response = HttpResponseRedirect(thumbnail.image.url)
    patch_cache_control(response, public=True, max_age=REDIRECT_MAX_AGE)
    return response
