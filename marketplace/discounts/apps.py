from django.apps import AppConfig


class DiscountsConfig(AppConfig):
    name = "marketplace.discounts"
    label = "discounts"
