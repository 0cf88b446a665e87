from django.apps import AppConfig


class StorefrontApiConfig(AppConfig):
    name = "storefront_api"
    label = "storefront_api"
