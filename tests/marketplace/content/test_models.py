"""The database refuses content that breaks the invariants, whatever code writes it."""

import pytest
from django.db import IntegrityError, transaction

from marketplace.catalog.models import Attribute, ProductTranslation
from marketplace.content.models import Menu, MenuItem, Page, PageTranslation, PageType
from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def menu():
    return Menu.objects.create(name="Thanh điều hướng", slug="navbar")


@pytest.mark.parametrize(
    "fields",
    [
        {"url": "https://a.vn", "category": "category"},
        {"category": "category", "page": "page"},
        {"level": 1},  # a top-level item at level 1
        {"parent": "parent", "level": 0},
        {"parent": "parent", "level": 3},  # deeper than the three levels
    ],
)
def test_menu_item_constraints(menu, fields):
    page = Page.objects.create(page_type=PageType.objects.create(name="T", slug="t"), title="P", slug="p")
    parent = MenuItem.objects.create(menu=menu, name="Cha", url="https://a.vn")
    values = {"category": CategoryFactory(), "page": page, "parent": parent}
    with pytest.raises(IntegrityError), transaction.atomic():
        MenuItem.objects.create(menu=menu, name="Lỗi", **{k: values.get(v, v) for k, v in fields.items()})


def test_translated_slugs_are_unique_per_language():
    first, second = ProductFactory(), ProductFactory()
    ProductTranslation.objects.create(product=first, language_code="en", slug="blue-vase")
    ProductTranslation.objects.create(
        product=second, language_code="fr", slug="blue-vase"
    )  # another language
    ProductTranslation.objects.create(product=second, language_code="en")  # untranslated slugs do not clash
    ProductTranslation.objects.create(product=first, language_code="ja")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductTranslation.objects.create(product=second, language_code="de", slug="x")
        ProductTranslation.objects.create(product=first, language_code="de", slug="x")
    page_type = PageType.objects.create(name="T", slug="t")
    a = Page.objects.create(page_type=page_type, title="A", slug="a")
    b = Page.objects.create(page_type=page_type, title="B", slug="b")
    PageTranslation.objects.create(page=a, language_code="en", slug="story")
    with pytest.raises(IntegrityError), transaction.atomic():
        PageTranslation.objects.create(page=b, language_code="en", slug="story")


def test_only_reference_attributes_name_an_entity_type():
    Attribute.objects.create(slug="ref", name="Ref", input_type="SINGLE_REFERENCE", entity_type="COLLECTION")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attribute.objects.create(slug="ref2", name="Ref", input_type="SINGLE_REFERENCE")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attribute.objects.create(slug="text", name="Text", input_type="PLAIN_TEXT", entity_type="CATEGORY")
