"""Menus over HTTP: the storefront's navbar query, visibility of what items link to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import CategoryTranslation, CollectionTranslation
from marketplace.content.models import Menu, MenuItem, MenuItemTranslation
from storefront_api.core.ids import to_id
from tests.conftest import data, error_codes

pytestmark = pytest.mark.django_db

ITEM = """fragment Item on MenuItem { id name level url translation(languageCode: $languageCode) { name }
  category { slug name translation(languageCode: $languageCode) { name slug } }
  collection { slug name translation(languageCode: $languageCode) { name slug } }
  page { slug title translation(languageCode: $languageCode) { title slug } } }"""
MENU = (
    ITEM
    + """
query ($slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!) {
  menu(slug: $slug, channel: $channel) { name slug items { ...Item children { ...Item children { ...Item } } } } }"""
)


def _menu(client, slug="navbar", channel="default-channel", language="EN"):
    return data(client.graphql(MENU, {"slug": slug, "channel": channel, "languageCode": language}))["menu"]


def test_navbar_with_three_levels_and_translations(api_client, content):
    CategoryTranslation.objects.create(
        category=content.category, language_code="en", name="Ceramics", slug="ceramics"
    )
    CollectionTranslation.objects.create(
        collection=content.featured, language_code="en", name="Tet gifts", slug="tet-gifts"
    )
    menu = _menu(api_client)
    assert menu["name"] == "Thanh điều hướng"
    top = menu["items"]
    assert [item["name"] for item in top] == ["Gốm sứ", "Quà Tết", "Nháp", "Hà Nội"]
    ceramics = top[0]
    assert ceramics["level"] == 0
    assert ceramics["translation"] == {"name": "Ceramics"}
    assert ceramics["category"] == {
        "slug": "gom-su",
        "name": "Gốm sứ",
        "translation": {"name": "Ceramics", "slug": "ceramics"},
    }
    (story,) = ceramics["children"]
    assert story["level"] == 1
    assert story["page"] == {
        "slug": "lang-gom-bat-trang",
        "title": "Làng gốm Bát Tràng",
        "translation": {"title": "Bat Trang pottery village", "slug": "bat-trang-pottery-village"},
    }
    assert story["translation"] is None  # not translated: the storefront falls back to the name
    (draft,) = story["children"]
    assert draft["level"] == 2
    assert draft["page"] is None  # an unpublished page is never shown through a menu
    assert top[1]["collection"] == {
        "slug": "qua-tet",
        "name": "Quà Tết",
        "translation": {"name": "Tet gifts", "slug": "tet-gifts"},
    }
    assert top[2]["collection"] is None  # not published in the channel
    assert top[3]["url"] == "https://hanoi.gov.vn/"
    assert top[3]["category"] is None


def test_menu_items_follow_the_channel(api_client, content):
    # The showcase channel does not list the gift collection.
    menu = _menu(api_client, channel="design-centre")
    assert menu["items"][1]["collection"] is None
    assert error_codes(
        api_client.graphql(MENU, {"slug": "navbar", "channel": "nope", "languageCode": "EN"})
    ) == ["CHANNEL_NOT_FOUND"]


def test_menu_managers_see_what_items_link_to(parties, content):
    menu = _menu(parties["menus staff"])
    assert menu["items"][2]["collection"] == {"slug": "bo-suu-tap-nhap", "name": "Nháp", "translation": None}
    pages = _menu(parties["pages staff"])
    assert pages["items"][0]["children"][0]["children"][0]["page"]["slug"] == "ban-nhap"


def test_menu_by_id_name_and_unknown(api_client, content):
    menu_id = to_id("Menu", content.navbar.pk)
    assert data(api_client.graphql(f'{{ menu(id: "{menu_id}") {{ slug }} }}'))["menu"] == {"slug": "navbar"}
    assert data(api_client.graphql('{ menu(name: "Thanh điều hướng") { slug } }'))["menu"] == {
        "slug": "navbar"
    }
    assert data(api_client.graphql('{ menu(slug: "footer") { slug } }'))["menu"] is None
    assert error_codes(api_client.graphql("{ menu { slug } }")) == ["GRAPHQL_ERROR"]
    assert error_codes(api_client.graphql('{ menu(slug: "a", name: "b") { slug } }')) == ["GRAPHQL_ERROR"]
    assert error_codes(api_client.graphql('{ menu(id: "garbage") { slug } }')) == ["INVALID_ID"]
    item = MenuItem.objects.get(name="Quà Tết")
    result = data(
        api_client.graphql(
            f'{{ menuItem(id: "{to_id("MenuItem", item.pk)}") {{ name menu {{ slug }} parent {{ name }} }} }}'
        )
    )
    assert result["menuItem"] == {"name": "Quà Tết", "menu": {"slug": "navbar"}, "parent": None}
    child = MenuItem.objects.get(name="Câu chuyện")
    result = data(
        api_client.graphql(f'{{ menuItem(id: "{to_id("MenuItem", child.pk)}") {{ parent {{ name }} }} }}')
    )
    assert result["menuItem"] == {"parent": {"name": "Gốm sứ"}}


def test_menus_list_filter_and_sort(api_client, content):
    Menu.objects.create(name="Chân trang", slug="footer")
    query = "query ($filter: MenuFilterInput, $sort: MenuSortingInput) { menus(first: 10, filter: $filter, sortBy: $sort) { totalCount edges { node { slug } } } }"

    def slugs(**variables):
        return [e["node"]["slug"] for e in data(api_client.graphql(query, variables))["menus"]["edges"]]

    assert slugs() == ["footer", "navbar"]
    assert slugs(filter={"slugs": ["navbar"]}) == ["navbar"]
    assert slugs(filter={"search": "foot"}) == ["footer"]
    assert slugs(sort={"field": "ITEMS_COUNT", "direction": "DESC"}) == ["navbar", "footer"]
    assert slugs(sort={"field": "NAME", "direction": "ASC"}) == [
        "footer",
        "navbar",
    ]  # "Chân trang" < "Thanh..."
    assert error_codes(api_client.graphql(query, {"filter": {"slugs": ["x"] * 101}})) == ["INVALID_FILTER"]


def test_menu_costs_the_same_queries_for_few_and_many_items(api_client, content):
    with CaptureQueriesContext(connection) as few:
        _menu(api_client)
    top = list(MenuItem.objects.filter(menu=content.navbar, parent=None))
    for index in range(10):
        parent = MenuItem.objects.create(
            menu=content.navbar, name=f"Mục {index}", category=content.category, sort_order=10 + index
        )
        MenuItemTranslation.objects.create(menu_item=parent, language_code="en", name=f"Item {index}")
        for child in range(3):
            node = MenuItem.objects.create(
                menu=content.navbar, parent=parent, level=1, name=f"Con {index}.{child}", page=content.story
            )
            MenuItem.objects.create(
                menu=content.navbar,
                parent=node,
                level=2,
                name=f"Cháu {index}.{child}",
                collection=content.featured,
            )
    with CaptureQueriesContext(connection) as many:
        menu = _menu(api_client)
    assert len(menu["items"]) == len(top) + 10
    assert len(few) == len(many), (len(few), len(many))


def test_what_menu_items_link_to_by_party(parties, content):
    """Unpublished collections and pages never show through a menu, except to the staff who
    manage them (MANAGE_MENUS for collections, MANAGE_PAGES for pages)."""
    for party, sees_collection, sees_draft in (
        ("anonymous", False, False),
        ("customer", False, False),
        ("vendor member", False, False),
        ("staff without the permission", False, False),
        ("menus staff", True, False),
        ("pages staff", False, True),
    ):
        menu = _menu(parties[party])
        assert (menu["items"][2]["collection"] is not None) == sees_collection, party
        assert (menu["items"][0]["children"][0]["children"][0]["page"] is not None) == sees_draft, party


def test_menus_list_costs_the_same_for_1_and_many(api_client, content):
    query = """{ menus(first: 100) { edges { node { slug items { name translation(languageCode: EN) { name }
      category { slug } collection { slug } page { slug } children { name page { slug } } } } } } }"""
    with CaptureQueriesContext(connection) as one:
        assert len(data(api_client.graphql(query))["menus"]["edges"]) == 1
    for index in range(8):
        menu = Menu.objects.create(name=f"Menu {index}", slug=f"menu-{index}")
        top = MenuItem.objects.create(menu=menu, name="Gốm", category=content.category)
        MenuItemTranslation.objects.create(menu_item=top, language_code="en", name="Ceramics")
        MenuItem.objects.create(menu=menu, parent=top, level=1, name="Bát Tràng", page=content.story)
        MenuItem.objects.create(menu=menu, name="Quà", collection=content.featured, sort_order=1)
    with CaptureQueriesContext(connection) as many:
        assert len(data(api_client.graphql(query))["menus"]["edges"]) == 9
    assert len(one) == len(many), (len(one), len(many))


def test_page_types(api_client, content):
    query = """query ($filter: PageTypeFilterInput) { pageTypes(first: 10, filter: $filter) {
      edges { node { slug name attributes { slug inputType entityType type } } } } }"""
    types = data(api_client.graphql(query))["pageTypes"]["edges"]
    assert [t["node"]["slug"] for t in types] == ["cau-chuyen", "storefront-homepage"]
    home = types[1]["node"]
    assert home["attributes"][4] == {
        "slug": "featured-collection",
        "inputType": "SINGLE_REFERENCE",
        "entityType": "COLLECTION",
        "type": "PAGE_TYPE",
    }
    assert [
        t["node"]["slug"]
        for t in data(api_client.graphql(query, {"filter": {"search": "storefront"}}))["pageTypes"]["edges"]
    ] == ["storefront-homepage"]
    one = data(
        api_client.graphql(f'{{ pageType(id: "{to_id("PageType", content.story_type.pk)}") {{ slug }} }}')
    )
    assert one["pageType"] == {"slug": "cau-chuyen"}
    assert error_codes(api_client.graphql('{ pageType(id: "UGFnZToxMjM=") { slug } }')) == ["INVALID_ID"]
