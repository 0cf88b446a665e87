"""What one parcel costs with a method, and which zone an address is in."""

import math
from decimal import Decimal

from marketplace.core.money import quantize
from marketplace.shipping.models import ShippingMethod, ShippingZone


def parcel_price(method: ShippingMethod, weight_grams: int) -> Decimal:
    extra_grams = max(weight_grams - method.base_weight_grams, 0)
    extra_kg = math.ceil(extra_grams / 1000)
    return quantize(method.base_price_amount + extra_kg * method.price_per_extra_kg_amount, method.currency)


def accepts_weight(method: ShippingMethod, weight_grams: int) -> bool:
    return method.maximum_weight_grams is None or weight_grams <= method.maximum_weight_grams


def zone_for_province(province: str, zones: list[ShippingZone]) -> ShippingZone | None:
    """The zone listing the province (official spelling, as addresses store it), else the default."""
    for zone in zones:
        if province and province in zone.provinces:
            return zone
    return next((zone for zone in zones if zone.is_default), None)
