"""The demo's storefront content: stories, the storefront's copy, navbar and footer menus,
English slugs and bestsellers; seeding twice changes nothing. (populatedb runs it last;
here it runs on just the categories and collections it links to, which is much faster.)"""

import pytest
from django.apps import apps

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    CategoryTranslation,
    CollectionTranslation,
    ProductTranslation,
)
from marketplace.content.models import Menu, MenuItem, Page
from marketplace.demo.content_data import MENUS, PAGES, MenuItemSeed
from marketplace.demo.content_seed import seed_storefront_content
from tests.conftest import data
from tests.factories import CategoryFactory, CollectionFactory, ProductFactory, published_collection

pytestmark = pytest.mark.django_db


def _linked(items: tuple[MenuItemSeed, ...], kind: str) -> set[str]:
    found = set()
    for item in items:
        if item.link and item.link[0] == kind:
            found.add(item.link[1])
        found |= _linked(item.children, kind)
    return found


@pytest.fixture
def catalogue(seeded_channels):
    for slug in set().union(*(_linked(items, "category") for _, items in MENUS.values())) | {"huong-tram"}:
        category = CategoryFactory(slug=slug, name=slug.replace("-", " "))
        CategoryTranslation.objects.create(category=category, language_code="en", name=f"{slug} en")
    for slug in set().union(*(_linked(items, "collection") for _, items in MENUS.values())):
        published_collection(slug=slug, name=slug)
    twin = CollectionFactory(slug="other")
    CollectionTranslation.objects.create(collection=twin, language_code="en", name="Tết gifts")
    first, second = CategoryFactory(slug="c-0"), CategoryFactory(slug="c-1")
    for category, rating in ((first, 4.9), (first, 4.5), (first, 3.0), (second, 3.0)):
        product = ProductFactory(rating=rating, category=category)
        ProductTranslation.objects.create(product=product, language_code="en", name="Blue vase")


def _counts():
    return {
        model._meta.label: model.objects.count()
        for label in ("content", "catalog")
        for model in apps.get_app_config(label).get_models()
    }


def test_seed_is_complete_and_idempotent(catalogue, api_client):
    seed_storefront_content()
    counts = _counts()
    item_ids = set(MenuItem.objects.values_list("pk", flat=True))
    seed_storefront_content()
    assert _counts() == counts
    assert set(MenuItem.objects.values_list("pk", flat=True)) == item_ids

    assert set(Page.objects.values_list("slug", flat=True)) == {seed.slug for seed in PAGES}
    assert not Page.objects.filter(translations__slug=None).exists()
    assert set(Menu.objects.values_list("slug", flat=True)) == {"navbar", "footer"}
    assert not MenuItem.objects.filter(translations__isnull=True).exists()
    # English slugs: from the English names, unique in English.
    english = list(ProductTranslation.objects.order_by("pk").values_list("slug", flat=True))
    assert english == ["blue-vase", "blue-vase-2", "blue-vase-3", "blue-vase-4"]
    assert CollectionTranslation.objects.get(collection__slug="other").slug == "tet-gifts"
    assert not CategoryTranslation.objects.filter(slug=None).exists()
    # Bestsellers: the two best-rated products of each category.
    flagged = AssignedProductAttributeValue.objects.filter(value__attribute__slug="bestseller")
    assert sorted(flagged.values_list("product__category__slug", "product__rating")) == [
        ("c-0", 4.5),
        ("c-0", 4.9),
        ("c-1", 3.0),
    ]


def test_the_storefront_reads_the_seeded_navbar_and_stories(catalogue, api_client):
    seed_storefront_content()
    query = """{ menu(slug: "navbar", channel: "default-channel") { items { name translation(languageCode: EN) { name }
      category { slug } collection { slug } page { slug translation(languageCode: EN) { slug } }
      children { name page { slug translation(languageCode: EN) { slug } } } } }
      page(slug: "bat-trang-pottery-village", slugLanguageCode: EN) { title
        assignedAttributes { attribute { slug } ... on AssignedPlainTextAttribute { value translation(languageCode: EN) }
          ... on AssignedSingleCategoryReferenceAttribute { category: value { slug } } } }
      home: page(slug: "storefront-homepage") { assignedAttribute(slug: "featured-collection") {
        ... on AssignedSingleCollectionReferenceAttribute { value { slug } } } } }"""
    result = data(api_client.graphql(query))
    items = result["menu"]["items"]
    assert items[0]["name"] == "Gốm sứ" and items[0]["translation"] == {"name": "Ceramics"}
    assert items[0]["category"] == {"slug": "gom-su"}
    stories = items[-1]
    assert stories["page"] == {
        "slug": "trung-tam-thiet-ke-sang-tao-ha-noi",
        "translation": {"slug": "hanoi-creative-design-centre"},
    }
    assert len(stories["children"]) == 5
    assert result["page"]["title"] == "Làng gốm Bát Tràng"
    assert result["page"]["assignedAttributes"][1] == {
        "attribute": {"slug": "danh-muc-lang-nghe"},
        "category": {"slug": "gom-su"},
    }
    assert (
        result["page"]["assignedAttributes"][0]["translation"]
        == "Blue and crackle glazes, and pottery classes."
    )
    assert result["home"]["assignedAttribute"] == {"value": {"slug": "qua-tang-tet"}}
