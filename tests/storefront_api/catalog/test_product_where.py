"""``where: ProductWhereInput`` over HTTP: Saleor's semantics, AND/OR, limits, visibility."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeValue,
    CategoryTranslation,
    Product,
    ProductChannelListing,
    ProductVariant,
)
from marketplace.inventory.models import Stock
from storefront_api.core.ids import to_id
from tests.conftest import data, error_codes
from tests.factories import CategoryFactory, ProductTypeFactory, listed_product, published_collection

pytestmark = pytest.mark.django_db

PRODUCTS = """query ($where: ProductWhereInput, $filter: ProductFilterInput, $search: String, $first: Int = 50, $after: String) {
  products(channel: "default-channel", first: $first, after: $after, where: $where, filter: $filter, search: $search) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { slug } } } }"""


@pytest.fixture
def shelf(seeded_channels):
    root = CategoryFactory(name="Gốm sứ", slug="gom-su")
    child = CategoryFactory(name="Bình hoa", slug="binh-hoa", parent=root, level=1)
    other = CategoryFactory(name="Lụa", slug="lua")
    vase_type = ProductTypeFactory(slug="binh")
    vase = listed_product(
        name="Bình men lam",
        slug="binh-men-lam",
        category=child,
        product_type=vase_type,
        prices=(350_000, 650_000),
    )
    bowl = listed_product(name="Bát cơm", slug="bat-com", category=root, prices=(45_000,), stock=0)
    scarf = listed_product(name="Khăn lụa", slug="khan-lua", category=None, prices=(500_000,))
    listed_product(name="Khăn nháp", slug="khan-nhap", category=other, published=False)
    preorder = listed_product(
        name="Tranh đặt trước", slug="tranh-dat-truoc", category=other, prices=(900_000,)
    )
    ProductVariant.objects.filter(product=preorder).update(is_preorder=True)
    ProductChannelListing.objects.filter(product=preorder).update(
        available_for_purchase_at=timezone.now() + timedelta(days=5)
    )

    material = Attribute.objects.create(slug="chat-lieu", name="Chất liệu")
    size = Attribute.objects.create(slug="kich-thuoc", name="Kích thước")
    flag = Attribute.objects.create(slug="bestseller", name="Bán chạy", input_type="BOOLEAN")
    weight = Attribute.objects.create(slug="can-nang", name="Cân nặng", input_type="NUMERIC")
    clay = AttributeValue.objects.create(attribute=material, slug="dat-set", name="Đất sét")
    silk = AttributeValue.objects.create(attribute=material, slug="to-tam", name="Tơ tằm")
    large = AttributeValue.objects.create(attribute=size, slug="lon", name="Lớn")
    yes = AttributeValue.objects.create(attribute=flag, slug="true", name="Có", boolean=True)
    heavy = AttributeValue.objects.create(
        attribute=weight, slug=f"product-{vase.pk}-{weight.pk}", name="2.5", numeric=2.5
    )
    AssignedProductAttributeValue.objects.create(product=vase, value=clay)
    AssignedProductAttributeValue.objects.create(product=vase, value=yes)
    AssignedProductAttributeValue.objects.create(product=vase, value=heavy)
    AssignedProductAttributeValue.objects.create(product=scarf, value=silk)
    AssignedVariantAttributeValue.objects.create(variant=vase.variants.order_by("sku").last(), value=large)
    collection = published_collection(bowl, name="Quà Tết", slug="qua-tet")
    draft_collection = published_collection(scarf, name="Nháp", slug="nhap")
    draft_collection.channel_listings.update(is_published=False)
    return {
        "root": root,
        "child": child,
        "vase": vase,
        "bowl": bowl,
        "scarf": scarf,
        "preorder": preorder,
        "collection": collection,
        "draft_collection": draft_collection,
        "vase_type": vase_type,
    }


def slugs(client, where=None, **variables):
    result = data(client.graphql(PRODUCTS, {"where": where, **variables}))["products"]
    found = [edge["node"]["slug"] for edge in result["edges"]]
    assert result["totalCount"] == len(found)
    return found


ALL = ["bat-com", "binh-men-lam", "khan-lua", "tranh-dat-truoc"]


def test_fields(api_client, shelf):
    ids = lambda *names: [to_id("Product", shelf[n].pk) for n in names]  # noqa: E731
    warehouse = to_id(
        "Warehouse", Stock.objects.filter(product_variant__product=shelf["vase"]).first().warehouse_id
    )
    cases = [
        ({"ids": ids("vase", "bowl")}, ["bat-com", "binh-men-lam"]),
        ({"name": {"eq": "Khăn lụa"}}, ["khan-lua"]),
        ({"name": {"oneOf": ["Khăn lụa", "Bát cơm"]}}, ["bat-com", "khan-lua"]),
        ({"slug": {"eq": "bat-com"}}, ["bat-com"]),
        (
            {"category": {"eq": to_id("Category", shelf["root"].pk)}},
            ["bat-com", "binh-men-lam"],
        ),  # with subcategories
        ({"category": {"oneOf": [to_id("Category", shelf["child"].pk)]}}, ["binh-men-lam"]),
        ({"collection": {"eq": to_id("Collection", shelf["collection"].pk)}}, ["bat-com"]),
        (
            {"collection": {"eq": to_id("Collection", shelf["draft_collection"].pk)}},
            [],
        ),  # unpublished: private
        ({"productType": {"eq": to_id("ProductType", shelf["vase_type"].pk)}}, ["binh-men-lam"]),
        ({"price": {"range": {"gte": 400000, "lte": 700000}}}, ["binh-men-lam", "khan-lua"]),
        ({"price": {"eq": 45000}}, ["bat-com"]),
        ({"price": {"oneOf": [350000, 900000]}}, ["binh-men-lam", "tranh-dat-truoc"]),
        ({"minimalPrice": {"range": {"lte": 400000}}}, ["bat-com", "binh-men-lam"]),
        ({"isAvailable": True}, ["bat-com", "binh-men-lam", "khan-lua"]),
        ({"isAvailable": False}, ["tranh-dat-truoc"]),
        ({"isPublished": True}, ALL),
        ({"isPublished": False}, []),  # the public never sees drafts
        ({"isVisibleInListing": True}, ALL),
        ({"hasCategory": False}, ["khan-lua"]),
        ({"hasCategory": True}, ["bat-com", "binh-men-lam", "tranh-dat-truoc"]),
        (
            {"availableFrom": (timezone.now() + timedelta(days=1)).isoformat()},
            ["bat-com", "binh-men-lam", "khan-lua"],
        ),
        ({"publishedFrom": timezone.now().isoformat()}, ALL),
        (
            {"attributes": [{"slug": "chat-lieu", "values": ["dat-set", "to-tam"]}]},
            ["binh-men-lam", "khan-lua"],
        ),
        ({"attributes": [{"slug": "kich-thuoc", "values": ["lon"]}]}, ["binh-men-lam"]),  # a variant's value
        (
            {
                "attributes": [
                    {"slug": "chat-lieu", "values": ["to-tam"]},
                    {"slug": "kich-thuoc", "values": ["lon"]},
                ]
            },
            [],
        ),
        ({"attributes": [{"slug": "khong-co", "values": ["lon"]}]}, []),
        ({"attributes": [{"slug": "bestseller", "boolean": True}]}, ["binh-men-lam"]),
        ({"attributes": [{"slug": "can-nang", "valuesRange": {"gte": 2, "lte": 3}}]}, ["binh-men-lam"]),
        ({"attributes": [{"slug": "bestseller", "value": {"boolean": True}}]}, ["binh-men-lam"]),
        ({"attributes": [{"value": {"slug": {"oneOf": ["to-tam"]}}}]}, ["khan-lua"]),
        ({"attributes": [{"slug": "chat-lieu", "value": {"name": {"eq": "Đất sét"}}}]}, ["binh-men-lam"]),
        ({"attributes": [{"slug": "can-nang", "value": {"numeric": {"range": {"gte": 3}}}}]}, []),
        ({"stockAvailability": "OUT_OF_STOCK"}, ["bat-com"]),
        ({"stockAvailability": "IN_STOCK"}, ["binh-men-lam", "khan-lua", "tranh-dat-truoc"]),
        ({"stocks": {"quantity": {"gte": 10, "lte": 10}}}, ["binh-men-lam", "khan-lua", "tranh-dat-truoc"]),
        ({"stocks": {"quantity": {"lte": 0}}}, ["bat-com"]),
        ({"stocks": {"warehouseIds": [warehouse]}}, ["binh-men-lam"]),
        ({"stocks": {"warehouseIds": [warehouse], "quantity": {"gte": 11}}}, []),
        ({"stocks": {}}, []),
        ({"giftCard": True}, []),
        ({"giftCard": False}, ALL),
        ({"hasPreorderedVariants": True}, ["tranh-dat-truoc"]),
        ({"hasPreorderedVariants": False}, ["bat-com", "binh-men-lam", "khan-lua"]),
        ({"updatedAt": {"range": {"gte": (timezone.now() - timedelta(hours=1)).isoformat()}}}, ALL),
        ({"updatedAt": {"range": {"lte": (timezone.now() - timedelta(hours=1)).isoformat()}}}, []),
    ]
    failures = []
    for where, expected in cases:
        found = slugs(api_client, where)
        if found != expected:
            failures.append((where, found, expected))
    assert failures == []


def test_and_or_trees(api_client, shelf):
    root = to_id("Category", shelf["root"].pk)
    # What the storefront sends for a category page with a price range and size facets.
    storefront = {
        "AND": [
            {"category": {"oneOf": [root]}},
            {"price": {"range": {"gte": 0, "lte": 700000}}},
            {
                "OR": [
                    {"attributes": [{"slug": "size", "values": ["lon"]}]},
                    {"attributes": [{"slug": "kich-thuoc", "values": ["lon"]}]},
                ]
            },
        ]
    }
    assert slugs(api_client, storefront) == ["binh-men-lam"]
    either = {"OR": [{"slug": {"eq": "bat-com"}}, {"hasCategory": False}]}
    assert slugs(api_client, either) == ["bat-com", "khan-lua"]
    nested = {"AND": [either, {"OR": [{"stockAvailability": "IN_STOCK"}, {"price": {"eq": 1}}]}]}
    assert slugs(api_client, nested) == ["khan-lua"]
    # Several fields in one object must all hold.
    assert slugs(api_client, {"category": {"eq": root}, "stockAvailability": "IN_STOCK"}) == ["binh-men-lam"]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({}, ALL),  # no condition
        ({"AND": []}, ALL),  # Saleor ignores an empty operator
        ({"OR": []}, ALL),
        ({"name": {}}, []),  # a condition with nothing to match matches nothing (Saleor)
        ({"name": None}, []),
        ({"isAvailable": None}, []),
        ({"price": {"range": {}}}, []),
        ({"ids": []}, []),
        ({"attributes": []}, []),
        ({"attributes": [{"slug": "chat-lieu", "values": []}]}, []),
        ({"price": {"range": {"gte": "1e400"}}}, []),  # clamped, not an error
        ({"price": {"range": {"lte": "1e400"}}}, ALL),
        ({"price": {"range": {"gte": "-5"}}}, ALL),
    ],
)
def test_empty_and_extreme_conditions(api_client, shelf, where, expected):
    assert slugs(api_client, where) == expected


def _deep(levels):
    where = {"slug": {"eq": "bat-com"}}
    for _ in range(levels):
        where = {"AND": [where]}
    return where


@pytest.mark.parametrize(
    ("where", "code"),
    [
        (
            {"AND": [{"slug": {"eq": "a"}}], "slug": {"eq": "a"}},
            "INVALID_FILTER",
        ),  # operator mixed with a field
        ({"AND": [{"slug": {"eq": "a"}}], "OR": [{"slug": {"eq": "a"}}]}, "INVALID_FILTER"),
        (_deep(6), "INVALID_FILTER"),
        ({"OR": [{"slug": {"eq": f"s{i}"}} for i in range(101)]}, "INVALID_FILTER"),
        (
            {"AND": [{"OR": [{"slug": {"eq": "a"}}] * 60}, {"OR": [{"slug": {"eq": "a"}}] * 60}]},
            "INVALID_FILTER",
        ),
        ({"slug": {"oneOf": [f"s{i}" for i in range(101)]}}, "INVALID_FILTER"),
        ({"attributes": [{"slug": f"a{i}", "values": ["x"]} for i in range(101)]}, "INVALID_FILTER"),
        ({"attributes": [{"slug": "a", "values": [f"v{i}" for i in range(101)]}]}, "INVALID_FILTER"),
        ({"ids": [to_id("Product", i) for i in range(1, 102)]}, "INVALID_ID"),
        ({"ids": ["garbage"]}, "INVALID_ID"),
        ({"category": {"eq": "UHJvZHVjdDox"}}, "INVALID_ID"),  # a Product ID where a Category is wanted
        ({"collection": {"oneOf": ["!!!"]}}, "INVALID_ID"),
        ({"stocks": {"warehouseIds": ["garbage"]}}, "INVALID_ID"),
        ({"price": {"eq": "NaN"}}, "INVALID_FILTER"),
        ({"minimalPrice": {"range": {"gte": "Infinity"}}}, "INVALID_FILTER"),
        ({"attributes": [{"slug": "a", "values": ["x"]}, {"value": {"boolean": True}}]}, "INVALID_FILTER"),
        ({"attributes": [{"values": ["x"]}]}, "INVALID_FILTER"),  # the deprecated fields need a slug
        ({"attributes": [{"slug": "a", "values": ["x"], "value": {"boolean": True}}]}, "INVALID_FILTER"),
        ({"attributes": [{"slug": "a", "value": {"boolean": True, "name": {"eq": "x"}}}]}, "INVALID_FILTER"),
        (
            {"attributes": [{"value": {"reference": {"referencedIds": {"containsAny": ["garbage"]}}}}]},
            "INVALID_ID",
        ),
    ],
)
def test_hostile_where_inputs_are_typed_errors(api_client, shelf, where, code):
    content = api_client.graphql(PRODUCTS, {"where": where})
    assert error_codes(content) == [code]
    assert content["data"]["products"] is None


def test_depth_and_size_limits_are_inclusive(api_client, shelf):
    assert slugs(api_client, _deep(5)) == ["bat-com"]
    assert slugs(api_client, {"OR": [{"slug": {"eq": "bat-com"}}] * 99}) == ["bat-com"]


def test_where_is_not_combined_with_filter_but_with_search(api_client, shelf):
    content = api_client.graphql(PRODUCTS, {"where": {"hasCategory": True}, "filter": {"search": "bat"}})
    assert error_codes(content) == ["INVALID_FILTER"]
    assert slugs(api_client, {"hasCategory": True}, search="khan") == []
    assert slugs(api_client, {"hasCategory": False}, search="khan") == ["khan-lua"]
    # An empty filter next to where is no filter at all (Saleor).
    assert slugs(api_client, {"hasCategory": False}, filter={}) == ["khan-lua"]


def test_where_never_reveals_hidden_products(api_client, vendor_api_client, vendor_member, shelf):
    draft = Product.objects.get(slug="khan-nhap")
    where = {"ids": [to_id("Product", draft.pk)]}
    assert slugs(api_client, where) == []
    assert slugs(api_client, {"isPublished": False}) == []
    # The shop's own members see their drafts, as with `filter`.
    own = listed_product(
        name="Nháp của tôi",
        slug="nhap-cua-toi",
        published=False,
        vendor=vendor_member.vendor_memberships.get().vendor,
    )
    assert slugs(vendor_api_client, {"isPublished": False}) == ["nhap-cua-toi"]
    assert slugs(vendor_api_client, {"ids": [to_id("Product", own.pk), to_id("Product", draft.pk)]}) == [
        "nhap-cua-toi"
    ]


def test_where_pages_with_keyset_cursors(api_client, shelf):
    first = data(api_client.graphql(PRODUCTS, {"where": {"hasCategory": True}, "first": 2}))["products"]
    assert [e["node"]["slug"] for e in first["edges"]] == ["bat-com", "binh-men-lam"]
    assert first["totalCount"] == 3
    after = first["pageInfo"]["endCursor"]
    second = data(api_client.graphql(PRODUCTS, {"where": {"hasCategory": True}, "first": 2, "after": after}))[
        "products"
    ]
    assert [e["node"]["slug"] for e in second["edges"]] == ["tranh-dat-truoc"]
    assert second["pageInfo"]["hasNextPage"] is False


def test_where_on_category_and_collection_products(api_client, shelf):
    query = """query ($slug: String!, $where: ProductWhereInput, $filter: ProductFilterInput) {
      category(slug: $slug) { products(first: 10, channel: "default-channel", where: $where, filter: $filter) { edges { node { slug } } } }
      collection(slug: "qua-tet", channel: "default-channel") { products(first: 10, where: $where) { edges { node { slug } } } } }"""
    result = data(api_client.graphql(query, {"slug": "gom-su", "where": {"stockAvailability": "IN_STOCK"}}))
    assert [e["node"]["slug"] for e in result["category"]["products"]["edges"]] == ["binh-men-lam"]
    assert result["collection"]["products"]["edges"] == []
    result = data(
        api_client.graphql(query, {"slug": "gom-su", "where": {"price": {"range": {"lte": 50000}}}})
    )
    assert [e["node"]["slug"] for e in result["category"]["products"]["edges"]] == ["bat-com"]
    assert [e["node"]["slug"] for e in result["collection"]["products"]["edges"]] == ["bat-com"]
    both = api_client.graphql(
        query, {"slug": "gom-su", "where": {"hasCategory": True}, "filter": {"search": "x"}}
    )
    assert error_codes(both) == ["INVALID_FILTER"]


def test_where_costs_the_same_queries_for_1_and_many(api_client, seeded_channels):
    category = CategoryFactory(parent=CategoryFactory())
    material = Attribute.objects.create(slug="chat-lieu", name="Chất liệu")
    clay = AttributeValue.objects.create(attribute=material, slug="dat-set", name="Đất sét")
    where = {
        "AND": [
            {"category": {"oneOf": [to_id("Category", category.parent_id)]}},
            {
                "OR": [
                    {"attributes": [{"slug": "chat-lieu", "values": ["dat-set"]}]},
                    {"price": {"range": {"gte": 1}}},
                ]
            },
            {"stockAvailability": "IN_STOCK", "isAvailable": True},
        ]
    }

    def grow(count):
        for index in range(count):
            product = listed_product(name=f"Bình {index}", category=category)
            AssignedProductAttributeValue.objects.create(product=product, value=clay)

    grow(1)
    with CaptureQueriesContext(connection) as one:
        assert len(slugs(api_client, {**where}, first=100)) == 1
    grow(30)
    with CaptureQueriesContext(connection) as many:
        assert len(slugs(api_client, {**where}, first=100)) == 31
    assert len(one) == len(many)


def test_where_with_sorting_and_search_rank(api_client, shelf):
    query = """query ($where: ProductWhereInput, $sortBy: ProductOrder, $search: String) {
      products(channel: "default-channel", first: 10, where: $where, sortBy: $sortBy, search: $search) { edges { node { slug } } } }"""

    def run(**variables):
        return [e["node"]["slug"] for e in data(api_client.graphql(query, variables))["products"]["edges"]]

    where = {"stockAvailability": "IN_STOCK"}
    assert run(where=where, sortBy={"field": "PRICE", "direction": "DESC"}) == [
        "tranh-dat-truoc",
        "khan-lua",
        "binh-men-lam",
    ]
    assert run(where=where, sortBy={"field": "PRICE", "direction": "ASC"}) == [
        "binh-men-lam",
        "khan-lua",
        "tranh-dat-truoc",
    ]
    assert run(where=where, search="khan lua", sortBy={"field": "RANK", "direction": "DESC"}) == ["khan-lua"]
    assert error_codes(
        api_client.graphql(query, {"where": where, "sortBy": {"field": "RANK", "direction": "DESC"}})
    ) == ["INVALID_SORT"]


def test_a_category_page_as_the_storefront_asks_for_it(api_client, shelf):
    """A category found by its English slug, its products filtered with where and sorted."""
    CategoryTranslation.objects.create(
        category=shelf["root"], language_code="en", name="Ceramics", slug="ceramics"
    )
    query = """query ($slug: String!, $slugLanguageCode: LanguageCodeEnum, $where: ProductWhereInput, $sortBy: ProductOrder) {
      category(slug: $slug, slugLanguageCode: $slugLanguageCode) { slug translation(languageCode: EN) { name slug }
        products(first: 12, channel: "default-channel", where: $where, sortBy: $sortBy) { totalCount
          edges { node { slug translation(languageCode: EN) { slug }
            bestseller: assignedAttribute(slug: "bestseller") { ... on AssignedBooleanAttribute { value } }
            productVariants(first: 50) { totalCount } } } } } }"""
    where = {
        "AND": [
            {"price": {"range": {"gte": 0, "lte": 700000}}},
            {"OR": [{"attributes": [{"slug": "kich-thuoc", "values": ["lon"]}]}]},
        ]
    }
    result = data(
        api_client.graphql(
            query,
            {
                "slug": "ceramics",
                "slugLanguageCode": "EN",
                "where": where,
                "sortBy": {"field": "PRICE", "direction": "ASC"},
            },
        )
    )["category"]
    assert result["translation"] == {"name": "Ceramics", "slug": "ceramics"}
    assert result["products"]["totalCount"] == 1
    node = result["products"]["edges"][0]["node"]
    assert node["slug"] == "binh-men-lam"
    assert node["productVariants"] == {"totalCount": 2}
    assert node["bestseller"] is None  # its type has no bestseller attribute
