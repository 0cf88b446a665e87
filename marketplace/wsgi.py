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


_freeze_what_is_loaded()
