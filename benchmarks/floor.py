"""The framework floor: a trivial Django view answering ``BENCH_FLOOR_BODY`` (the bytes of a
real ProductList answer, written by benchmarks/run.py) to a POST, behind the same
middleware, server and settings as the API, which is served next to it."""

import os
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from marketplace.urls import urlpatterns as api_urlpatterns

BODY = Path(os.environ["BENCH_FLOOR_BODY"]).read_bytes()


@csrf_exempt
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BODY, content_type="application/json")


urlpatterns = [path("floor/", floor), *api_urlpatterns]
