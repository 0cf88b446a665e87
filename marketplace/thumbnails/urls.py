from django.urls import path

from marketplace.thumbnails.views import thumbnail_view

urlpatterns = [
    path(
        "<slug:kind>/<int:object_id>/<int:size>/<slug:format>/",
        thumbnail_view,
        name="thumbnail",
    ),
]
