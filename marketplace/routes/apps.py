from django.apps import AppConfig


class RoutesConfig(AppConfig):
    name = "marketplace.routes"
    label = "routes"
