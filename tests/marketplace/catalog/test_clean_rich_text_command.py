"""``manage.py clean_rich_text`` brings descriptions stored before the rules up to them:
every kind of description is cleaned, the plain and search texts are recomputed, a stored
block that would be refused today is dropped, and a second run changes nothing."""

import io

import pytest
from django.core.management import call_command

from marketplace.catalog.models import (
    Category,
    CategoryTranslation,
    Collection,
    CollectionTranslation,
    Product,
    ProductTranslation,
)
from marketplace.catalog.search import update_product_search_documents
from marketplace.routes.models import TourismRoute, TourismRouteTranslation
from tests.conftest import ApiClient, data
from tests.factories import CategoryFactory, listed_product
from tests.richtext_cases import CLEANED, CLEANED_TEXT, HOSTILE, paragraph
from vendors.shops.models import Vendor
from vendors.shops.services import vendor_search_document

pytestmark = pytest.mark.django_db

RAW_HTML_BLOCK = {"type": "raw", "data": {"html": "<script>alert(1)</script>"}}
STORED = {**HOSTILE, "blocks": [*HOSTILE["blocks"], RAW_HTML_BLOCK]}  # the old code took anything
OLD_PLAINTEXT = " ".join(b["data"].get("text", "") for b in HOSTILE["blocks"])  # markup and all
DIRTY_TEXT = "<b>Gốm</b> <script>trommatkhau()</script>đẹp"
SEARCH = '{ products(first: 5, channel: "default-channel", search: "%s") { edges { node { slug } } } }'


def found(word: str) -> list[str]:
    edges = data(ApiClient().graphql(SEARCH % word))["products"]["edges"]
    return [e["node"]["slug"] for e in edges]


@pytest.fixture
def dirty(seeded_channels):
    """Descriptions as the code before the rules stored them (written past the services)."""
    category = CategoryFactory(slug="gom", description=STORED, description_plaintext=OLD_PLAINTEXT)
    CategoryTranslation.objects.create(category=category, language_code="en", description=STORED)
    product = listed_product(
        slug="binh", category=category, description=STORED, description_plaintext=OLD_PLAINTEXT
    )
    ProductTranslation.objects.create(product=product, language_code="en", description=STORED)
    update_product_search_documents([product.pk])
    collection = Collection.objects.create(slug="noi-bat", name="Nổi bật", description=STORED)
    CollectionTranslation.objects.create(collection=collection, language_code="en", description=STORED)
    Collection.objects.create(slug="hong", name="Hỏng", description=["not", "editorjs"])
    vendor = product.vendor
    Vendor.objects.filter(pk=vendor.pk).update(description=DIRTY_TEXT)
    vendor.refresh_from_db()
    Vendor.objects.filter(pk=vendor.pk).update(search_document=vendor_search_document(vendor))
    route = TourismRoute.objects.create(slug="tuyen", name="Tuyến", description=DIRTY_TEXT)
    TourismRouteTranslation.objects.create(route=route, language_code="en", description=DIRTY_TEXT)
    return product


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("clean_rich_text", *args, stdout=out)
    return out.getvalue()


def test_dry_run_counts_and_writes_nothing(dirty):
    output = run("--dry-run")
    assert output.splitlines() == [
        "products: 1 would change",
        "product translations: 1 would change",
        "categories: 1 would change",
        "category translations: 1 would change",
        "collections: 2 would change",
        "collection translations: 1 would change",
        "shops: 1 would change",
        "routes and route translations: 2 would change",
    ]
    assert Product.objects.get().description == STORED
    assert Vendor.objects.get().description == DIRTY_TEXT
    assert found("trommatkhau") == ["binh"]


def test_the_command_cleans_everything_once(dirty):
    assert found("trommatkhau") == ["binh"]  # the stale search text found the script's words
    output = run()
    assert "products: 1 changed" in output and "collections: 2 changed" in output

    product = Product.objects.get()
    assert (product.description, product.description_plaintext) == (CLEANED, CLEANED_TEXT)
    assert ProductTranslation.objects.get().description == CLEANED
    category = Category.objects.get()
    assert (category.description, category.description_plaintext) == (CLEANED, CLEANED_TEXT)
    assert CategoryTranslation.objects.get().description == CLEANED
    assert Collection.objects.get(slug="noi-bat").description == CLEANED
    assert Collection.objects.get(slug="hong").description is None
    assert CollectionTranslation.objects.get().description == CLEANED
    vendor = Vendor.objects.get(pk=product.vendor_id)
    assert vendor.description == "Gốm đẹp" and "trommatkhau" not in vendor.search_document
    assert TourismRoute.objects.get().description == "Gốm đẹp"
    assert TourismRouteTranslation.objects.get().description == "Gốm đẹp"
    for word in ("trommatkhau", "onerror", "script"):
        assert found(word) == [], word
    assert found("hoa sen ve tay") == ["binh"]

    again = run()
    assert all(line.endswith(": 0 changed") for line in again.splitlines()), again


def test_a_clean_catalogue_is_left_alone(seeded_channels):
    product = listed_product(slug="sach", description={"blocks": [paragraph("<b>Gốm</b>")]})
    Product.objects.filter(pk=product.pk).update(description_plaintext="Gốm")
    before = Product.objects.values("updated_at", "description").get()
    assert all(line.endswith(": 0 changed") for line in run().splitlines())
    assert Product.objects.values("updated_at", "description").get() == before
