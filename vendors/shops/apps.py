from django.apps import AppConfig


class ShopsConfig(AppConfig):
    name = "vendors.shops"
    label = "shops"
