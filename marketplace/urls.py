from django.conf import settings
from django.urls import include, path

from marketplace.core import health
from storefront_api.views import graphql_view

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("graphql/", graphql_view, name="api"),
    path("studio/admin/", include("backoffice.admin_urls")),  # Django's admin, in the back office's session
    path("studio/", include("backoffice.urls")),  # the back office (settings.BACKOFFICE_PREFIX)
    path("thumbnail/", include("marketplace.thumbnails.urls")),
    path("payments/", include("marketplace.payments.urls")),
    path("", include("marketplace.core.urls")),  # private media and direct uploads (local storage)
]

if settings.DEBUG and not settings.USE_S3:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
