"""Private documents without S3: ``/private-media/<token>/`` serves one file of
PRIVATE_MEDIA_ROOT for as long as its signed token lives (``storage.private_url`` makes it).

The content type comes from the file's bytes (documents and images only, anything else is
a download of ``application/octet-stream``), never from its name.
"""

import posixpath

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from marketplace.core.storage import private_storage, read_private_media_token
from marketplace.core.uploads import DOCUMENT_TYPES, sniff


@require_GET
def private_media_view(request: HttpRequest, token: str) -> FileResponse:
    name = read_private_media_token(token)
    if name is None or settings.USE_S3:  # with S3, private_url() hands out presigned S3 URLs
        raise Http404("This link is invalid or has expired.")
    storage = private_storage()
    try:
        file = storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError):
        raise Http404("No such document.") from None
    content_type = sniff(file.read(16))
    file.seek(0)
    known = content_type in DOCUMENT_TYPES
    response = FileResponse(
        file,
        as_attachment=not known,
        filename=posixpath.basename(name),
        content_type=content_type if known else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
