import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.base")

application = get_wsgi_application()


def _freeze_what_is_loaded() -> None:
    """Load the URLconf now (the API's views and its GraphQL schema), then move every object
    loaded so far into the garbage collector's permanent generation (``gc.freeze``): the
    collector no longer walks Django, the schema and the libraries at every full collection
    a request's allocations trigger. A ProductList of 100 spent about a third of its CPU
    time in those walks."""
    from django.urls import get_resolver
    from graphene_django.settings import graphene_settings

    get_resolver().url_patterns  # noqa: B018 - imported for its side effect
    graphene_settings.SCHEMA  # noqa: B018 - otherwise built by the first API request
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


# The young generation is collected after this many net allocations instead of Python's 700.
# A request's objects live until its answer is sent (the page's rows, results, futures), so a
# collection in the middle of one walks them all for nothing: a ProductList of 20 spent about
# 1 ms of CPU in about two young and a sixth of a middle collection each; with 10,000, under
# 0.5 ms (gc.callbacks, in-process). The garbage of cycles waits a little longer: a few MB.
GC_YOUNG_THRESHOLD = 10_000


_freeze_what_is_loaded()
