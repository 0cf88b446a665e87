"""Saleor's shippingZoneCreate, shippingZoneDelete, shippingPriceDelete, productTypeDelete,
attributeValueUpdate, attributeValueDelete, categoryUpdate (background image, description and
SEO fields) and
collectionUpdate's background image: who may call them (anonymous, customer, artisan,
curator, staff without the permission: refused, nothing changed), and what they do — the
same services as the back office, so the same refusals as typed errors."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import AssignedProductAttributeValue, AttributeValue, ProductType
from marketplace.checkout.models import Checkout
from marketplace.payments.models import TransactionItem
from marketplace.shipping.models import ShippingMethod, ShippingZone
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import CategoryFactory, ProductTypeFactory, UserFactory, channel, listed_product
from tests.images import image_bytes

pytestmark = pytest.mark.django_db

ZONE_CREATE = """mutation ($input: ShippingZoneCreateInput!) { shippingZoneCreate(input: $input) {
  shippingZone { id name default provinces } errors { field code message } } }"""
ZONE_DELETE = """mutation ($id: ID!) { shippingZoneDelete(id: $id) {
  shippingZone { id name } errors { field code message } } }"""
PRICE_DELETE = """mutation ($id: ID!) { shippingPriceDelete(id: $id) {
  shippingMethod { id name } shippingZone { id name } errors { field code message } } }"""
TYPE_DELETE = """mutation ($id: ID!) { productTypeDelete(id: $id) {
  productType { id name } errors { field code message } } }"""
VALUE_UPDATE = """mutation ($id: ID!, $name: String) { attributeValueUpdate(id: $id, input: {name: $name}) {
  attribute { slug } attributeValue { id name slug } errors { field code message } } }"""
VALUE_DELETE = """mutation ($id: ID!) { attributeValueDelete(id: $id) {
  attribute { slug } attributeValue { id name } errors { field code message } } }"""
CATEGORY_UPDATE = """mutation ($id: ID!, $input: CategoryInput!) { categoryUpdate(id: $id, input: $input) {
  category { name backgroundImage { alt } } errors { field code message } } }"""
COLLECTION_UPDATE = """mutation ($id: ID!, $input: CollectionInput!) { collectionUpdate(id: $id, input: $input) {
  collection { name backgroundImage { alt } } errors { field code message } } }"""


def jpeg() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "nen.jpg", image_bytes(size=(600, 300), format="JPEG"), content_type="image/jpeg"
    )


def upload(client, document: str, variables: dict, path: str, file) -> dict:  # type: ignore[no-untyped-def]
    """A GraphQL multipart request with one file at ``path`` (e.g. ``variables.input.backgroundImage``)."""
    body = {
        "operations": json.dumps({"query": document, "variables": variables}),
        "map": json.dumps({"0": [path]}),
    }
    body["0"] = file
    response = client.post("/graphql/", data=body, HTTP_APOLLO_REQUIRE_PREFLIGHT="true")
    assert response.status_code == 200, response.content
    return response.json()


def refused(content: dict, name: str) -> None:
    assert error_codes(content) == ["PermissionDenied"], content
    assert content["data"][name] is None


@pytest.fixture
def outsiders(seeded_channels, customer_user, vendor_member):  # type: ignore[no-untyped-def]
    curator = UserFactory(email="curator@langnghe.vn", is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    return {
        "anonymous": ApiClient(),
        "customer": client_for(customer_user),
        "artisan": client_for(vendor_member),
        "curator": client_for(curator),
    }


def staff(*permissions: PermissionEnum) -> ApiClient:
    user = UserFactory(email=f"staff{UserFactory._meta.model.objects.count()}@langnghe.vn", is_staff=True)
    grant(user, *permissions)
    return client_for(user)


def only_allowed(outsiders, other_permission, document, variables, name):  # type: ignore[no-untyped-def]
    for _party, client in {**outsiders, "staff without it": staff(other_permission)}.items():
        refused(client.graphql(document, variables), name)


# ---------------------------------------------------------------- shipping


def test_shipping_zone_create_matrix_and_refusals(outsiders):
    variables = {"input": {"name": "Miền Trung", "provinces": ["Đà Nẵng", "hue"]}}
    count = ShippingZone.objects.count()
    only_allowed(outsiders, PermissionEnum.MANAGE_PRODUCTS, ZONE_CREATE, variables, "shippingZoneCreate")
    assert ShippingZone.objects.count() == count
    client = staff(PermissionEnum.MANAGE_CHANNELS)
    result = data(client.graphql(ZONE_CREATE, variables))["shippingZoneCreate"]
    assert result["errors"] == []
    assert result["shippingZone"]["provinces"] == ["Thành phố Đà Nẵng", "Thành phố Huế"]
    assert result["shippingZone"]["default"] is False
    again = data(client.graphql(ZONE_CREATE, variables))["shippingZoneCreate"]
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("provinces", "ALREADY_EXISTS")]
    for bad in (
        {"name": "", "provinces": []},
        {"name": "X", "provinces": ["Atlantis"]},
        {"name": "X", "provinces": ["Huế"] * 64},
    ):
        errors = data(client.graphql(ZONE_CREATE, {"input": bad}))["shippingZoneCreate"]["errors"]
        assert errors and errors[0]["code"] in ("REQUIRED", "NOT_FOUND", "INVALID"), bad
    assert ShippingZone.objects.count() == count + 1


def test_shipping_zone_and_price_delete(outsiders):
    zone = ShippingZone.objects.get(slug="ha-noi")
    method = zone.methods.order_by("pk").first()
    zone_id, method_id = to_id("ShippingZone", zone.pk), to_id("ShippingMethodType", method.pk)
    only_allowed(
        outsiders, PermissionEnum.MANAGE_PRODUCTS, ZONE_DELETE, {"id": zone_id}, "shippingZoneDelete"
    )
    only_allowed(
        outsiders, PermissionEnum.MANAGE_PRODUCTS, PRICE_DELETE, {"id": method_id}, "shippingPriceDelete"
    )
    assert ShippingMethod.objects.filter(pk=method.pk).exists()
    client = staff(PermissionEnum.MANAGE_CHANNELS)
    checkout = Checkout.objects.create(channel=channel(), currency="VND", shipping_method=method)
    TransactionItem.objects.create(gateway="vnpay", currency="VND", charge_pending_value=1, checkout=checkout)
    for document, variables, name in (
        (ZONE_DELETE, {"id": zone_id}, "shippingZoneDelete"),
        (PRICE_DELETE, {"id": method_id}, "shippingPriceDelete"),
    ):
        errors = data(client.graphql(document, variables))[name]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [("id", "IN_USE")]
        assert errors[0]["message"].startswith("1 checkouts are being paid")
    TransactionItem.objects.all().delete()
    # a checkout's ShippingMethod ID works too
    result = data(client.graphql(PRICE_DELETE, {"id": to_id("ShippingMethod", method.pk)}))[
        "shippingPriceDelete"
    ]
    assert result["errors"] == [] and result["shippingMethod"]["name"] == method.name
    assert result["shippingZone"]["id"] == zone_id
    assert not ShippingMethod.objects.filter(pk=method.pk).exists()
    again = data(client.graphql(PRICE_DELETE, {"id": method_id}))["shippingPriceDelete"]
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("id", "NOT_FOUND")]
    result = data(client.graphql(ZONE_DELETE, {"id": zone_id}))["shippingZoneDelete"]
    assert result == {"shippingZone": {"id": zone_id, "name": zone.name}, "errors": []}
    assert not ShippingZone.objects.filter(pk=zone.pk).exists() and not zone.methods.exists()
    default = ShippingZone.objects.get(is_default=True)
    errors = data(client.graphql(ZONE_DELETE, {"id": to_id("ShippingZone", default.pk)}))[
        "shippingZoneDelete"
    ]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "INVALID")]
    wrong = data(client.graphql(ZONE_DELETE, {"id": to_id("Product", default.pk)}))["shippingZoneDelete"][
        "errors"
    ]
    assert [(e["field"], e["code"]) for e in wrong] == [("id", "INVALID")]
    assert ShippingZone.objects.filter(pk=default.pk).exists()


# ---------------------------------------------------------------- product types and attribute values


def test_product_type_delete(outsiders):
    used = ProductTypeFactory(name="Gốm", slug="gom")
    listed_product(product_type=used, prices=(100_000,), name="Bình")
    unused = ProductTypeFactory(name="Lụa", slug="lua")
    variables = {"id": to_id("ProductType", unused.pk)}
    only_allowed(outsiders, PermissionEnum.MANAGE_CHANNELS, TYPE_DELETE, variables, "productTypeDelete")
    assert ProductType.objects.filter(pk=unused.pk).exists()
    client = staff(PermissionEnum.MANAGE_PRODUCTS)
    errors = data(client.graphql(TYPE_DELETE, {"id": to_id("ProductType", used.pk)}))["productTypeDelete"][
        "errors"
    ]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "IN_USE")]
    assert "1 products use this product type" in errors[0]["message"]
    result = data(client.graphql(TYPE_DELETE, variables))["productTypeDelete"]
    assert result == {"productType": {"id": variables["id"], "name": "Lụa"}, "errors": []}
    again = data(client.graphql(TYPE_DELETE, variables))["productTypeDelete"]["errors"]
    assert [(e["field"], e["code"]) for e in again] == [("id", "NOT_FOUND")]


def test_attribute_value_update_and_delete(outsiders):
    from marketplace.catalog.models import Attribute, AttributeInputType

    glaze = Attribute.objects.create(name="Men", slug="men", input_type=AttributeInputType.DROPDOWN)
    blue = AttributeValue.objects.create(attribute=glaze, name="Men lam", slug="men-lam")
    AttributeValue.objects.create(attribute=glaze, name="Men rạn", slug="men-ran")
    note = Attribute.objects.create(name="Ghi chú", slug="ghi-chu", input_type=AttributeInputType.PLAIN_TEXT)
    text = AttributeValue.objects.create(attribute=note, name="Tự do", slug="tu-do")
    product = listed_product(prices=(100_000,), name="Bình")
    AssignedProductAttributeValue.objects.create(product=product, value=blue)
    blue_id = to_id("AttributeValue", blue.pk)
    only_allowed(
        outsiders,
        PermissionEnum.MANAGE_CHANNELS,
        VALUE_UPDATE,
        {"id": blue_id, "name": "X"},
        "attributeValueUpdate",
    )
    only_allowed(
        outsiders, PermissionEnum.MANAGE_CHANNELS, VALUE_DELETE, {"id": blue_id}, "attributeValueDelete"
    )
    blue.refresh_from_db()
    assert blue.name == "Men lam"
    client = staff(PermissionEnum.MANAGE_PRODUCTS)
    clash = data(client.graphql(VALUE_UPDATE, {"id": blue_id, "name": "men rạn"}))["attributeValueUpdate"]
    assert [(e["field"], e["code"]) for e in clash["errors"]] == [("name", "UNIQUE")]
    for name in (None, "", "!!!"):
        errors = data(client.graphql(VALUE_UPDATE, {"id": blue_id, "name": name}))["attributeValueUpdate"][
            "errors"
        ]
        assert errors and errors[0]["field"] == "name", name
    errors = data(client.graphql(VALUE_UPDATE, {"id": to_id("AttributeValue", text.pk), "name": "A"}))[
        "attributeValueUpdate"
    ]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "INVALID")]
    result = data(client.graphql(VALUE_UPDATE, {"id": blue_id, "name": "Men lam cổ"}))["attributeValueUpdate"]
    assert result == {
        "attribute": {"slug": "men"},
        "attributeValue": {"id": blue_id, "name": "Men lam cổ", "slug": "men-lam-co"},
        "errors": [],
    }
    result = data(client.graphql(VALUE_DELETE, {"id": blue_id}))["attributeValueDelete"]
    assert result["errors"] == [] and result["attributeValue"] == {"id": blue_id, "name": "Men lam cổ"}
    assert not AssignedProductAttributeValue.objects.filter(product=product).exists()
    again = data(client.graphql(VALUE_DELETE, {"id": blue_id}))["attributeValueDelete"]["errors"]
    assert [(e["field"], e["code"]) for e in again] == [("id", "NOT_FOUND")]


# ---------------------------------------------------------------- background images


def test_category_update_background_image(outsiders, media_root):
    category = CategoryFactory(name="Gốm sứ", slug="gom-su")
    variables = {
        "id": to_id("Category", category.pk),
        "input": {"backgroundImageAlt": "Lò", "backgroundImage": None},
    }
    for _party, client in {**outsiders, "staff without it": staff(PermissionEnum.MANAGE_CHANNELS)}.items():
        refused(
            upload(client, CATEGORY_UPDATE, variables, "variables.input.backgroundImage", jpeg()),
            "categoryUpdate",
        )
    category.refresh_from_db()
    assert not category.background_image
    client = staff(PermissionEnum.MANAGE_PRODUCTS)
    fake = SimpleUploadedFile("x.jpg", b"GIF89a not really", content_type="image/jpeg")
    bad = upload(
        client,
        CATEGORY_UPDATE,
        {**variables, "input": {**variables["input"], "name": "Đổi"}},
        "variables.input.backgroundImage",
        fake,
    )
    errors = data(bad)["categoryUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("backgroundImage", "INVALID_FILE_TYPE")]
    category.refresh_from_db()
    assert category.name == "Gốm sứ"  # all or nothing
    good = data(upload(client, CATEGORY_UPDATE, variables, "variables.input.backgroundImage", jpeg()))[
        "categoryUpdate"
    ]
    assert good == {"category": {"name": "Gốm sứ", "backgroundImage": {"alt": "Lò"}}, "errors": []}
    category.refresh_from_db()
    stored = media_root / category.background_image.name
    assert stored.exists()
    removed = data(client.graphql(CATEGORY_UPDATE, variables))["categoryUpdate"]  # backgroundImage: null
    assert removed == {"category": {"name": "Gốm sứ", "backgroundImage": None}, "errors": []}
    assert not stored.exists()


CATEGORY_TEXTS = """mutation ($id: ID!, $input: CategoryInput!) { categoryUpdate(id: $id, input: $input) {
  category { name description seoTitle seoDescription } errors { field code message } } }"""
CATEGORY_READ = (
    """query ($slug: String!) { category(slug: $slug) { name description seoTitle seoDescription } }"""
)


def document(text: str) -> dict:
    return {
        "time": 1,
        "blocks": [{"id": "a1", "type": "paragraph", "data": {"text": text}}],
        "version": "2.28.0",
    }


def test_category_update_description_and_seo(outsiders):
    from marketplace.audit.models import AuditAction, AuditEvent
    from marketplace.catalog.models import Category

    category = CategoryFactory(name="Gốm sứ", slug="gom-su", seo_title="Cũ")
    target = to_id("Category", category.pk)
    given = {
        "description": json.dumps(document("Men lam <b>Bát Tràng</b>")),
        "seo": {"title": "Gốm", "description": "Lò"},
    }
    for _party, client in {**outsiders, "staff without it": staff(PermissionEnum.MANAGE_CHANNELS)}.items():
        refused(client.graphql(CATEGORY_TEXTS, {"id": target, "input": given}), "categoryUpdate")
    category.refresh_from_db()
    assert category.description is None and category.seo_title == "Cũ"

    client = staff(PermissionEnum.MANAGE_PRODUCTS)
    answer = data(client.graphql(CATEGORY_TEXTS, {"id": target, "input": given}))["categoryUpdate"]
    assert answer["errors"] == [] and answer["category"]["seoTitle"] == "Gốm"
    saved = json.loads(answer["category"]["description"])
    assert saved["blocks"][0]["data"]["text"] == "Men lam <b>Bát Tràng</b>"
    category.refresh_from_db()
    assert category.description_plaintext == "Men lam Bát Tràng" and category.seo_description == "Lò"
    # the storefront reads it at once (the read cache is told of the change)
    read = data(ApiClient().graphql(CATEGORY_READ, {"slug": "gom-su"}))["category"]
    assert read["seoTitle"] == "Gốm" and json.loads(read["description"]) == saved
    event = AuditEvent.objects.filter(action=AuditAction.CATEGORY_UPDATE).latest("pk")
    assert event.data["seo_title"] == "Gốm" and "description" in event.data

    # hostile or malformed input: a typed error, nothing written (all or nothing with the name)
    not_json = client.post_graphql(CATEGORY_TEXTS, {"id": target, "input": {"description": "{not json"}})
    assert not_json.status_code == 400  # the JSONString variable is refused before anything runs
    for bad, field, code in (
        ({"description": json.dumps({"blocks": "no"})}, "description", "INVALID"),
        ({"seo": {"title": "x" * 256}}, "seo_title", None),
        ({"seo": {"description": "x" * 501}}, "seo_description", None),
    ):
        errors = data(client.graphql(CATEGORY_TEXTS, {"id": target, "input": {**bad, "name": "Đổi tên"}}))[
            "categoryUpdate"
        ]["errors"]
        assert len(errors) == 1 and errors[0]["field"] in {field, "seoTitle", "seoDescription", "seo"}, errors
        assert code is None or errors[0]["code"] == code
    category.refresh_from_db()
    assert category.name == "Gốm sứ" and category.seo_title == "Gốm"
    script = json.dumps(document('<script>alert(1)</script><a href="javascript:x">ấn</a>'))
    cleaned = data(client.graphql(CATEGORY_TEXTS, {"id": target, "input": {"description": script}}))
    text = json.loads(cleaned["categoryUpdate"]["category"]["description"])["blocks"][0]["data"]["text"]
    assert "<script" not in text and "javascript:" not in text
    # null clears the description; leaving it out keeps it
    data(client.graphql(CATEGORY_TEXTS, {"id": target, "input": {"name": "Gốm"}}))
    assert Category.objects.get(pk=category.pk).description is not None
    cleared = data(client.graphql(CATEGORY_TEXTS, {"id": target, "input": {"description": None}}))
    assert cleared["categoryUpdate"]["category"]["description"] is None
    assert Category.objects.get(pk=category.pk).description_plaintext == ""


def test_collection_update_background_image(outsiders, media_root):
    from marketplace.curation.collections import collection_create

    curator = UserFactory(email="c2@langnghe.vn", is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    collection = collection_create(actor=curator, data={"name": "Tết"})
    variables = {
        "id": to_id("Collection", collection.pk),
        "input": {"backgroundImageAlt": "Đèn", "backgroundImage": None},
    }
    others = {k: v for k, v in outsiders.items() if k != "curator"}
    for _party, client in {**others, "staff without it": staff(PermissionEnum.MANAGE_PRODUCTS)}.items():
        refused(
            upload(client, COLLECTION_UPDATE, variables, "variables.input.backgroundImage", jpeg()),
            "collectionUpdate",
        )
    collection.refresh_from_db()
    assert not collection.background_image
    client = client_for(curator)
    huge = SimpleUploadedFile(
        "big.jpg", b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), content_type="image/jpeg"
    )
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps({"query": COLLECTION_UPDATE, "variables": variables}),
            "map": json.dumps({"0": ["variables.input.backgroundImage"]}),
            "0": huge,
        },
    )
    # under UPLOAD_REQUEST_MAX_BYTES (32 MB), over the 10 MB a file may have: a typed error
    assert response.status_code == 200
    errors = data(response.json())["collectionUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("backgroundImage", "FILE_TOO_LARGE")]
    collection.refresh_from_db()
    assert not collection.background_image
    good = data(upload(client, COLLECTION_UPDATE, variables, "variables.input.backgroundImage", jpeg()))
    assert good["collectionUpdate"] == {
        "collection": {"name": "Tết", "backgroundImage": {"alt": "Đèn"}},
        "errors": [],
    }
    removed = data(client.graphql(COLLECTION_UPDATE, variables))["collectionUpdate"]
    assert removed["collection"]["backgroundImage"] is None
    collection.refresh_from_db()
    assert not collection.background_image and collection.background_image_alt == ""
