"""A buyer with a received parcel: a signed-in customer's COD order, shipped by the shop."""

import pytest

from marketplace.orders.models import OrderLine
from marketplace.orders.services import vendor_order_fulfill
from tests.checkout_helpers import gid, shop_with_product
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.service_helpers import member_of, part_of, place_order


class World:
    pass


@pytest.fixture
def world(seeded_channels):  # type: ignore[no-untyped-def]
    w = World()
    w.vendor, w.product = shop_with_product(price=250_000, stock=10, name="Bình gốm men lam")
    w.owner = member_of(w.vendor)
    w.buyer = UserFactory(email="lan@example.vn", first_name="Lan", last_name="Nguyễn")
    w.order = place_order([(w.product, 1)], buyer=w.buyer)
    w.part = part_of(w.order, w.vendor)
    vendor_order_fulfill(actor=w.owner, vendor_order=w.part, lines=None, tracking_number="VTP1")
    w.line = OrderLine.objects.get(order=w.order)
    w.line_id = gid("OrderLine", w.line.pk)
    w.product_id = gid("Product", w.product.pk)
    w.buyer_client = client_for(w.buyer)
    w.owner_client = client_for(w.owner)
    return w
