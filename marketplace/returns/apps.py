from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "marketplace.returns"
    label = "returns"
