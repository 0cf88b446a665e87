from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "marketplace.inventory"
    label = "inventory"
