from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "marketplace.curation"
    label = "curation"
