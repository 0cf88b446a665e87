"""Pages over HTTP: who sees which page, translated slugs, typed attributes, filtering."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Attribute
from marketplace.content.models import Page, PageTranslation
from storefront_api.core.ids import to_id
from tests.conftest import data, error_codes
from tests.storefront_api.content.conftest import assign

pytestmark = pytest.mark.django_db

PAGE_BY_SLUG = """query ($slug: String!, $languageCode: LanguageCodeEnum!, $slugLanguageCode: LanguageCodeEnum) {
  page(slug: $slug, slugLanguageCode: $slugLanguageCode) {
    id slug title seoTitle seoDescription content isPublished pageType { slug name }
    translation(languageCode: $languageCode) { title seoTitle seoDescription content slug }
    slugEN: translation(languageCode: EN) { slug } slugPL: translation(languageCode: PL) { slug }
  } }"""

CONTENT_PAGES = """query ($channel: String!, $slugs: [String!]!, $languageCode: LanguageCodeEnum!) {
  pages(channel: $channel, where: { slug: { oneOf: $slugs } }, first: 20) {
    totalCount
    edges { node {
      slug isPublished pageType { slug }
      assignedAttributes {
        attribute { slug }
        ... on AssignedPlainTextAttribute { plainText: value plainTextTranslation: translation(languageCode: $languageCode) }
        ... on AssignedBooleanAttribute { boolean: value }
        ... on AssignedNumericAttribute { numeric: value }
        ... on AssignedSingleCollectionReferenceAttribute { collection: value { slug } }
        ... on AssignedFileAttribute { file: value { url contentType } }
      } } } } }"""


def test_published_page_by_slug_with_translation(api_client, content):
    result = data(api_client.graphql(PAGE_BY_SLUG, {"slug": "lang-gom-bat-trang", "languageCode": "EN"}))
    page = result["page"]
    assert page["id"] == to_id("Page", content.story.pk)
    assert page["title"] == "Làng gốm Bát Tràng"
    assert page["seoTitle"] == "Bát Tràng"
    assert page["isPublished"] is True
    assert page["pageType"] == {"slug": "cau-chuyen", "name": "Câu chuyện"}
    assert json.loads(page["content"]) == {
        "blocks": [{"type": "paragraph", "data": {"text": "Năm thế kỷ làm gốm."}}]
    }
    assert (
        json.loads(page["translation"]["content"])["blocks"][0]["data"]["text"]
        == "Five centuries of pottery."
    )
    assert page["translation"]["title"] == "Bat Trang pottery village"
    assert page["translation"]["slug"] == "bat-trang-pottery-village"
    assert page["slugEN"] == {"slug": "bat-trang-pottery-village"}
    assert page["slugPL"] is None


def test_translated_slug_lookup_has_no_fallback(api_client, content):
    by_english = data(
        api_client.graphql(
            PAGE_BY_SLUG,
            {"slug": "bat-trang-pottery-village", "slugLanguageCode": "EN", "languageCode": "EN"},
        )
    )
    assert by_english["page"]["slug"] == "lang-gom-bat-trang"
    # The primary slug is not an English slug, and an English slug is not a primary one.
    assert (
        data(
            api_client.graphql(
                PAGE_BY_SLUG, {"slug": "lang-gom-bat-trang", "slugLanguageCode": "EN", "languageCode": "EN"}
            )
        )["page"]
        is None
    )
    assert (
        data(api_client.graphql(PAGE_BY_SLUG, {"slug": "bat-trang-pottery-village", "languageCode": "EN"}))[
            "page"
        ]
        is None
    )
    # Vietnamese is the base language: its slug is the primary slug.
    assert (
        data(
            api_client.graphql(
                PAGE_BY_SLUG, {"slug": "lang-gom-bat-trang", "slugLanguageCode": "VI", "languageCode": "VI"}
            )
        )["page"]["slug"]
        == "lang-gom-bat-trang"
    )


@pytest.mark.parametrize("slug", ["ban-nhap", "sap-ra-mat"])
def test_drafts_and_scheduled_pages_are_invisible_to_the_public(parties, content, slug):
    for party in ("anonymous", "customer", "vendor member", "staff without the permission", "menus staff"):
        assert (
            data(parties[party].graphql(PAGE_BY_SLUG, {"slug": slug, "languageCode": "EN"}))["page"] is None
        )
    page = data(parties["pages staff"].graphql(PAGE_BY_SLUG, {"slug": slug, "languageCode": "EN"}))["page"]
    assert page["slug"] == slug


def test_scheduled_page_appears_when_its_time_comes(api_client, content):
    from django.utils import timezone

    Page.objects.filter(pk=content.scheduled.pk).update(published_at=timezone.now())
    assert data(api_client.graphql(PAGE_BY_SLUG, {"slug": "sap-ra-mat", "languageCode": "EN"}))["page"]


def test_pages_list_only_published_ones_for_the_public(parties, content):
    query = "{ pages(first: 10) { totalCount edges { node { slug } } } }"
    public = data(parties["anonymous"].graphql(query))["pages"]
    assert [e["node"]["slug"] for e in public["edges"]] == ["lang-gom-bat-trang", "storefront-homepage"]
    assert public["totalCount"] == 2
    staff = data(parties["pages staff"].graphql(query))["pages"]
    assert staff["totalCount"] == 4


def test_storefront_content_pages_with_typed_attributes(api_client, content):
    slugs = ["storefront-homepage-default-channel", "storefront-homepage", "storefront-chrome"]
    result = data(
        api_client.graphql(
            CONTENT_PAGES, {"channel": "default-channel", "slugs": slugs, "languageCode": "EN"}
        )
    )
    (edge,) = result["pages"]["edges"]
    node = edge["node"]
    assert node["pageType"] == {"slug": "storefront-homepage"}
    assert node["assignedAttributes"] == [
        {
            "attribute": {"slug": "hero-heading"},
            "plainText": "Tinh hoa làng nghề",
            "plainTextTranslation": "The best of the craft villages",
        },
        {"attribute": {"slug": "announcement-dismissible"}, "boolean": True},
        {"attribute": {"slug": "featured-limit"}, "numeric": 8.0},
        {
            "attribute": {"slug": "hero-image"},
            "file": {"url": "https://cdn.langnghe.vn/hero.webp", "contentType": "image/webp"},
        },
        {"attribute": {"slug": "featured-collection"}, "collection": {"slug": "qua-tet"}},
    ]


def test_hidden_attributes_are_for_staff_only(api_client, content, parties):
    query = """{ page(slug: "storefront-homepage") { assignedAttribute(slug: "internal-note") {
      attribute { slug } ... on AssignedPlainTextAttribute { value } }
      assignedAttributes(limit: 2) { attribute { slug } } } }"""
    public = data(api_client.graphql(query))["page"]
    assert public["assignedAttribute"] is None
    assert [a["attribute"]["slug"] for a in public["assignedAttributes"]] == [
        "hero-heading",
        "announcement-dismissible",
    ]
    staff = data(parties["staff without the permission"].graphql(query))["page"]
    assert staff["assignedAttribute"] == {"attribute": {"slug": "internal-note"}, "value": "chỉ nội bộ"}


def test_collection_reference_is_null_unless_published_in_the_channel(api_client, content):
    query = """query ($channel: String) { page(slug: "storefront-homepage", channel: $channel) {
      assignedAttribute(slug: "featured-collection") { ... on AssignedSingleCollectionReferenceAttribute { value { slug } } } } }"""
    assert data(api_client.graphql(query, {"channel": "default-channel"}))["page"]["assignedAttribute"] == {
        "value": {"slug": "qua-tet"}
    }
    # Not published in the showcase channel: no reference there.
    assert data(api_client.graphql(query, {"channel": "design-centre"}))["page"]["assignedAttribute"] == {
        "value": None
    }
    assert error_codes(api_client.graphql(query, {"channel": "no-such"})) == ["CHANNEL_NOT_FOUND"]


def test_pages_filter_where_search_and_sort(api_client, content, parties):
    def slugs(query, variables=None, client=api_client):
        return [e["node"]["slug"] for e in data(client.graphql(query, variables))["pages"]["edges"]]

    story_type = to_id("PageType", content.story_type.pk)
    assert slugs(
        "query ($t: ID!) { pages(first: 5, where: {pageType: {eq: $t}}) { edges { node { slug } } } }",
        {"t": story_type},
    ) == ["lang-gom-bat-trang"]
    assert slugs(
        "query ($t: ID!) { pages(first: 5, filter: {pageTypes: [$t]}) { edges { node { slug } } } }",
        {"t": story_type},
    ) == ["lang-gom-bat-trang"]
    assert slugs('{ pages(first: 5, search: "bat trang") { edges { node { slug } } } }') == [
        "lang-gom-bat-trang"
    ]
    assert slugs('{ pages(first: 5, search: "pottery") { edges { node { slug } } } }') == [
        "lang-gom-bat-trang"
    ]
    assert slugs(
        '{ pages(first: 5, where: {OR: [{slug: {eq: "storefront-homepage"}}, {slug: {eq: "ban-nhap"}}]}) { edges { node { slug } } } }'
    ) == ["storefront-homepage"]
    assert slugs(
        '{ pages(first: 5, where: {attributes: [{slug: "hero-heading", value: {name: {eq: "Tinh hoa làng nghề"}}}]}) { edges { node { slug } } } }'
    ) == ["storefront-homepage"]
    assert (
        slugs(
            '{ pages(first: 5, where: {attributes: [{slug: "announcement-dismissible", value: {boolean: false}}]}) { edges { node { slug } } } }'
        )
        == []
    )
    assert slugs(
        "{ pages(first: 5, sortBy: {field: TITLE, direction: DESC}) { edges { node { slug } } } }",
        client=parties["pages staff"],
    ) == ["storefront-homepage", "sap-ra-mat", "lang-gom-bat-trang", "ban-nhap"]
    both = api_client.graphql(
        '{ pages(first: 5, filter: {slugs: ["a"]}, where: {slug: {eq: "a"}}) { edges { node { slug } } } }'
    )
    assert error_codes(both) == ["INVALID_FILTER"]


def test_pages_paginate_with_keyset_cursors(parties, content):
    query = "query ($after: String) { pages(first: 3, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug } } } }"
    client = parties["pages staff"]
    first = data(client.graphql(query))["pages"]
    assert [e["node"]["slug"] for e in first["edges"]] == ["ban-nhap", "lang-gom-bat-trang", "sap-ra-mat"]
    assert first["pageInfo"]["hasNextPage"] is True
    second = data(client.graphql(query, {"after": first["pageInfo"]["endCursor"]}))["pages"]
    assert [e["node"]["slug"] for e in second["edges"]] == ["storefront-homepage"]
    assert second["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ('{ page(id: "garbage") { slug } }', "INVALID_ID"),
        ('{ page(id: "UHJvZHVjdDox") { slug } }', "INVALID_ID"),  # a Product ID
        ('{ page(id: "UGFnZTox", slug: "x") { slug } }', "GRAPHQL_ERROR"),
        ("{ page { slug } }", "GRAPHQL_ERROR"),
        ("{ pages(first: 101) { edges { node { slug } } } }", "PAGINATION_ERROR"),
        ('{ pages(first: 1, where: {ids: ["garbage"]}) { edges { node { slug } } } }', "INVALID_ID"),
        ('{ pages(first: 1, channel: "nope") { edges { node { slug } } } }', "CHANNEL_NOT_FOUND"),
    ],
)
def test_bad_page_arguments_are_typed_errors(api_client, content, query, code):
    assert error_codes(api_client.graphql(query)) == [code]


def test_unknown_page_is_null(api_client, content):
    assert data(api_client.graphql('{ page(slug: "khong-co") { slug } }'))["page"] is None
    assert data(api_client.graphql(f'{{ page(id: "{to_id("Page", 999999)}") {{ slug }} }}'))["page"] is None


def test_pages_cost_the_same_queries_for_1_and_many(api_client, content):
    query = """query ($languageCode: LanguageCodeEnum!) { pages(first: 100) { edges { node {
      slug title pageType { slug attributes { slug } } translation(languageCode: $languageCode) { title slug }
      assignedAttributes { attribute { slug translation(languageCode: $languageCode) { name } }
        ... on AssignedPlainTextAttribute { text: value translation(languageCode: $languageCode) }
        ... on AssignedSingleCollectionReferenceAttribute { collection: value { slug name } } } } } } }"""
    Page.objects.exclude(pk=content.homepage.pk).delete()
    featured = Attribute.objects.get(slug="featured-collection")
    with CaptureQueriesContext(connection) as one:
        assert len(data(api_client.graphql(query, {"languageCode": "EN"}))["pages"]["edges"]) == 1
    for index in range(12):
        page = Page.objects.create(
            page_type=content.homepage_type, title=f"Trang {index}", slug=f"trang-{index}", is_published=True
        )
        PageTranslation.objects.create(
            page=page, language_code="en", title=f"Page {index}", slug=f"page-{index}"
        )
        assign(page, content.heading, plain_text=f"Tiêu đề {index}", name=f"Tiêu đề {index}")
        assign(page, featured, reference_collection=content.featured, name="Quà Tết")
    with CaptureQueriesContext(connection) as many:
        assert len(data(api_client.graphql(query, {"languageCode": "EN"}))["pages"]["edges"]) == 13
    assert len(one) == len(many), (len(one), len(many))
