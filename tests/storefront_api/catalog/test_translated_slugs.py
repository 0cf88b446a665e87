"""Translated slugs (Saleor 3.21): ``translation { slug }``, ``slugLanguageCode`` lookups and
the translate mutations' ``slug``."""

import pytest

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import CategoryTranslation, CollectionTranslation, ProductTranslation
from storefront_api.core.ids import to_id
from tests.conftest import client_for, data, error_codes, grant
from tests.factories import channel

pytestmark = pytest.mark.django_db

LOOKUPS = """query ($slug: String!, $lang: LanguageCodeEnum) {
  product(slug: $slug, slugLanguageCode: $lang, channel: "default-channel") { slug translation(languageCode: EN) { name slug } }
  category(slug: $slug, slugLanguageCode: $lang) { slug translation(languageCode: EN) { slug } }
  collection(slug: $slug, slugLanguageCode: $lang, channel: "default-channel") { slug translation(languageCode: EN) { slug } } }"""

LOCALE_SLUGS = """{ product(slug: "binh-gom-men-lam", channel: "default-channel") {
  slugEN: translation(languageCode: EN) { slug } slugPL: translation(languageCode: PL) { slug }
  slugJA: translation(languageCode: JA) { slug } slugKO: translation(languageCode: KO) { slug }
  category { translation(languageCode: EN) { name slug } } } }"""

PRODUCT_TRANSLATE = """mutation ($id: ID!, $lang: LanguageCodeEnum!, $input: TranslationInput!) {
  productTranslate(id: $id, languageCode: $lang, input: $input) { translation { name slug } errors { field code } } }"""
COLLECTION_TRANSLATE = """mutation ($id: ID!, $input: TranslationInput!) {
  collectionTranslate(id: $id, languageCode: EN, input: $input) { translation { name slug } errors { field code } } }"""


@pytest.fixture
def english(catalogue):
    ProductTranslation.objects.filter(product=catalogue.vase).update(slug="blue-glazed-vase")
    CategoryTranslation.objects.filter(category=catalogue.root).update(slug="ceramics")
    CollectionTranslation.objects.filter(collection=catalogue.collection).update(slug="tet-gifts")
    return catalogue


def _lookup(client, slug, lang=None):
    return data(client.graphql(LOOKUPS, {"slug": slug, "lang": lang}))


def test_lookup_by_english_slugs(api_client, english):
    assert _lookup(api_client, "blue-glazed-vase", "EN")["product"] == {
        "slug": "binh-gom-men-lam",
        "translation": {"name": "Blue-glazed vase", "slug": "blue-glazed-vase"},
    }
    assert _lookup(api_client, "ceramics", "EN")["category"] == {
        "slug": "gom-su",
        "translation": {"slug": "ceramics"},
    }
    assert _lookup(api_client, "tet-gifts", "EN")["collection"] == {
        "slug": "qua-tet",
        "translation": {"slug": "tet-gifts"},
    }


def test_no_fallback_between_primary_and_translated_slugs(api_client, english):
    assert _lookup(api_client, "binh-gom-men-lam", "EN")["product"] is None
    assert _lookup(api_client, "blue-glazed-vase")["product"] is None
    assert _lookup(api_client, "blue-glazed-vase", "FR")["product"] is None
    assert _lookup(api_client, "gom-su", "EN")["category"] is None
    # Vietnamese is the base language: slugLanguageCode VI is the primary slug.
    assert _lookup(api_client, "binh-gom-men-lam", "VI")["product"]["slug"] == "binh-gom-men-lam"
    assert _lookup(api_client, "qua-tet", "VI")["collection"]["slug"] == "qua-tet"


def test_translated_lookup_keeps_visibility(api_client, english):
    english.vase.channel_listings.update(is_published=False)
    assert _lookup(api_client, "blue-glazed-vase", "EN")["product"] is None
    english.collection.channel_listings.update(is_published=False)
    assert _lookup(api_client, "tet-gifts", "EN")["collection"] is None


def test_locale_slug_aliases(api_client, english):
    product = data(api_client.graphql(LOCALE_SLUGS))["product"]
    assert product["slugEN"] == {"slug": "blue-glazed-vase"}
    assert product["slugPL"] is None and product["slugJA"] is None and product["slugKO"] is None
    assert product["category"]["translation"] is None  # the vase's category (Bình hoa) is not translated


@pytest.fixture
def editors(english, vendor_member):
    staff = User.objects.create_user("sp@langnghe.vn", "x", is_staff=True)
    grant(staff, PermissionEnum.MANAGE_PRODUCTS)
    curator = User.objects.create_user("curator@langnghe.vn", "x", is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    return {"products": client_for(staff), "curator": client_for(curator)}


def test_product_translate_slug(api_client, english, editors, customer_api_client):
    vase = to_id("Product", english.vase.pk)
    bowl = to_id("Product", english.bowl.pk)
    for client in (api_client, customer_api_client):
        content = client.graphql(
            PRODUCT_TRANSLATE, {"id": bowl, "lang": "EN", "input": {"slug": "rice-bowl"}}
        )
        assert error_codes(content) == ["PermissionDenied"]
    assert not ProductTranslation.objects.filter(product=english.bowl).exists()
    client = editors["products"]
    taken = data(
        client.graphql(
            PRODUCT_TRANSLATE,
            {"id": bowl, "lang": "EN", "input": {"name": "Bowl", "slug": "blue-glazed-vase"}},
        )
    )
    assert taken["productTranslate"]["errors"] == [{"field": "slug", "code": "UNIQUE"}]
    assert not ProductTranslation.objects.filter(product=english.bowl).exists()
    done = data(
        client.graphql(
            PRODUCT_TRANSLATE, {"id": bowl, "lang": "EN", "input": {"name": "Rice bowl", "slug": "rice-bowl"}}
        )
    )
    assert done["productTranslate"] == {
        "translation": {"name": "Rice bowl", "slug": "rice-bowl"},
        "errors": [],
    }
    assert _lookup(api_client, "rice-bowl", "EN")["product"]["slug"] == "bat-an-com"
    # Re-saving its own slug is no clash; the same slug in French is fine; bad slugs are INVALID.
    again = data(
        client.graphql(PRODUCT_TRANSLATE, {"id": bowl, "lang": "EN", "input": {"slug": "rice-bowl"}})
    )
    assert again["productTranslate"]["errors"] == []
    french = data(
        client.graphql(PRODUCT_TRANSLATE, {"id": vase, "lang": "FR", "input": {"slug": "rice-bowl"}})
    )
    assert french["productTranslate"]["translation"]["slug"] == "rice-bowl"
    for bad in ("two words", "a/b", "x" * 256, "<script>"):
        content = data(client.graphql(PRODUCT_TRANSLATE, {"id": bowl, "lang": "EN", "input": {"slug": bad}}))
        assert content["productTranslate"]["errors"] == [{"field": "slug", "code": "INVALID"}], bad
    assert ProductTranslation.objects.get(product=english.bowl, language_code="en").slug == "rice-bowl"
    cleared = data(client.graphql(PRODUCT_TRANSLATE, {"id": bowl, "lang": "EN", "input": {"slug": ""}}))
    assert cleared["productTranslate"]["translation"] == {"name": "Rice bowl", "slug": None}


def test_collection_translate_slug(english, editors):
    collection = to_id("Collection", english.collection.pk)
    # Only curators translate showcase collections; products staff may not.
    refused = editors["products"].graphql(COLLECTION_TRANSLATE, {"id": collection, "input": {"slug": "x"}})
    assert error_codes(refused) == ["PermissionDenied"]
    english.collection.channel_listings.all().delete()  # a showcase collection is listed only there
    english.collection.channel_listings.create(channel=channel("design-centre"), is_published=True)
    result = data(
        editors["curator"].graphql(
            COLLECTION_TRANSLATE, {"id": collection, "input": {"slug": "tet-presents"}}
        )
    )
    assert result["collectionTranslate"] == {
        "translation": {"name": "Tet gifts", "slug": "tet-presents"},
        "errors": [],
    }
