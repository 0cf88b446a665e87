"""Saleor 3.22's product attribute API: typed ``assignedAttribute(s)``, ``AttributeValue``'s
file/boolean/dateTime, and the paginated ``productVariants``."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeTranslation,
    AttributeValue,
    AttributeValueTranslation,
    AttributeVariant,
    ProductVariant,
)
from tests.conftest import data, error_codes
from tests.factories import CategoryFactory, listed_product, published_collection

pytestmark = pytest.mark.django_db

DETAILS = """query ($slug: String!, $languageCode: LanguageCodeEnum!) {
  product(slug: $slug, channel: "default-channel") {
    bestseller: assignedAttribute(slug: "bestseller") { ... on AssignedBooleanAttribute { value } }
    pulseBestseller: assignedAttribute(slug: "pulse-bestseller") { ... on AssignedBooleanAttribute { value } }
    productVariants(first: 1) { totalCount }
    assignedAttributes(limit: 50) {
      attribute { name slug inputType translation(languageCode: $languageCode) { name } }
      ... on AssignedPlainTextAttribute { plainText: value plainTextTranslation: translation(languageCode: $languageCode) }
      ... on AssignedBooleanAttribute { boolean: value }
      ... on AssignedNumericAttribute { numeric: value }
      ... on AssignedSingleChoiceAttribute { choice: value { name slug translation(languageCode: $languageCode) } }
      ... on AssignedMultiChoiceAttribute { choices: value { name slug translation(languageCode: $languageCode) } }
      ... on AssignedSwatchAttribute { swatch: value { name hexColor } }
      ... on AssignedDateTimeAttribute { at: value }
      ... on AssignedSingleCollectionReferenceAttribute { collection: value { slug } }
    } } }"""


def _attribute(product_type, slug, name, input_type="DROPDOWN", **fields):
    attribute = Attribute.objects.create(slug=slug, name=name, input_type=input_type, **fields)
    AttributeProduct.objects.create(
        product_type=product_type, attribute=attribute, sort_order=Attribute.objects.count()
    )
    return attribute


def _assign(product, attribute, **fields):
    slug = fields.pop("slug", f"product-{product.pk}-{attribute.pk}")
    value = AttributeValue.objects.create(
        attribute=attribute, slug=slug, name=fields.pop("name", slug), **fields
    )
    AssignedProductAttributeValue.objects.create(product=product, value=value)
    return value


@pytest.fixture
def vase(seeded_channels):
    product = listed_product(name="Bình men lam", slug="binh-men-lam", prices=(350_000, 650_000, 900_000))
    product_type = product.product_type
    flag = _attribute(product_type, "bestseller", "Bán chạy", "BOOLEAN")
    AttributeTranslation.objects.create(attribute=flag, language_code="en", name="Bestseller")
    _assign(product, flag, slug="true", name="Có", boolean=True)
    care = _attribute(product_type, "bao-quan", "Bảo quản", "PLAIN_TEXT")
    text = _assign(product, care, plain_text="Rửa bằng tay", name="Rửa bằng tay")
    AttributeValueTranslation.objects.create(attribute_value=text, language_code="en", plain_text="Hand wash")
    weight = _attribute(product_type, "can-nang", "Cân nặng", "NUMERIC")
    _assign(product, weight, numeric=1.5, name="1.5")
    material = _attribute(product_type, "chat-lieu", "Chất liệu")
    clay = _assign(product, material, slug="dat-set", name="Đất sét")
    AttributeValueTranslation.objects.create(attribute_value=clay, language_code="en", name="Clay")
    craft = _attribute(product_type, "ky-thuat", "Kỹ thuật", "MULTISELECT")
    _assign(product, craft, slug="ve-tay", name="Vẽ tay")
    _assign(product, craft, slug="nung-cui", name="Nung củi")
    colour = _attribute(product_type, "mau", "Màu", "SWATCH")
    _assign(product, colour, slug="xanh", name="Xanh", value="#1F4E9C")
    made = _attribute(product_type, "ngay-lam", "Ngày làm", "DATE_TIME")
    _assign(product, made, date_time=datetime(2026, 3, 1, 2, 0, tzinfo=UTC), name="2026-03-01")
    hidden = _attribute(product_type, "gia-von", "Giá vốn", "NUMERIC", visible_in_storefront=False)
    _assign(product, hidden, numeric=100000, name="100000")
    related = _attribute(
        product_type, "bo-suu-tap", "Bộ sưu tập", "SINGLE_REFERENCE", entity_type="COLLECTION"
    )
    _assign(
        product,
        related,
        reference_collection=published_collection(name="Quà Tết", slug="qua-tet"),
        name="Quà Tết",
    )
    _attribute(product_type, "xuat-xu", "Xuất xứ")  # no value: listed with none
    return product


def test_product_details_attributes(api_client, vase):
    product = data(api_client.graphql(DETAILS, {"slug": "binh-men-lam", "languageCode": "EN"}))["product"]
    assert product["bestseller"] == {"value": True}
    assert product["pulseBestseller"] is None  # no such attribute
    assert product["productVariants"] == {"totalCount": 3}
    attributes = product["assignedAttributes"]
    assert [a["attribute"]["slug"] for a in attributes] == [
        "bestseller",
        "bao-quan",
        "can-nang",
        "chat-lieu",
        "ky-thuat",
        "mau",
        "ngay-lam",
        "bo-suu-tap",
        "xuat-xu",
    ]  # "gia-von" is hidden from the storefront
    by_slug = {a["attribute"]["slug"]: a for a in attributes}
    assert by_slug["bestseller"] == {
        "attribute": {
            "name": "Bán chạy",
            "slug": "bestseller",
            "inputType": "BOOLEAN",
            "translation": {"name": "Bestseller"},
        },
        "boolean": True,
    }
    assert by_slug["bao-quan"]["plainText"] == "Rửa bằng tay"
    assert by_slug["bao-quan"]["plainTextTranslation"] == "Hand wash"
    assert by_slug["can-nang"]["numeric"] == 1.5
    assert by_slug["chat-lieu"]["choice"] == {"name": "Đất sét", "slug": "dat-set", "translation": "Clay"}
    assert by_slug["ky-thuat"]["choices"] == [
        {"name": "Vẽ tay", "slug": "ve-tay", "translation": None},
        {"name": "Nung củi", "slug": "nung-cui", "translation": None},
    ]
    assert by_slug["mau"]["swatch"] == {"name": "Xanh", "hexColor": "#1F4E9C"}
    assert by_slug["ngay-lam"]["at"] == "2026-03-01T02:00:00+00:00"
    assert by_slug["bo-suu-tap"]["collection"] == {"slug": "qua-tet"}
    assert by_slug["xuat-xu"] == {
        "attribute": {"name": "Xuất xứ", "slug": "xuat-xu", "inputType": "DROPDOWN", "translation": None},
        "choice": None,
    }


def test_limits_and_staff_view(api_client, staff_api_client, vase):
    query = '{ product(slug: "binh-men-lam", channel: "default-channel") { assignedAttributes(limit: 2) { attribute { slug } } hidden: assignedAttribute(slug: "gia-von") { attribute { slug } } } }'
    product = data(api_client.graphql(query))["product"]
    assert [a["attribute"]["slug"] for a in product["assignedAttributes"]] == ["bestseller", "bao-quan"]
    assert product["hidden"] is None
    assert data(staff_api_client.graphql(query))["product"]["hidden"] == {"attribute": {"slug": "gia-von"}}
    zero = api_client.post_graphql(query.replace("limit: 2", "limit: 0"))
    assert zero.status_code == 400  # PositiveInt: refused while validating, before anything runs
    over = data(api_client.graphql(query.replace("limit: 2", "limit: 5000")))["product"]
    assert len(over["assignedAttributes"]) == 9  # capped at 100, all of them here


def test_attribute_value_fields(api_client, vase):
    file = Attribute.objects.create(slug="anh-mau", name="Ảnh mẫu", input_type="FILE")
    AttributeVariant.objects.create(product_type=vase.product_type, attribute=file, variant_selection=True)
    variant = vase.variants.order_by("sku").first()
    value = AttributeValue.objects.create(
        attribute=file,
        slug=f"v-{variant.pk}",
        name="a.webp",
        file_url="https://cdn.langnghe.vn/a.webp",
        content_type="image/webp",
    )
    AssignedVariantAttributeValue.objects.create(variant=variant, value=value)
    query = """{ product(slug: "binh-men-lam", channel: "default-channel") {
      productVariants(first: 1) { edges { node { selectionAttributes: attributes(variantSelection: VARIANT_SELECTION) {
        attribute { inputType } values { name slug value file { url contentType } boolean dateTime plainText inputType } } } } }
      attributes { attribute { slug } values { boolean dateTime date plainText reference } } } }"""
    product = data(api_client.graphql(query))["product"]
    (selection,) = product["productVariants"]["edges"][0]["node"]["selectionAttributes"]
    assert selection == {
        "attribute": {"inputType": "FILE"},
        "values": [
            {
                "name": "a.webp",
                "slug": f"v-{variant.pk}",
                "value": "",
                "file": {"url": "https://cdn.langnghe.vn/a.webp", "contentType": "image/webp"},
                "boolean": None,
                "dateTime": None,
                "plainText": None,
                "inputType": "FILE",
            }
        ],
    }
    values = {a["attribute"]["slug"]: a["values"] for a in product["attributes"]}
    assert values["bestseller"] == [
        {"boolean": True, "dateTime": None, "date": None, "plainText": None, "reference": None}
    ]
    assert values["ngay-lam"][0]["dateTime"] == "2026-03-01T02:00:00+00:00"
    assert values["bao-quan"][0]["plainText"] == "Rửa bằng tay"
    assert values["bo-suu-tap"][0]["reference"].startswith("Q29sbGVjdGlvbj")


def test_product_variants_connection(api_client, vase):
    extra = ProductVariant.objects.create(product=vase, sku="unpriced")  # not priced: never listed
    query = """query ($after: String) { product(slug: "binh-men-lam", channel: "default-channel") {
      productVariants(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { sku pricing { price { gross { amount } } } } } } } }"""
    first = data(api_client.graphql(query))["product"]["productVariants"]
    assert first["totalCount"] == 3
    assert [e["node"]["sku"] for e in first["edges"]] == ["binh-men-lam-0", "binh-men-lam-1"]
    assert first["edges"][0]["node"]["pricing"]["price"]["gross"]["amount"] == 350000
    second = data(api_client.graphql(query, {"after": first["pageInfo"]["endCursor"]}))["product"][
        "productVariants"
    ]
    assert [e["node"]["sku"] for e in second["edges"]] == ["binh-men-lam-2"]
    assert second["pageInfo"]["hasNextPage"] is False
    assert extra.sku not in str(second)
    assert error_codes(api_client.graphql(query.replace("first: 2", "first: 101"))) == ["PAGINATION_ERROR"]
    bad = api_client.graphql(query, {"after": "garbage"})
    assert error_codes(bad) == ["INVALID_CURSOR"]


def test_product_list_with_attributes_and_variants_costs_the_same_for_1_and_many(api_client, seeded_channels):
    # 30 products: a page of 100 with 50 variants each is above the cost limit (as for Saleor).
    query = """query ($languageCode: LanguageCodeEnum!) { products(first: 30, channel: "default-channel") { edges { node {
      slug bestseller: assignedAttribute(slug: "bestseller") { ... on AssignedBooleanAttribute { value } }
      assignedAttributes { attribute { slug translation(languageCode: $languageCode) { name } }
        ... on AssignedPlainTextAttribute { text: value translation(languageCode: $languageCode) }
        ... on AssignedSingleChoiceAttribute { choice: value { slug translation(languageCode: $languageCode) } }
        ... on AssignedSingleCollectionReferenceAttribute { collection: value { slug } } }
      productVariants(first: 50) { totalCount edges { node { id selectionAttributes: attributes(variantSelection: VARIANT_SELECTION) {
        attribute { slug } values { slug file { url } translation(languageCode: $languageCode) { name } } } } } } } } } }"""
    category = CategoryFactory()
    collection = published_collection(name="Quà", slug="qua")

    def grow(count):
        for index in range(count):
            product = listed_product(name=f"Bình {index}", category=category, prices=(1000, 2000))
            product_type = product.product_type
            flag = Attribute.objects.get_or_create(
                slug="bestseller", defaults={"name": "Bán chạy", "input_type": "BOOLEAN"}
            )[0]
            care = Attribute.objects.get_or_create(
                slug="bao-quan", defaults={"name": "Bảo quản", "input_type": "PLAIN_TEXT"}
            )[0]
            ref = Attribute.objects.get_or_create(
                slug="bst",
                defaults={"name": "BST", "input_type": "SINGLE_REFERENCE", "entity_type": "COLLECTION"},
            )[0]
            size = Attribute.objects.get_or_create(slug="kich-thuoc", defaults={"name": "Cỡ"})[0]
            for attribute in (flag, care, ref):
                AttributeProduct.objects.create(product_type=product_type, attribute=attribute)
            AttributeVariant.objects.create(product_type=product_type, attribute=size, variant_selection=True)
            true = AttributeValue.objects.get_or_create(
                attribute=flag, slug="true", defaults={"name": "Có", "boolean": True}
            )[0]
            AssignedProductAttributeValue.objects.create(product=product, value=true)
            _assign(product, care, plain_text=f"Chăm {index}")
            _assign(product, ref, reference_collection=collection)
            large = AttributeValue.objects.get_or_create(
                attribute=size, slug="lon", defaults={"name": "Lớn"}
            )[0]
            for variant in product.variants.all():
                AssignedVariantAttributeValue.objects.create(variant=variant, value=large)

    grow(1)
    with CaptureQueriesContext(connection) as one:
        result = data(api_client.graphql(query, {"languageCode": "EN"}))
    assert result["products"]["edges"][0]["node"]["bestseller"] == {"value": True}
    grow(20)
    with CaptureQueriesContext(connection) as many:
        result = data(api_client.graphql(query, {"languageCode": "EN"}))
    assert len(result["products"]["edges"]) == 21
    assert len(one) == len(many), (len(one), len(many))
