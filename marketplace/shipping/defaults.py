"""The delivery zones and methods the marketplace starts with (VND, tax-inclusive).
Used by the data migration (with its historical models) and by the demo and test data."""

from decimal import Decimal
from typing import Any

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


def ensure_default_zones(ShippingZone: Any, ShippingMethod: Any) -> None:  # noqa: N803 (model classes)
    """Create the default zones and their methods where missing (idempotent)."""
    for spec in ZONES:
        zone, created = ShippingZone.objects.get_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name"], "provinces": spec["provinces"], "is_default": spec["is_default"]},
        )
        if not created:
            continue
        for name, description, base, per_kg, max_weight, min_days, max_days in spec["methods"]:  # type: ignore[attr-defined]
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
