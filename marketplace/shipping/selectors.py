from marketplace.shipping.models import ShippingMethod, ShippingZone
from marketplace.shipping.pricing import zone_for_province


def methods_for_province(province: str) -> list[ShippingMethod]:
    """The active methods of the zone serving the province (two queries)."""
    return methods_by_province([province])[province]


def methods_by_province(provinces: list[str]) -> dict[str, list[ShippingMethod]]:
    """The active methods serving each province (two queries for all of them)."""
    zones = list(ShippingZone.objects.all())
    methods: dict[int, list[ShippingMethod]] = {zone.pk: [] for zone in zones}
    for method in ShippingMethod.objects.filter(is_active=True).order_by("base_price_amount", "pk"):
        methods.setdefault(method.zone_id, []).append(method)
    result = {}
    for province in provinces:
        zone = zone_for_province(province, zones)
        result[province] = methods.get(zone.pk, []) if zone else []
    return result


def zone_by_id(pk: int) -> ShippingZone | None:
    return ShippingZone.objects.filter(pk=pk).first()


def method_with_zone_by_id(pk: int) -> ShippingMethod | None:
    return ShippingMethod.objects.select_related("zone").filter(pk=pk).first()
