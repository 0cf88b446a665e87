from django.apps import AppConfig


class ThumbnailsConfig(AppConfig):
    name = "marketplace.thumbnails"
    label = "thumbnails"
