"""The Saleor storefront's checkout and order documents cost the same number of SQL queries
for one line, shop or order as for many (the new fields included: statuses, delivery,
problems, transactions, thumbnails)."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductMedia
from tests.checkout_helpers import ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data
from tests.factories import UserFactory
from tests.images import image_bytes
from tests.storefront_api.checkout.documents import CHECKOUT, MY_ORDERS, complete, dummy, initialize

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dummy_gateways(settings):
    settings.PAYMENT_DUMMY_ENABLED = True


def count(client: ApiClient, document: str, **variables) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        content = client.graphql(document, variables)
    return len(captured), data(content)


def product_with_photo():
    _, product = shop_with_product(stock=50)
    media = ProductMedia.objects.create(product=product, alt=product.name)
    media.image.save("p.jpg", ContentFile(image_bytes(size=(64, 64), format="JPEG")), save=True)
    return product


def test_the_storefronts_checkout_costs_the_same_for_one_line_and_many_shops(seeded_channels):
    client = ApiClient()
    first = product_with_photo()
    small = ready_checkout(client, [(first, 1)])
    initialize(client, small, dummy("CHARGE_SUCCESS"), amount=1)
    one, found = count(client, CHECKOUT, id=small)
    assert found["checkout"]["authorizeStatus"] == "PARTIAL" and found["checkout"]["delivery"] is not None
    others = [product_with_photo() for _ in range(6)]
    big = ready_checkout(client, [(p, 2) for p in [first, *others]])
    for _ in range(3):
        initialize(client, big, dummy("CHARGE_SUCCESS"), amount=1)
    many, found = count(client, CHECKOUT, id=big)
    assert len(found["checkout"]["lines"]) == 7 and found["checkout"]["chargeStatus"] == "PARTIAL"
    assert many == one


def test_the_storefronts_order_history_costs_the_same_for_one_and_many(seeded_channels):
    user = UserFactory()
    client = client_for(user)
    products = [product_with_photo() for _ in range(3)]

    def order(items) -> None:
        checkout_id = ready_checkout(client, [(p, 1) for p in items])
        assert initialize(client, checkout_id, dummy("CHARGE_SUCCESS"))["errors"] == []
        assert complete(client, checkout_id)["errors"] == []

    order(products[:1])
    one, result = count(client, MY_ORDERS, first=20)
    assert len(result["me"]["orders"]["edges"]) == 1
    assert result["me"]["orders"]["edges"][0]["node"]["lines"][0]["thumbnail"]["url"]
    for _ in range(4):
        order(products)
    many, result = count(client, MY_ORDERS, first=20)
    assert len(result["me"]["orders"]["edges"]) == 5
    assert many == one
