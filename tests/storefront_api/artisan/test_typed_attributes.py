"""productCreate/productUpdate with attributes of every input type (Saleor's
AttributeValueInput): typed errors, nothing written on a refusal, own values cleaned up."""

import pytest

from marketplace.catalog.models import (
    Attribute,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    Category,
    Product,
)
from storefront_api.core.ids import to_id
from tests.conftest import data

pytestmark = pytest.mark.django_db

CREATE = """mutation ($input: ProductCreateInput!) { productCreate(input: $input) {
  product { slug assignedAttributes { attribute { slug }
    ... on AssignedBooleanAttribute { flag: value } ... on AssignedPlainTextAttribute { text: value }
    ... on AssignedNumericAttribute { number: value } ... on AssignedDateAttribute { day: value }
    ... on AssignedSingleChoiceAttribute { choice: value { slug } }
    ... on AssignedSingleCategoryReferenceAttribute { category: value { slug } } } }
  errors { field code message } } }"""
UPDATE = """mutation ($id: ID!, $input: ProductInput!) { productUpdate(id: $id, input: $input) {
  product { assignedAttribute(slug: "bestseller") { ... on AssignedBooleanAttribute { value } } }
  errors { field code } } }"""
DELETE = """mutation ($id: ID!) { productDelete(id: $id) { errors { field code } } }"""
VARIANT = """mutation ($input: ProductVariantCreateInput!) { productVariantCreate(input: $input) { errors { field code } } }"""


@pytest.fixture
def typed(world):
    attributes = {
        "bestseller": Attribute.objects.create(slug="bestseller", name="Bán chạy", input_type="BOOLEAN"),
        "care": Attribute.objects.create(slug="bao-quan", name="Bảo quản", input_type="PLAIN_TEXT"),
        "weight": Attribute.objects.create(slug="can-nang", name="Cân nặng", input_type="NUMERIC"),
        "since": Attribute.objects.create(slug="tu-nam", name="Từ năm", input_type="DATE"),
        "category": Attribute.objects.create(
            slug="danh-muc-lien-quan", name="Liên quan", input_type="SINGLE_REFERENCE", entity_type="CATEGORY"
        ),
    }
    for order, attribute in enumerate(attributes.values(), start=1):
        AttributeProduct.objects.create(
            product_type=world.product_type, attribute=attribute, sort_order=order
        )
    return {key: to_id("Attribute", a.pk) for key, a in attributes.items()} | {
        "material": to_id("Attribute", world.material.pk)
    }


def _input(world, attributes, **extra):
    return {
        "productType": to_id("ProductType", world.product_type.pk),
        "name": "Bình hút lộc",
        "attributes": attributes,
        **extra,
    }


def test_member_creates_a_product_with_typed_attributes(world, parties, typed):
    category = Category.objects.get(slug="gom-su")
    attributes = [
        {"id": typed["material"], "values": ["dat-set"]},
        {"id": typed["bestseller"], "boolean": True},
        {"id": typed["care"], "plainText": "Lau bằng khăn <b>mềm</b>"},
        {"id": typed["weight"], "numeric": "1.25"},
        {"id": typed["since"], "date": "1990-05-01"},
        {"id": typed["category"], "reference": to_id("Category", category.pk)},
    ]
    result = data(parties["member"].graphql(CREATE, {"input": _input(world, attributes)}))["productCreate"]
    assert result["errors"] == []
    assert result["product"]["assignedAttributes"] == [
        {"attribute": {"slug": "chat-lieu"}, "choice": {"slug": "dat-set"}},
        {"attribute": {"slug": "bestseller"}, "flag": True},
        {"attribute": {"slug": "bao-quan"}, "text": "Lau bằng khăn mềm"},
        {"attribute": {"slug": "can-nang"}, "number": 1.25},
        {"attribute": {"slug": "tu-nam"}, "day": "1990-05-01"},
        {"attribute": {"slug": "danh-muc-lien-quan"}, "category": {"slug": "gom-su"}},
    ]
    # A second product shares the boolean value and gets its own text value.
    result = data(
        parties["member"].graphql(CREATE, {"input": _input(world, attributes[1:3], name="Bình hai")})
    )
    assert result["productCreate"]["errors"] == []
    assert AttributeValue.objects.filter(attribute__slug="bestseller").count() == 1
    assert AttributeValue.objects.filter(attribute__slug="bao-quan").count() == 2


@pytest.mark.parametrize(
    ("attribute", "value", "expected"),
    [
        ("bestseller", {"plainText": "có"}, ("attributes", "INVALID")),
        ("material", {"values": ["da"]}, ("attributes", "NOT_FOUND")),
        ("material", {"values": ["dat-set", "dat-set-2"]}, ("attributes", "INVALID")),  # a dropdown takes one
        ("weight", {"numeric": "abc"}, ("attributes", "INVALID")),
        ("weight", {"numeric": "inf"}, ("attributes", "INVALID")),
        ("category", {"reference": "Q29sbGVjdGlvbjox"}, ("attributes", "INVALID")),  # a Collection ID
        ("category", {"reference": "Q2F0ZWdvcnk6OTk5OTk5"}, ("attributes", "NOT_FOUND")),
    ],
)
def test_bad_values_write_nothing(world, parties, typed, attribute, value, expected):
    before = (Product.objects.count(), AttributeValue.objects.count())
    result = data(
        parties["member"].graphql(CREATE, {"input": _input(world, [{"id": typed[attribute], **value}])})
    )
    assert [(e["field"], e["code"]) for e in result["productCreate"]["errors"]] == [expected]
    assert (Product.objects.count(), AttributeValue.objects.count()) == before


def test_update_toggles_and_clears_values_and_delete_removes_own_values(world, parties, typed):
    product = to_id("Product", world.product.pk)
    client = parties["member"]
    result = data(
        client.graphql(
            UPDATE, {"id": product, "input": {"attributes": [{"id": typed["bestseller"], "boolean": True}]}}
        )
    )
    assert result["productUpdate"] == {"product": {"assignedAttribute": {"value": True}}, "errors": []}
    result = data(
        client.graphql(
            UPDATE, {"id": product, "input": {"attributes": [{"id": typed["bestseller"], "boolean": False}]}}
        )
    )
    assert result["productUpdate"]["product"]["assignedAttribute"] == {"value": False}
    result = data(
        client.graphql(
            UPDATE, {"id": product, "input": {"attributes": [{"id": typed["bestseller"], "boolean": None}]}}
        )
    )
    assert result["productUpdate"]["product"]["assignedAttribute"] == {"value": None}
    # Another shop's member changes nothing.
    refused = parties["other shop's member"].graphql(
        UPDATE, {"id": product, "input": {"attributes": [{"id": typed["bestseller"], "boolean": True}]}}
    )
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert not world.product.attribute_values.exists()
    data(
        client.graphql(
            UPDATE,
            {"id": product, "input": {"attributes": [{"id": typed["care"], "plainText": "Tránh va đập"}]}},
        )
    )
    own = AttributeValue.objects.get(attribute__slug="bao-quan")
    data(client.graphql(DELETE, {"id": product}))
    assert not AttributeValue.objects.filter(pk=own.pk).exists()
    assert AttributeValue.objects.filter(attribute__slug="bestseller").count() == 2  # shared true/false stay


def test_variant_attributes_take_choices_only(world, parties, typed):
    size = Attribute.objects.create(slug="kich-thuoc", name="Kích thước")
    AttributeVariant.objects.create(product_type=world.product_type, attribute=size)
    AttributeValue.objects.create(attribute=size, slug="lon", name="Lớn")
    input = {
        "product": to_id("Product", world.product.pk),
        "sku": "V-2",
        "attributes": [{"id": to_id("Attribute", size.pk), "boolean": True}],
    }
    result = data(parties["member"].graphql(VARIANT, {"input": input}))
    assert result["productVariantCreate"]["errors"] == [{"field": "attributes", "code": "INVALID"}]
