from types import SimpleNamespace

import pytest

from tests.checkout_helpers import shop_with_product
from tests.service_helpers import part_of, place_order


@pytest.fixture
def placed(seeded_channels):
    """A guest's cash-on-delivery order of two shops: 3 units of A's product, 1 of B's
    (10 of each in stock), paid through the older payment API."""
    vendor_a, product_a = shop_with_product(price=200_000, stock=10)
    vendor_b, product_b = shop_with_product(price=50_000, stock=10)
    order = place_order([(product_a, 3), (product_b, 1)])
    return SimpleNamespace(
        order=order,
        a=vendor_a,
        b=vendor_b,
        product_a=product_a,
        product_b=product_b,
        part_a=part_of(order, vendor_a),
        part_b=part_of(order, vendor_b),
    )
