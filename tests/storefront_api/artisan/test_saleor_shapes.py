"""The catalogue writes as Saleor shapes them: ID arguments Saleor leaves optional answer a
typed REQUIRED when missing; weights are Saleor's WeightScalar (grams by default, or
{value, unit}); Saleor's error types (ProductChannelListingError, BulkStockError,
TranslationError)."""

import json

import pytest

from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data
from tests.factories import channel

pytestmark = pytest.mark.django_db

UPDATE = """mutation ($id: ID, $input: ProductInput!) { productUpdate(id: $id, input: $input) {
  product { name } errors { __typename field code message } } }"""
VARIANT_UPDATE = """mutation ($id: ID, $input: ProductVariantInput!) { productVariantUpdate(id: $id, input: $input) {
  productVariant { sku } errors { field code } } }"""
STOCKS = """mutation ($id: ID, $stocks: [StockInput!]!) { productVariantStocksUpdate(variantId: $id, stocks: $stocks) {
  productVariant { sku } errors { __typename field code index } } }"""
VARIANT_LISTING = """mutation ($id: ID, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) { variant { sku } errors { __typename field code channels } } }"""
PRODUCT_LISTING = """mutation ($id: ID!, $channel: ID!) { productChannelListingUpdate(id: $id,
  input: {updateChannels: [{channelId: $channel, isPublished: true}]}) { product { slug } errors { __typename field code } } }"""
TRANSLATE = """mutation ($id: ID!) { productTranslate(id: $id, languageCode: VI, input: {name: "x"}) {
  translation { name } errors { __typename field code } } }"""
DELETE = "mutation ($id: ID) { productDelete(id: $id) { product { slug } errors { field code } } }"


def test_missing_ids_are_typed_required_errors(world):
    member = client_for(world.owner)
    name = world.product.name
    for query, variables, key in (
        (UPDATE, {"input": {"name": "Mới"}}, "productUpdate"),
        (DELETE, {}, "productDelete"),
        (VARIANT_UPDATE, {"input": {"sku": "X"}}, "productVariantUpdate"),
    ):
        result = data(member.graphql(query, variables))[key]
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "REQUIRED")], key
    stocks = data(member.graphql(STOCKS, {"stocks": []}))["productVariantStocksUpdate"]
    assert stocks == {
        "productVariant": None,
        "errors": [{"__typename": "BulkStockError", "field": "variantId", "code": "REQUIRED", "index": None}],
    }
    listing = data(member.graphql(VARIANT_LISTING, {"input": []}))["productVariantChannelListingUpdate"]
    assert listing["errors"] == [
        {"__typename": "ProductChannelListingError", "field": "id", "code": "REQUIRED", "channels": None}
    ]
    world.product.refresh_from_db()
    assert world.product.name == name and world.product.variants.count() == 1
    # Permission is still checked first: anonymous callers get no hint.
    anonymous = ApiClient().graphql(UPDATE, {"input": {"name": "Mới"}})
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_an_attribute_without_an_id_is_required(world):
    result = data(
        client_for(world.owner).graphql(
            UPDATE,
            {"id": to_id("Product", world.product.pk), "input": {"attributes": [{"values": ["Đất sét"]}]}},
        )
    )["productUpdate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("attributes", "REQUIRED")]


@pytest.mark.parametrize(
    ("weight", "grams"),
    [
        (250, 250),
        ("750", 750),
        (1.2345, 1),
        ({"value": 1.5, "unit": "KG"}, 1500),
        ({"value": 8, "unit": "OZ"}, 227),
        ({"value": 2, "unit": "LB"}, 907),
        ({"value": 300}, 300),
    ],
)
def test_weights_are_saleors_weight_scalar(world, weight, grams):
    result = data(
        client_for(world.owner).graphql(
            UPDATE, {"id": to_id("Product", world.product.pk), "input": {"weight": weight}}
        )
    )["productUpdate"]
    assert result["errors"] == []
    world.product.refresh_from_db()
    assert world.product.weight_grams == grams


def test_a_weight_as_a_literal_with_a_unit(world):
    query = "mutation ($id: ID) { productUpdate(id: $id, input: {weight: {value: 2, unit: KG}}) { errors { code } } }"
    result = client_for(world.owner).graphql(query, {"id": to_id("Product", world.product.pk)})
    assert data(result)["productUpdate"]["errors"] == []
    world.product.refresh_from_db()
    assert world.product.weight_grams == 2000


@pytest.mark.parametrize(
    "weight",
    [
        "NaN",
        "Infinity",
        "heavy",
        True,
        {"value": 1, "unit": "STONE"},
        {"unit": "KG"},
        {"value": 1, "extra": 2},
        [1],
    ],
)
def test_malformed_weights_are_refused_before_anything_runs(world, weight):
    before = world.product.weight_grams
    response = client_for(world.owner).post_graphql(
        UPDATE, {"id": to_id("Product", world.product.pk), "input": {"weight": weight}}
    )
    assert response.status_code == 400
    assert "weight" in json.dumps(response.json()["errors"])
    world.product.refresh_from_db()
    assert world.product.weight_grams == before


@pytest.mark.parametrize("weight", [0, -5, {"value": 2, "unit": "TONNE"}, "1e40"])
def test_out_of_range_weights_are_typed_errors(world, weight):
    before = world.product.weight_grams
    result = data(
        client_for(world.owner).graphql(
            UPDATE, {"id": to_id("Product", world.product.pk), "input": {"weight": weight}}
        )
    )["productUpdate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("weight", "OUT_OF_RANGE")]
    world.product.refresh_from_db()
    assert world.product.weight_grams == before


def test_shop_default_weight_unit_is_grams(db):
    assert data(ApiClient().graphql("{ shop { defaultWeightUnit } }")) == {"shop": {"defaultWeightUnit": "G"}}


def test_listing_and_translation_errors_are_saleors_types(world):
    member = client_for(world.owner)
    showcase = to_id("Channel", channel("design-centre").pk)
    listing = data(
        member.graphql(PRODUCT_LISTING, {"id": to_id("Product", world.product.pk), "channel": showcase})
    )
    assert [(e["__typename"], e["code"]) for e in listing["productChannelListingUpdate"]["errors"]] == [
        ("ProductChannelListingError", "CHANNEL_NOT_ALLOWED")
    ]
    translated = data(member.graphql(TRANSLATE, {"id": to_id("Product", world.product.pk)}))[
        "productTranslate"
    ]
    assert translated == {
        "translation": None,
        "errors": [{"__typename": "TranslationError", "field": "languageCode", "code": "INVALID"}],
    }


def test_product_media_create_without_an_image_is_required(world):
    query = """mutation ($product: ID!) { productMediaCreate(input: {product: $product, alt: "x"}) {
      media { id } errors { field code } } }"""
    result = data(client_for(world.owner).graphql(query, {"product": to_id("Product", world.product.pk)}))
    assert result["productMediaCreate"] == {"media": None, "errors": [{"field": "image", "code": "REQUIRED"}]}
    assert not world.product.media.exists()
