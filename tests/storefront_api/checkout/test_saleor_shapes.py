"""Checkout and order operations as Saleor shapes them: the checkout ``id`` Saleor leaves
optional (it also takes a token there) answers a typed REQUIRED when missing; a null
``deliveryMethodId`` removes the chosen delivery method; ``checkout``/``order`` without an
ID are null; a shipping method's description is rich text (JSONString)."""

import json

import pytest

from marketplace.checkout.models import Checkout
from marketplace.shipping.models import ShippingMethod
from tests.checkout_helpers import create, ready_checkout, shop_with_product
from tests.conftest import ApiClient, data

pytestmark = pytest.mark.django_db

LINES_ADD = """mutation ($id: ID, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id, lines: $lines) {
  checkout { id } errors { field code } } }"""
COMPLETE = "mutation ($id: ID) { checkoutComplete(id: $id) { order { id } errors { field code } } }"
EMAIL = """mutation ($id: ID) { checkoutEmailUpdate(id: $id, email: "a@example.vn") {
  checkout { id } errors { field code } } }"""
DELIVERY = """mutation ($id: ID, $method: ID) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
  checkout { deliveryMethod { __typename } shippingPrice { gross { amount } } } errors { field code } } }"""
METHODS = """query ($id: ID) { checkout(id: $id) { shippingMethods { name description } } }"""


def test_checkout_mutations_without_an_id_answer_required(seeded_channels):
    _, product = shop_with_product()
    client = ApiClient()
    created = create(client, [(product, 1)])
    checkout_id = created["checkout"]["id"]
    before = Checkout.objects.get().lines.get().quantity
    for query, key, variables in (
        (LINES_ADD, "checkoutLinesAdd", {"lines": [{"variantId": checkout_id, "quantity": 1}]}),
        (COMPLETE, "checkoutComplete", {}),
        (EMAIL, "checkoutEmailUpdate", {"id": None}),
        (DELIVERY, "checkoutDeliveryMethodUpdate", {"method": None}),
    ):
        result = data(client.graphql(query, variables))[key]
        assert result["errors"] == [{"field": "id", "code": "REQUIRED"}], key
    assert Checkout.objects.get().lines.get().quantity == before


def test_checkout_and_order_queries_without_an_id_are_null(seeded_channels):
    result = data(ApiClient().graphql("{ checkout { id } order { id } }"))
    assert result == {"checkout": None, "order": None}


def test_a_null_delivery_method_removes_the_chosen_one(seeded_channels):
    _, product = shop_with_product()
    client = ApiClient()
    checkout_id = ready_checkout(client, [(product, 1)])
    checkout = Checkout.objects.get()
    assert checkout.shipping_method_id is not None
    cleared = data(client.graphql(DELIVERY, {"id": checkout_id, "method": None}))[
        "checkoutDeliveryMethodUpdate"
    ]
    assert cleared["errors"] == []
    assert cleared["checkout"]["deliveryMethod"] is None
    assert cleared["checkout"]["shippingPrice"]["gross"]["amount"] == 0
    checkout.refresh_from_db()
    assert checkout.shipping_method_id is None and checkout.collection_point_id is None
    # Without a delivery method the checkout cannot be completed.
    completed = data(client.graphql(COMPLETE, {"id": checkout_id}))["checkoutComplete"]
    assert completed["order"] is None and completed["errors"]


def test_shipping_method_description_is_rich_text(seeded_channels):
    _, product = shop_with_product()
    client = ApiClient()
    checkout_id = ready_checkout(client, [(product, 1)])
    ShippingMethod.objects.update(description="")
    method = ShippingMethod.objects.get(name="Giao hàng tiêu chuẩn Hà Nội")
    method.description = "Giao trong 1-2 ngày <b>nội thành</b>"
    method.save()
    methods = data(client.graphql(METHODS, {"id": checkout_id}))["checkout"]["shippingMethods"]
    described = {m["name"]: m["description"] for m in methods}
    assert json.loads(described[method.name]) == {
        "blocks": [
            {"type": "paragraph", "data": {"text": "Giao trong 1-2 ngày &lt;b&gt;nội thành&lt;/b&gt;"}}
        ]
    }
    assert all(value is None for name, value in described.items() if name != method.name)
