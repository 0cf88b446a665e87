from django.apps import AppConfig


class BackOfficeConfig(AppConfig):
    name = "backoffice"
    label = "backoffice"
    verbose_name = "Back office"
