"""Saleor's checkout problems: what would stop the checkout from becoming an order now,
shown while the buyer can still fix it.

- the chosen delivery is no longer valid (``delivery_invalid``): a shipping method of
  another zone than the address's, one a parcel is now too heavy for, or a collection
  point that cannot serve every shop of the cart any more (a LOCAL workshop pickup once
  another shop's item is added). Delivery prices are computed at every read, so a
  delivery is never stale.
- a line wants more than is in stock for it (``insufficient_stock``), or its variant
  cannot be bought in the channel any more (``unavailable_lines``).
"""

from marketplace.checkout.fetch import CheckoutInfo, LineInfo, MethodOption
from marketplace.inventory.models import Warehouse


def delivery_invalid(info: CheckoutInfo, zone_options: list[MethodOption], points: list[Warehouse]) -> bool:
    """``zone_options``: the address zone's methods priced for the checkout; ``points``:
    the collection points that can serve it."""
    checkout = info.checkout
    if checkout.collection_point_id is not None:
        return checkout.collection_point_id not in {point.pk for point in points}
    if checkout.shipping_method_id is not None:
        option = next((o for o in zone_options if o.method.pk == checkout.shipping_method_id), None)
        return option is None or not option.active
    return False


def unavailable_lines(info: CheckoutInfo) -> list[LineInfo]:
    return [
        i
        for i in info.all_lines
        if not (
            i.is_priced and i.product_listing is not None and i.is_published and i.is_available_for_purchase
        )
    ]


def insufficient_stock(info: CheckoutInfo, available: dict[int, int]) -> list[tuple[LineInfo, int]]:
    """``available``: units of each variant the checkout can get (its own holds included)."""
    return [
        (i, available.get(i.variant.pk, 0))
        for i in info.lines
        if i.variant.track_inventory and i.line.quantity > available.get(i.variant.pk, 0)
    ]
