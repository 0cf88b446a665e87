"""Product descriptions over HTTP: every writer (productCreate, productUpdate,
productTranslate) stores cleaned EditorJS, refuses malformed documents with INVALID on
``description`` and writes nothing then; search reads the cleaned text only."""

import json

import pytest

from marketplace.catalog.models import Product, ProductTranslation
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data
from tests.richtext_cases import CLEANED, CLEANED_TEXT, HOSTILE, MALFORMED, MALFORMED_IDS, STRIPPED_WORDS

pytestmark = pytest.mark.django_db

CREATE = """mutation ($input: ProductCreateInput!) { productCreate(input: $input) {
  product { slug description } errors { field code message } } }"""
UPDATE = """mutation ($id: ID!, $input: ProductInput!) { productUpdate(id: $id, input: $input) {
  product { description } errors { field code message } } }"""
TRANSLATE = """mutation ($id: ID!, $input: TranslationInput!) { productTranslate(id: $id, languageCode: EN,
  input: $input) { translation { description } errors { field code message } } }"""
READ = """query ($slug: String!) { product(slug: $slug, channel: "default-channel") {
  description translation(languageCode: EN) { description } } }"""
SEARCH = """query ($q: String!) { products(first: 5, channel: "default-channel", search: $q) {
  edges { node { slug } } } }"""


def found(search: str) -> list[str]:
    edges = data(ApiClient().graphql(SEARCH, {"q": search}))["products"]["edges"]
    return [e["node"]["slug"] for e in edges]


def test_product_create_stores_the_cleaned_document_and_its_text(world):
    created = data(
        client_for(world.owner).graphql(
            CREATE,
            {
                "input": {
                    "productType": to_id("ProductType", world.product_type.pk),
                    "name": "Bình hoa sen",
                    "slug": "binh-hoa-sen",
                    "description": json.dumps(HOSTILE),
                }
            },
        )
    )["productCreate"]
    assert created["errors"] == []
    assert json.loads(created["product"]["description"]) == CLEANED
    product = Product.objects.get(slug="binh-hoa-sen")
    assert (product.description, product.description_plaintext) == (CLEANED, CLEANED_TEXT)


def test_product_update_cleans_and_search_finds_the_text_not_the_markup(world):
    owner = client_for(world.owner)
    product_id = to_id("Product", world.product.pk)
    updated = data(owner.graphql(UPDATE, {"id": product_id, "input": {"description": json.dumps(HOSTILE)}}))
    assert updated["productUpdate"] == {"product": {"description": json.dumps(CLEANED)}, "errors": []}
    public = data(ApiClient().graphql(READ, {"slug": "binh-men-lam"}))["product"]
    assert json.loads(public["description"]) == CLEANED
    for text in ("ve tay", "hoa sen", "nung cui", "rạn"):
        assert found(text) == ["binh-men-lam"], text
    for word in STRIPPED_WORDS:
        assert found(word) == [], word


def test_product_translate_cleans_the_english_description(world):
    result = data(
        client_for(world.owner).graphql(
            TRANSLATE,
            {
                "id": to_id("Product", world.product.pk),
                "input": {"name": "Lotus vase", "description": json.dumps(HOSTILE)},
            },
        )
    )["productTranslate"]
    assert result == {"translation": {"description": json.dumps(CLEANED)}, "errors": []}
    assert ProductTranslation.objects.get(product=world.product, language_code="en").description == CLEANED
    public = data(ApiClient().graphql(READ, {"slug": "binh-men-lam"}))["product"]
    assert json.loads(public["translation"]["description"]) == CLEANED


def test_harmless_formatting_and_safe_links_survive_unchanged(world):
    document = {
        "blocks": [
            {
                "type": "paragraph",
                "data": {
                    "text": '<b>Men</b> <i>lam</i> <a href="https://langnghe.vn/bat-trang" '
                    'rel="noopener noreferrer nofollow">Bát Tràng</a>, <code class="inline-code">'
                    'A&amp;B</code><br>gọi <a href="tel:+84912345678" rel="noopener noreferrer nofollow">'
                    "0912 345 678</a>"
                },
            },
            {"type": "delimiter", "data": {}},
            {
                "type": "quote",
                "data": {"text": "Đất <s>sét</s> <strong>tốt</strong>", "caption": "Nghệ nhân"},
            },
            {
                "type": "table",
                "data": {"withHeadings": True, "content": [["<b>Cỡ</b>", "Giá"], ["Nhỏ", "90.000 ₫"]]},
            },
            {
                "type": "embed",
                "data": {
                    "service": "youtube",
                    "source": "https://www.youtube.com/watch?v=abc",
                    "embed": "https://www.youtube.com/embed/abc",
                    "width": 580,
                    "height": 320,
                    "caption": "",
                },
            },
        ]
    }
    owner = client_for(world.owner)
    updated = data(
        owner.graphql(
            UPDATE, {"id": to_id("Product", world.product.pk), "input": {"description": json.dumps(document)}}
        )
    )["productUpdate"]
    assert updated["errors"] == []
    assert json.loads(updated["product"]["description"]) == document
    world.product.refresh_from_db()
    assert world.product.description_plaintext == (
        "Men lam Bát Tràng, A&B gọi 0912 345 678 Đất sét tốt Nghệ nhân Cỡ Giá Nhỏ 90.000 ₫"
    )


@pytest.mark.parametrize(("document", "message"), MALFORMED, ids=MALFORMED_IDS)
def test_product_create_refuses_malformed_documents_and_creates_nothing(world, document, message):
    count = Product.objects.count()
    result = data(
        client_for(world.owner).graphql(
            CREATE,
            {
                "input": {
                    "productType": to_id("ProductType", world.product_type.pk),
                    "name": "Bình",
                    "description": document,
                }
            },
        )
    )["productCreate"]
    assert result["product"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("description", "INVALID")]
    assert message in result["errors"][0]["message"]
    assert Product.objects.count() == count


@pytest.mark.parametrize(("document", "message"), MALFORMED[:5], ids=MALFORMED_IDS[:5])
def test_product_update_and_translate_refuse_malformed_documents_and_change_nothing(world, document, message):
    owner = client_for(world.owner)
    product_id = to_id("Product", world.product.pk)
    before = Product.objects.values("name", "description", "description_plaintext").get(pk=world.product.pk)
    updated = data(
        owner.graphql(UPDATE, {"id": product_id, "input": {"name": "Khác", "description": document}})
    )
    assert [(e["field"], e["code"]) for e in updated["productUpdate"]["errors"]] == [
        ("description", "INVALID")
    ]
    translated = data(
        owner.graphql(TRANSLATE, {"id": product_id, "input": {"name": "Other", "description": document}})
    )
    assert [(e["field"], e["code"]) for e in translated["productTranslate"]["errors"]] == [
        ("description", "INVALID")
    ]
    assert (
        Product.objects.values("name", "description", "description_plaintext").get(pk=world.product.pk)
        == before
    )
    assert not ProductTranslation.objects.exists()


def test_clearing_a_description(world):
    owner = client_for(world.owner)
    product_id = to_id("Product", world.product.pk)
    data(owner.graphql(UPDATE, {"id": product_id, "input": {"description": json.dumps(HOSTILE)}}))
    cleared = data(owner.graphql(UPDATE, {"id": product_id, "input": {"description": None}}))["productUpdate"]
    assert cleared == {"product": {"description": None}, "errors": []}
    world.product.refresh_from_db()
    assert (world.product.description, world.product.description_plaintext) == (None, "")
    assert found("hoa sen") == []
