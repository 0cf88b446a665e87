from django.apps import AppConfig


class OcopConfig(AppConfig):
    name = "vendors.ocop"
    label = "ocop"
