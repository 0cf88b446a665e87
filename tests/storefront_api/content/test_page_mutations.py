"""pageCreate/Update/Delete/Translate: MANAGE_PAGES only, typed errors, nothing half-written."""

import json

import pytest

from marketplace.catalog.models import AttributeValue
from marketplace.content.models import MenuItem, Page, PageTranslation
from storefront_api.core.ids import to_id
from tests.conftest import data, error_codes

pytestmark = pytest.mark.django_db

CREATE = """mutation ($input: PageCreateInput!) { pageCreate(input: $input) {
  page { slug title isPublished content seoTitle pageType { slug }
    assignedAttributes { attribute { slug } ... on AssignedPlainTextAttribute { text: value }
      ... on AssignedBooleanAttribute { flag: value } ... on AssignedNumericAttribute { number: value }
      ... on AssignedFileAttribute { file: value { url contentType } }
      ... on AssignedSingleCollectionReferenceAttribute { collection: value { slug } } } }
  errors { field code message } } }"""
UPDATE = """mutation ($id: ID!, $input: PageInput!) { pageUpdate(id: $id, input: $input) {
  page { slug title isPublished } errors { field code message } } }"""
DELETE = """mutation ($id: ID!) { pageDelete(id: $id) { page { id slug } errors { field code } } }"""
TRANSLATE = """mutation ($id: ID!, $input: PageTranslationInput!, $lang: LanguageCodeEnum!) {
  pageTranslate(id: $id, languageCode: $lang, input: $input) {
    page { slug } translation { title slug content language { code } } errors { field code message } } }"""

REFUSED = ("anonymous", "customer", "vendor member", "staff without the permission", "menus staff")


def errors(content, name):
    return [(e["field"], e["code"]) for e in data(content)[name]["errors"]]


def test_create_matrix(parties, content):
    page_type = to_id("PageType", content.story_type.pk)
    before = Page.objects.count()
    for party in REFUSED:
        response = parties[party].graphql(CREATE, {"input": {"pageType": page_type, "title": party}})
        assert error_codes(response) == ["PermissionDenied"], party
        assert response["data"]["pageCreate"] is None
    assert Page.objects.count() == before
    result = data(
        parties["pages staff"].graphql(
            CREATE,
            {
                "input": {
                    "pageType": page_type,
                    "title": "Làng lụa Vạn Phúc",
                    "isPublished": True,
                    "seo": {"title": "Vạn Phúc"},
                    "content": json.dumps(
                        {
                            "blocks": [
                                {
                                    "type": "paragraph",
                                    "data": {"text": "Lụa <script>alert(1)</script><b>tơ tằm</b>"},
                                }
                            ]
                        }
                    ),
                }
            },
        )
    )["pageCreate"]
    assert result["errors"] == []
    assert result["page"]["slug"] == "lang-lua-van-phuc"
    assert result["page"]["isPublished"] is True
    assert result["page"]["seoTitle"] == "Vạn Phúc"
    # Rich text is cleaned like every description: the script is gone, the bold kept.
    assert json.loads(result["page"]["content"])["blocks"][0]["data"]["text"] == "Lụa <b>tơ tằm</b>"


def test_create_with_typed_attributes(parties, content):
    links = content.homepage_type.attribute_pages.select_related("attribute")
    ids = {link.attribute.slug: to_id("Attribute", link.attribute.pk) for link in links}
    result = data(
        parties["pages staff"].graphql(
            CREATE,
            {
                "input": {
                    "pageType": to_id("PageType", content.homepage_type.pk),
                    "title": "Trang chủ kênh",
                    "slug": "storefront-homepage-default-channel",
                    "attributes": [
                        {"id": ids["hero-heading"], "plainText": "  Gốm <i>men lam</i> "},
                        {"id": ids["announcement-dismissible"], "boolean": False},
                        {"id": ids["featured-limit"], "numeric": "12"},
                        {
                            "id": ids["hero-image"],
                            "file": "https://cdn.langnghe.vn/a.jpg",
                            "contentType": "image/jpeg",
                        },
                        {
                            "id": ids["featured-collection"],
                            "reference": to_id("Collection", content.featured.pk),
                        },
                    ],
                }
            },
        )
    )["pageCreate"]
    assert result["errors"] == []
    assert result["page"]["slug"] == "storefront-homepage-default-channel"
    assert result["page"]["assignedAttributes"] == [
        {"attribute": {"slug": "hero-heading"}, "text": "Gốm men lam"},
        {"attribute": {"slug": "announcement-dismissible"}, "flag": False},
        {"attribute": {"slug": "featured-limit"}, "number": 12.0},
        {
            "attribute": {"slug": "hero-image"},
            "file": {"url": "https://cdn.langnghe.vn/a.jpg", "contentType": "image/jpeg"},
        },
        {"attribute": {"slug": "featured-collection"}, "collection": {"slug": "qua-tet"}},
        {"attribute": {"slug": "internal-note"}, "text": None},  # hidden from the public, not from staff
    ]


@pytest.mark.parametrize(
    ("attribute", "value", "expected"),
    [
        ("hero-heading", {"boolean": True}, ("attributes", "INVALID")),
        ("hero-heading", {"plainText": "<b></b>"}, ("attributes", "REQUIRED")),
        ("hero-heading", {"plainText": "x" * 5001}, ("attributes", "INVALID")),
        ("featured-limit", {"numeric": "NaN"}, ("attributes", "INVALID")),
        ("featured-limit", {"numeric": "1e400"}, ("attributes", "INVALID")),
        ("featured-limit", {"numeric": "mười"}, ("attributes", "INVALID")),
        ("hero-image", {"file": "javascript:alert(1)"}, ("attributes", "INVALID")),
        (
            "hero-image",
            {"file": "https://x.vn/a.jpg", "contentType": "text/html; x"},
            ("attributes", "INVALID"),
        ),
        ("featured-collection", {"reference": "UHJvZHVjdDox"}, ("attributes", "INVALID")),  # a Product ID
        ("featured-collection", {"reference": "Q29sbGVjdGlvbjo5OTk5OTk="}, ("attributes", "NOT_FOUND")),
        ("featured-collection", {"reference": "garbage"}, ("attributes", "INVALID")),
    ],
)
def test_bad_attribute_values_write_nothing(parties, content, attribute, value, expected):
    link = content.homepage_type.attribute_pages.get(attribute__slug=attribute)
    before = (Page.objects.count(), AttributeValue.objects.count())
    result = data(
        parties["pages staff"].graphql(
            CREATE,
            {
                "input": {
                    "pageType": to_id("PageType", content.homepage_type.pk),
                    "title": "Hỏng",
                    "attributes": [{"id": to_id("Attribute", link.attribute.pk), **value}],
                }
            },
        )
    )["pageCreate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [expected]
    assert result["page"] is None
    assert (Page.objects.count(), AttributeValue.objects.count()) == before


def test_attribute_of_another_type_and_duplicates_are_refused(parties, content):
    other = content.homepage_type.attribute_pages.first().attribute
    page_type = to_id("PageType", content.story_type.pk)
    attribute_id = to_id("Attribute", other.pk)
    result = parties["pages staff"].graphql(
        CREATE,
        {
            "input": {
                "pageType": page_type,
                "title": "A",
                "attributes": [{"id": attribute_id, "plainText": "x"}],
            }
        },
    )
    assert errors(result, "pageCreate") == [("attributes", "INVALID")]
    home = to_id("PageType", content.homepage_type.pk)
    twice = [{"id": attribute_id, "plainText": "a"}, {"id": attribute_id, "plainText": "b"}]
    result = parties["pages staff"].graphql(
        CREATE, {"input": {"pageType": home, "title": "B", "attributes": twice}}
    )
    assert errors(result, "pageCreate") == [("attributes", "DUPLICATED_INPUT_ITEM")]
    too_many = [{"id": attribute_id, "plainText": "a"}] * 51
    result = parties["pages staff"].graphql(
        CREATE, {"input": {"pageType": home, "title": "C", "attributes": too_many}}
    )
    assert errors(result, "pageCreate") == [("attributes", "INVALID")]


@pytest.mark.parametrize(
    ("input", "expected"),
    [
        ({"title": "  "}, ("title", "REQUIRED")),
        ({"title": "x" * 251}, ("title", "INVALID")),
        ({"title": "A", "slug": "lang-gom-bat-trang"}, ("slug", "UNIQUE")),
        ({"title": "A", "slug": "!!!"}, ("slug", "INVALID")),
        ({"title": "A", "content": '{"blocks": [{"type": "script", "data": {}}]}'}, ("content", "INVALID")),
        ({"title": "A", "content": '"just a string"'}, ("content", "INVALID")),
        ({"title": "A", "seo": {"description": "x" * 501}}, ("seoDescription", "INVALID")),
    ],
)
def test_create_validation(parties, content, input, expected):
    before = Page.objects.count()
    result = parties["pages staff"].graphql(
        CREATE, {"input": {"pageType": to_id("PageType", content.story_type.pk), **input}}
    )
    assert errors(result, "pageCreate") == [expected]
    assert Page.objects.count() == before


@pytest.mark.parametrize(
    ("page_type", "expected"),
    [("garbage", ("pageType", "INVALID")), (to_id("PageType", 999999), ("pageType", "NOT_FOUND"))],
)
def test_create_with_bad_page_type(parties, content, page_type, expected):
    result = parties["pages staff"].graphql(CREATE, {"input": {"pageType": page_type, "title": "A"}})
    assert errors(result, "pageCreate") == [expected]


def test_update_matrix_and_attribute_replacement(parties, content):
    page_id = to_id("Page", content.homepage.pk)
    for party in REFUSED:
        response = parties[party].graphql(
            UPDATE, {"id": page_id, "input": {"title": "Hacked", "isPublished": False}}
        )
        assert error_codes(response) == ["PermissionDenied"], party
    content.homepage.refresh_from_db()
    assert (content.homepage.title, content.homepage.is_published) == ("Trang chủ", True)

    heading = to_id("Attribute", content.heading.pk)
    result = data(
        parties["pages staff"].graphql(
            UPDATE,
            {
                "id": page_id,
                "input": {
                    "title": "Trang chủ mới",
                    "isPublished": False,
                    "attributes": [{"id": heading, "plainText": "Mới"}],
                },
            },
        )
    )["pageUpdate"]
    assert result == {
        "page": {"slug": "storefront-homepage", "title": "Trang chủ mới", "isPublished": False},
        "errors": [],
    }
    value = AttributeValue.objects.get(attribute=content.heading, page_assignments__page=content.homepage)
    assert value.plain_text == "Mới"
    assert value.translations.count() == 1  # updated in place: its English translation stays
    # Clearing the attribute deletes the page's own value; other attributes are untouched.
    data(
        parties["pages staff"].graphql(
            UPDATE, {"id": page_id, "input": {"attributes": [{"id": heading, "plainText": None}]}}
        )
    )
    assert not AttributeValue.objects.filter(pk=value.pk).exists()
    assert content.homepage.attribute_values.count() == 5


def test_update_unknown_and_malformed_ids(parties, content):
    for bad, code in (
        ("garbage", "INVALID"),
        (to_id("Page", 999999), "NOT_FOUND"),
        (to_id("Menu", 1), "INVALID"),
    ):
        result = parties["pages staff"].graphql(UPDATE, {"id": bad, "input": {"title": "X"}})
        assert errors(result, "pageUpdate") == [("id", code)]


def test_delete_matrix_removes_own_values_and_menu_items(parties, content):
    page_id = to_id("Page", content.homepage.pk)
    own_values = list(content.homepage.attribute_values.values_list("value_id", flat=True))
    MenuItem.objects.create(menu=content.navbar, name="Trang chủ", page=content.homepage, sort_order=9)
    for party in REFUSED:
        assert error_codes(parties[party].graphql(DELETE, {"id": page_id})) == ["PermissionDenied"], party
    assert Page.objects.filter(pk=content.homepage.pk).exists()
    result = data(parties["pages staff"].graphql(DELETE, {"id": page_id}))["pageDelete"]
    assert result == {"page": {"id": page_id, "slug": "storefront-homepage"}, "errors": []}
    assert not Page.objects.filter(pk=content.homepage.pk).exists()
    # The page's own values go; the shared boolean value stays for other pages.
    assert list(AttributeValue.objects.filter(pk__in=own_values).values_list("slug", flat=True)) == ["true"]
    assert not MenuItem.objects.filter(page_id=content.homepage.pk).exists()


def test_translate_matrix_and_slugs(parties, content):
    story = to_id("Page", content.story.pk)
    draft = to_id("Page", content.draft.pk)
    for party in REFUSED:
        response = parties[party].graphql(TRANSLATE, {"id": story, "lang": "EN", "input": {"slug": "x"}})
        assert error_codes(response) == ["PermissionDenied"], party
    assert PageTranslation.objects.get(page=content.story).slug == "bat-trang-pottery-village"
    client = parties["pages staff"]
    # Another English translation already has this slug: UNIQUE, nothing written.
    result = client.graphql(
        TRANSLATE,
        {"id": draft, "lang": "EN", "input": {"title": "Draft", "slug": "bat-trang-pottery-village"}},
    )
    assert errors(result, "pageTranslate") == [("slug", "UNIQUE")]
    assert not PageTranslation.objects.filter(page=content.draft).exists()
    # The same slug in another language is fine; Unicode slugs are allowed (as in Saleor).
    result = data(
        client.graphql(
            TRANSLATE,
            {"id": draft, "lang": "FR", "input": {"title": "Brouillon", "slug": "bat-trang-pottery-village"}},
        )
    )
    assert result["pageTranslate"]["translation"]["slug"] == "bat-trang-pottery-village"
    result = data(client.graphql(TRANSLATE, {"id": draft, "lang": "JA", "input": {"slug": "下書き"}}))
    assert result["pageTranslate"]["translation"]["slug"] == "下書き"
    # Content is cleaned; an empty slug clears it.
    result = data(
        client.graphql(
            TRANSLATE,
            {
                "id": story,
                "lang": "EN",
                "input": {
                    "slug": "",
                    "content": json.dumps(
                        {"blocks": [{"type": "paragraph", "data": {"text": "<a href='javascript:x'>Hi</a>"}}]}
                    ),
                },
            },
        )
    )["pageTranslate"]
    assert result["translation"]["slug"] is None
    assert (
        json.loads(result["translation"]["content"])["blocks"][0]["data"]["text"]
        == '<a rel="noopener noreferrer nofollow">Hi</a>'
    )


@pytest.mark.parametrize(
    ("lang", "input", "expected"),
    [
        ("VI", {"title": "Gốc"}, ("languageCode", "INVALID")),
        ("EN", {"slug": "có dấu cách"}, ("slug", "INVALID")),
        ("EN", {"slug": "a" * 256}, ("slug", "INVALID")),
        ("EN", {"title": "x" * 251}, ("title", "INVALID")),
        ("EN", {"content": '{"blocks": "no"}'}, ("content", "INVALID")),
    ],
)
def test_translate_validation(parties, content, lang, input, expected):
    result = parties["pages staff"].graphql(
        TRANSLATE, {"id": to_id("Page", content.draft.pk), "lang": lang, "input": input}
    )
    assert errors(result, "pageTranslate") == [expected]
    assert not PageTranslation.objects.filter(page=content.draft).exists()
