"""Direct uploads without S3: ``POST /upload/<token>/`` (multipart, field ``file``) stores one
file under the key its signed token names, as S3 does for a presigned POST
(``storage.presigned_upload`` makes the token).

A body larger than the token allows is refused (413) and nothing is stored; an existing
key is never overwritten (409). The bytes are not checked here: whoever hands out the token
checks the stored file afterwards (``marketplace.core.uploads.verify_stored``).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.core.storage import delete, read_upload_token, save, stat

# Room for the multipart framing around the file (boundaries, part headers).
MULTIPART_OVERHEAD = 16 * 1024


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@csrf_exempt
@require_POST
def direct_upload_view(request: HttpRequest, token: str) -> HttpResponse:
    if settings.USE_S3:  # with S3, presigned_upload() hands out presigned S3 POSTs
        raise Http404("Direct uploads go to S3.")
    grant = read_upload_token(token)
    if grant is None:
        return _error(403, "This upload link is invalid or has expired.")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _error(400, "Bad Content-Length.")
    if declared > grant.max_bytes + MULTIPART_OVERHEAD:
        return _error(413, f"The file is larger than {grant.max_bytes} bytes.")
    if request.content_type != "multipart/form-data":
        return _error(400, "Send the file as multipart/form-data in the field 'file'.")
    try:
        file = request.FILES.get("file")
    except RequestDataTooBig:
        return _error(413, "The request is too large.")
    except (MultiPartParserError, SuspiciousOperation):
        return _error(400, "Malformed multipart request.")
    if file is None or file.size == 0:
        return _error(400, "Send a non-empty file in the field 'file'.")
    if file.size > grant.max_bytes:  # type: ignore[operator]
        return _error(413, f"The file is larger than {grant.max_bytes} bytes.")
    if stat(grant.key) is not None:
        return _error(409, "This upload link has been used.")
    stored = save(grant.key, file)
    if stored != grant.key:  # a concurrent upload with the same link won the key
        delete(stored)
        return _error(409, "This upload link has been used.")
    return HttpResponse(status=204)
