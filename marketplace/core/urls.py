"""Local stand-ins for S3's signed URLs (used when USE_S3 is off; 404 otherwise)."""

from django.urls import path

from marketplace.core.direct_upload import direct_upload_view
from marketplace.core.private_media import private_media_view

urlpatterns = [
    path("private-media/<str:token>/", private_media_view, name="private-media"),
    path("upload/<str:token>/", direct_upload_view, name="direct-upload"),
]
