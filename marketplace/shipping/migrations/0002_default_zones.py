"""The delivery zones and methods the marketplace starts with (VND, tax-inclusive)."""

from decimal import Decimal

from django.db import migrations

ZONES = [
    {
        "slug": "ha-noi",
        "name": "Nội thành và ngoại thành Hà Nội",
        "provinces": ["Thành phố Hà Nội"],
        "is_default": False,
        "methods": [
            ("Giao hàng tiêu chuẩn Hà Nội", "Standard delivery in Hanoi", 25_000, 5_000, None, 1, 2),
            ("Giao nhanh trong ngày", "Same-day delivery in Hanoi", 45_000, 10_000, 10_000, 0, 1),
        ],
    },
    {
        "slug": "toan-quoc",
        "name": "Các tỉnh, thành phố khác",
        "provinces": [],
        "is_default": True,
        "methods": [
            ("Giao hàng tiêu chuẩn toàn quốc", "Standard delivery nationwide", 35_000, 8_000, None, 3, 5),
            ("Giao hàng nhanh toàn quốc", "Express delivery nationwide", 60_000, 15_000, 20_000, 2, 3),
        ],
    },
]


def create_zones(apps, schema_editor):
    ShippingZone = apps.get_model("shipping", "ShippingZone")
    ShippingMethod = apps.get_model("shipping", "ShippingMethod")
    for spec in ZONES:
        zone, created = ShippingZone.objects.get_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name"], "provinces": spec["provinces"], "is_default": spec["is_default"]},
        )
        if not created:
            continue
        for name, description, base, per_kg, max_weight, min_days, max_days in spec["methods"]:
            ShippingMethod.objects.create(
                zone=zone,
                name=name,
                description=description,
                currency="VND",
                base_price_amount=Decimal(base),
                base_weight_grams=1000,
                price_per_extra_kg_amount=Decimal(per_kg),
                maximum_weight_grams=max_weight,
                minimum_delivery_days=min_days,
                maximum_delivery_days=max_days,
            )


def remove_zones(apps, schema_editor):
    ShippingZone = apps.get_model("shipping", "ShippingZone")
    ShippingZone.objects.filter(slug__in=[spec["slug"] for spec in ZONES]).delete()


class Migration(migrations.Migration):
    dependencies = [("shipping", "0001_initial")]
    operations = [migrations.RunPython(create_zones, remove_zones)]
