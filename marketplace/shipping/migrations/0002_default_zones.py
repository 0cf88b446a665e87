"""The delivery zones and methods the marketplace starts with (marketplace/shipping/defaults.py)."""

from django.db import migrations

from marketplace.shipping.defaults import ZONES, ensure_default_zones


def create_zones(apps, schema_editor):
    ensure_default_zones(apps.get_model("shipping", "ShippingZone"), apps.get_model("shipping", "ShippingMethod"))


def remove_zones(apps, schema_editor):
    ShippingZone = apps.get_model("shipping", "ShippingZone")
    ShippingZone.objects.filter(slug__in=[spec["slug"] for spec in ZONES]).delete()


class Migration(migrations.Migration):
    dependencies = [("shipping", "0001_initial")]
    operations = [migrations.RunPython(create_zones, remove_zones)]
