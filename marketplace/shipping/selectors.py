from marketplace.shipping.models import ShippingMethod, ShippingZone
from marketplace.shipping.pricing import zone_for_province


def methods_for_province(province: str) -> list[ShippingMethod]:
    """The active methods of the zone serving the province (two queries)."""
    zone = zone_for_province(province, list(ShippingZone.objects.all()))
    if zone is None:
        return []
    return list(zone.methods.filter(is_active=True).order_by("base_price_amount", "pk"))
