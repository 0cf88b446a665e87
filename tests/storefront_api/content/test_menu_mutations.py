"""Menu and menu item writes: MANAGE_MENUS only, Saleor's error codes, nothing half-written."""

import pytest

from marketplace.content.models import MAX_MENU_DEPTH, Menu, MenuItem, MenuItemTranslation
from storefront_api.core.ids import to_id
from tests.conftest import data, error_codes

pytestmark = pytest.mark.django_db

MENU_CREATE = """mutation ($input: MenuCreateInput!) { menuCreate(input: $input) {
  menu { slug name items { name url category { slug } page { slug } } } errors { field code message } } }"""
MENU_UPDATE = """mutation ($id: ID!, $input: MenuInput!) { menuUpdate(id: $id, input: $input) {
  menu { slug name } errors { field code } } }"""
MENU_DELETE = """mutation ($id: ID!) { menuDelete(id: $id) { menu { slug } errors { field code } } }"""
ITEM_CREATE = """mutation ($input: MenuItemCreateInput!) { menuItemCreate(input: $input) {
  menuItem { name level url parent { name } category { slug } collection { slug } page { slug } } errors { field code message } } }"""
ITEM_UPDATE = """mutation ($id: ID!, $input: MenuItemInput!) { menuItemUpdate(id: $id, input: $input) {
  menuItem { name url category { slug } page { slug } } errors { field code } } }"""
ITEM_DELETE = (
    """mutation ($id: ID!) { menuItemDelete(id: $id) { menuItem { name } errors { field code } } }"""
)
ITEM_TRANSLATE = """mutation ($id: ID!, $lang: LanguageCodeEnum!, $name: String) {
  menuItemTranslate(id: $id, languageCode: $lang, input: {name: $name}) {
    menuItem { name translation(languageCode: $lang) { name } } errors { field code } } }"""

REFUSED = ("anonymous", "customer", "vendor member", "staff without the permission", "pages staff")


def errors(content, name):
    return [(e["field"], e["code"]) for e in data(content)[name]["errors"]]


def test_menu_create_matrix(parties, content):
    category = to_id("Category", content.category.pk)
    story = to_id("Page", content.story.pk)
    input = {
        "name": "Chân trang",
        "items": [{"name": "Gốm", "category": category}, {"name": "Bát Tràng", "page": story}],
    }
    for party in REFUSED:
        assert error_codes(parties[party].graphql(MENU_CREATE, {"input": input})) == ["PermissionDenied"], (
            party
        )
    assert not Menu.objects.filter(name="Chân trang").exists()
    result = data(parties["menus staff"].graphql(MENU_CREATE, {"input": input}))["menuCreate"]
    assert result == {
        "menu": {
            "slug": "chan-trang",
            "name": "Chân trang",
            "items": [
                {"name": "Gốm", "url": None, "category": {"slug": "gom-su"}, "page": None},
                {"name": "Bát Tràng", "url": None, "category": None, "page": {"slug": "lang-gom-bat-trang"}},
            ],
        },
        "errors": [],
    }


@pytest.mark.parametrize(
    ("input", "expected"),
    [
        ({"name": "A", "items": [{"name": "x"}]}, ("items", "NO_MENU_ITEM_PROVIDED")),
        (
            {"name": "A", "items": [{"name": "x", "url": "https://a.vn", "page": "UGFnZTox"}]},
            ("items", "TOO_MANY_MENU_ITEMS"),
        ),
        ({"name": "A", "items": [{"name": "x", "category": "UGFnZTox"}]}, ("items", "INVALID_MENU_ITEM")),
        ({"name": "A", "items": [{"name": "x", "url": "javascript:alert(1)"}]}, ("items", "INVALID")),
        ({"name": "A", "slug": "navbar"}, ("slug", "UNIQUE")),
        ({"name": " "}, ("name", "REQUIRED")),
        ({"name": "A", "items": [{"name": "x", "url": "https://a.vn"}] * 201}, ("items", "INVALID")),
    ],
)
def test_menu_create_errors_write_nothing(parties, content, input, expected):
    before = (Menu.objects.count(), MenuItem.objects.count())
    result = parties["menus staff"].graphql(MENU_CREATE, {"input": input})
    assert errors(result, "menuCreate") == [expected]
    assert (Menu.objects.count(), MenuItem.objects.count()) == before


def test_menu_update_and_delete_matrix(parties, content):
    menu_id = to_id("Menu", content.navbar.pk)
    for party in REFUSED:
        assert error_codes(parties[party].graphql(MENU_UPDATE, {"id": menu_id, "input": {"name": "X"}})) == [
            "PermissionDenied"
        ]
        assert error_codes(parties[party].graphql(MENU_DELETE, {"id": menu_id})) == ["PermissionDenied"]
    content.navbar.refresh_from_db()
    assert content.navbar.name == "Thanh điều hướng"
    client = parties["menus staff"]
    result = data(client.graphql(MENU_UPDATE, {"id": menu_id, "input": {"name": "Điều hướng"}}))["menuUpdate"]
    assert result == {"menu": {"slug": "navbar", "name": "Điều hướng"}, "errors": []}
    Menu.objects.create(name="Chân trang", slug="footer")
    assert errors(
        client.graphql(MENU_UPDATE, {"id": menu_id, "input": {"slug": "footer"}}), "menuUpdate"
    ) == [("slug", "UNIQUE")]
    assert data(client.graphql(MENU_DELETE, {"id": menu_id}))["menuDelete"] == {
        "menu": {"slug": "navbar"},
        "errors": [],
    }
    assert not MenuItem.objects.filter(menu_id=content.navbar.pk).exists()
    assert errors(client.graphql(MENU_DELETE, {"id": menu_id}), "menuDelete") == [("id", "NOT_FOUND")]


def test_menu_item_create_matrix_and_order(parties, content):
    menu_id = to_id("Menu", content.navbar.pk)
    top = MenuItem.objects.get(name="Gốm sứ")
    input = {
        "menu": menu_id,
        "parent": to_id("MenuItem", top.pk),
        "name": "Bình hoa",
        "collection": to_id("Collection", content.featured.pk),
    }
    for party in REFUSED:
        assert error_codes(parties[party].graphql(ITEM_CREATE, {"input": input})) == ["PermissionDenied"], (
            party
        )
    assert not MenuItem.objects.filter(name="Bình hoa").exists()
    result = data(parties["menus staff"].graphql(ITEM_CREATE, {"input": input}))["menuItemCreate"]
    assert result["errors"] == []
    assert result["menuItem"] == {
        "name": "Bình hoa",
        "level": 1,
        "url": None,
        "parent": {"name": "Gốm sứ"},
        "category": None,
        "collection": {"slug": "qua-tet"},
        "page": None,
    }
    assert list(top.children.values_list("name", flat=True)) == ["Câu chuyện", "Bình hoa"]  # appended last


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"url": "https://a.vn", "category": "category"}, (None, "TOO_MANY_MENU_ITEMS")),
        ({"page": "collection"}, ("page", "INVALID_MENU_ITEM")),
        ({"category": "Q2F0ZWdvcnk6OTk5OTk5"}, ("category", "NOT_FOUND")),
        ({"url": "ftp://a.vn/x"}, ("url", "INVALID")),
        ({"url": "https://a.vn/" + "x" * 300}, ("url", "INVALID")),
        ({"name": ""}, ("name", "REQUIRED")),
        ({"name": "x" * 129}, ("name", "INVALID")),
        ({"menu": "garbage"}, ("menu", "INVALID")),
        ({"menu": "TWVudTo5OTk5OTk="}, ("menu", "NOT_FOUND")),
        ({"parent": "other-menu"}, ("parent", "CANNOT_ASSIGN_NODE")),
        ({"parent": "deepest"}, ("parent", "CANNOT_ASSIGN_NODE")),
    ],
)
def test_menu_item_create_errors_write_nothing(parties, content, change, expected):
    other = Menu.objects.create(name="Chân trang", slug="footer")
    foreign = MenuItem.objects.create(menu=other, name="Khác", url="https://a.vn")
    deepest = MenuItem.objects.get(name="Bản nháp")
    assert deepest.level == MAX_MENU_DEPTH - 1
    replacements = {
        "category": to_id("Category", content.category.pk),
        "collection": to_id("Collection", content.featured.pk),
        "other-menu": to_id("MenuItem", foreign.pk),
        "deepest": to_id("MenuItem", deepest.pk),
    }
    input = {"menu": to_id("Menu", content.navbar.pk), "name": "Mới"}
    input.update({key: replacements.get(value, value) for key, value in change.items()})
    before = MenuItem.objects.count()
    result = parties["menus staff"].graphql(ITEM_CREATE, {"input": input})
    assert errors(result, "menuItemCreate") == [expected]
    assert MenuItem.objects.count() == before


def test_menu_item_update_delete_matrix(parties, content):
    item = MenuItem.objects.get(name="Hà Nội")
    item_id = to_id("MenuItem", item.pk)
    for party in REFUSED:
        assert error_codes(parties[party].graphql(ITEM_UPDATE, {"id": item_id, "input": {"name": "X"}})) == [
            "PermissionDenied"
        ]
        assert error_codes(parties[party].graphql(ITEM_DELETE, {"id": item_id})) == ["PermissionDenied"]
    item.refresh_from_db()
    assert (item.name, item.url) == ("Hà Nội", "https://hanoi.gov.vn/")
    client = parties["menus staff"]
    # Renaming keeps the link; giving a link replaces it (the URL goes).
    result = data(client.graphql(ITEM_UPDATE, {"id": item_id, "input": {"name": "Thủ đô"}}))["menuItemUpdate"]
    assert result["menuItem"] == {
        "name": "Thủ đô",
        "url": "https://hanoi.gov.vn/",
        "category": None,
        "page": None,
    }
    result = data(
        client.graphql(ITEM_UPDATE, {"id": item_id, "input": {"page": to_id("Page", content.story.pk)}})
    )
    assert result["menuItemUpdate"]["menuItem"] == {
        "name": "Thủ đô",
        "url": None,
        "category": None,
        "page": {"slug": "lang-gom-bat-trang"},
    }
    result = client.graphql(
        ITEM_UPDATE,
        {"id": item_id, "input": {"url": "https://a.vn", "page": to_id("Page", content.story.pk)}},
    )
    assert errors(result, "menuItemUpdate") == [(None, "TOO_MANY_MENU_ITEMS")]
    top = MenuItem.objects.get(name="Gốm sứ")
    data(client.graphql(ITEM_DELETE, {"id": to_id("MenuItem", top.pk)}))
    assert not MenuItem.objects.filter(name__in=["Gốm sứ", "Câu chuyện", "Bản nháp"]).exists()


def test_menu_item_translate_matrix(parties, content):
    item = MenuItem.objects.get(name="Quà Tết")
    item_id = to_id("MenuItem", item.pk)
    for party in REFUSED:
        result = parties[party].graphql(ITEM_TRANSLATE, {"id": item_id, "lang": "EN", "name": "Tet gifts"})
        assert error_codes(result) == ["PermissionDenied"], party
    assert not MenuItemTranslation.objects.filter(menu_item=item).exists()
    client = parties["menus staff"]
    result = data(client.graphql(ITEM_TRANSLATE, {"id": item_id, "lang": "EN", "name": "Tết gifts"}))[
        "menuItemTranslate"
    ]
    assert result == {"menuItem": {"name": "Quà Tết", "translation": {"name": "Tết gifts"}}, "errors": []}
    assert errors(
        client.graphql(ITEM_TRANSLATE, {"id": item_id, "lang": "VI", "name": "x"}), "menuItemTranslate"
    ) == [("languageCode", "INVALID")]
    assert errors(
        client.graphql(ITEM_TRANSLATE, {"id": item_id, "lang": "EN", "name": " "}), "menuItemTranslate"
    ) == [("name", "REQUIRED")]
    assert errors(
        client.graphql(ITEM_TRANSLATE, {"id": "garbage", "lang": "EN", "name": "x"}), "menuItemTranslate"
    ) == [("id", "INVALID")]
    assert MenuItemTranslation.objects.get(menu_item=item).name == "Tết gifts"
