from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "vendors.villages"
    label = "villages"
