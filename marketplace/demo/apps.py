from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo seed (``manage.py populatedb``). It sits on top of the domain apps and
    imports their models and services; no domain app imports it."""

    name = "marketplace.demo"
    label = "demo"
