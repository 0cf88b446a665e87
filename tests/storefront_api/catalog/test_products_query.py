"""The products query: visibility, pagination, filters, sorting and bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.catalog.models import ProductChannelListing, ProductVariantChannelListing
from marketplace.catalog.pricing import update_products_discounted_prices
from marketplace.inventory.models import Stock
from storefront_api.core.ids import to_id
from tests.conftest import data, error_codes
from tests.factories import (
    CategoryFactory,
    CraftVillageFactory,
    VendorFactory,
    listed_product,
    published_collection,
)
from vendors.shops.models import VendorStatus

pytestmark = pytest.mark.django_db

PRODUCTS = """
query ($channel: String, $first: Int, $last: Int, $after: String, $before: String,
       $filter: ProductFilterInput, $sortBy: ProductOrder, $search: String) {
  products(channel: $channel, first: $first, last: $last, after: $after, before: $before,
           filter: $filter, sortBy: $sortBy, search: $search) {
    totalCount
    edges { cursor node { slug name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


def slugs(content):
    return [edge["node"]["slug"] for edge in data(content)["products"]["edges"]]


def query(api_client, **variables):
    variables.setdefault("channel", "default-channel")
    variables.setdefault("first", 20)
    return api_client.graphql(PRODUCTS, variables)


# ---------------------------------------------------------------- visibility


def test_only_published_products_of_active_vendors_listed_in_the_channel_are_visible(
    api_client, seeded_channels
):
    listed_product(slug="visible")
    listed_product(slug="unpublished", published=False)
    listed_product(slug="other-channel", channel_slug="design-centre")
    listed_product(slug="pending-vendor", vendor=VendorFactory(status=VendorStatus.PENDING))
    listed_product(slug="suspended-vendor", vendor=VendorFactory(status=VendorStatus.SUSPENDED))
    listed_product(slug="hidden-in-listings", visible_in_listings=False)
    scheduled = listed_product(slug="scheduled")
    ProductChannelListing.objects.filter(product=scheduled).update(
        published_at=timezone.now() + timedelta(days=1)
    )
    unpriced = listed_product(slug="unpriced")
    ProductVariantChannelListing.objects.filter(variant__product=unpriced).delete()
    update_products_discounted_prices([unpriced.pk])  # as every service changing prices does

    assert slugs(query(api_client)) == ["visible"]
    assert slugs(query(api_client, channel="design-centre")) == ["other-channel"]


def test_a_product_published_in_the_past_is_visible(api_client, seeded_channels):
    product = listed_product(slug="past")
    ProductChannelListing.objects.filter(product=product).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert slugs(query(api_client)) == ["past"]


def test_suspending_a_vendor_hides_its_products_at_once(api_client, seeded_channels):
    product = listed_product(slug="soon-hidden")
    assert slugs(query(api_client)) == ["soon-hidden"]
    product.vendor.status = VendorStatus.SUSPENDED
    product.vendor.save()
    assert slugs(query(api_client)) == []


def test_unknown_channel_is_an_error_not_another_channels_data(api_client, seeded_channels):
    listed_product(slug="visible")
    content = query(api_client, channel="no-such-channel")
    assert content["data"]["products"] is None
    assert error_codes(content) == ["CHANNEL_NOT_FOUND"]


def test_default_channel_is_used_when_none_is_given(api_client, seeded_channels):
    listed_product(slug="visible")
    listed_product(slug="showcase-only", channel_slug="design-centre")
    content = api_client.graphql("{ products(first: 5) { edges { node { slug channel } } } }")
    assert [e["node"] for e in data(content)["products"]["edges"]] == [
        {"slug": "visible", "channel": "default-channel"}
    ]


# ---------------------------------------------------------------- pagination


@pytest.fixture
def five_products(seeded_channels):
    return [listed_product(slug=f"p{i}", name=f"Sản phẩm {i}") for i in range(5)]


def test_forward_pagination_walks_every_product_once(api_client, five_products):
    seen, after = [], None
    while True:
        content = query(api_client, first=2, after=after)
        page = data(content)["products"]
        seen += slugs(content)
        assert page["totalCount"] == 5
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["p0", "p1", "p2", "p3", "p4"]


def test_backward_pagination_with_last_and_before(api_client, five_products):
    content = query(api_client, first=None, last=2)
    page = data(content)["products"]
    assert slugs(content) == ["p3", "p4"]
    assert page["pageInfo"]["hasPreviousPage"] is True
    content = query(api_client, first=None, last=2, before=page["pageInfo"]["startCursor"])
    assert slugs(content) == ["p1", "p2"]


def test_cursor_of_an_edge_continues_after_it(api_client, five_products):
    content = query(api_client, first=5)
    cursor = data(content)["products"]["edges"][1]["cursor"]
    assert slugs(query(api_client, first=2, after=cursor)) == ["p2", "p3"]


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"first": 1000}, "PAGINATION_ERROR"),
        ({"first": 101}, "PAGINATION_ERROR"),
        ({"first": -1}, "PAGINATION_ERROR"),
        ({"first": 2, "last": 2}, "PAGINATION_ERROR"),
        ({"first": None}, "PAGINATION_ERROR"),
        ({"after": "not-a-cursor"}, "INVALID_CURSOR"),
        ({"after": "WzFd"}, "INVALID_CURSOR"),  # base64 of [1]: wrong length
        ({"after": "WyJ4IiwgIngiLCAieCJd"}, "INVALID_CURSOR"),  # ["x","x","x"]
        ({"after": "eyJhIjogMX0="}, "INVALID_CURSOR"),  # {"a": 1}
    ],
)
def test_bad_pagination_arguments_are_clear_errors(api_client, five_products, variables, code):
    content = query(api_client, **variables)
    assert content["data"]["products"] is None
    assert error_codes(content) == [code]


def test_first_100_is_allowed(api_client, five_products):
    assert len(slugs(query(api_client, first=100))) == 5


def test_first_zero_returns_an_empty_page_with_the_count(api_client, five_products):
    content = query(api_client, first=0)
    assert data(content)["products"]["edges"] == []
    assert data(content)["products"]["totalCount"] == 5


# ---------------------------------------------------------------- sorting


def test_sort_by_price_both_directions_and_paging_keeps_order(api_client, seeded_channels):
    for slug, price in [("mid", 200_000), ("cheap", 50_000), ("dear", 900_000), ("also-mid", 200_000)]:
        listed_product(slug=slug, prices=(price, price + 10_000))
    ascending = slugs(query(api_client, sortBy={"field": "PRICE", "direction": "ASC"}))
    assert ascending[0] == "cheap" and ascending[-1] == "dear"
    assert set(ascending[1:3]) == {"mid", "also-mid"}
    descending = slugs(query(api_client, sortBy={"field": "PRICE", "direction": "DESC"}))
    assert descending == list(reversed(ascending))
    first = query(api_client, first=2, sortBy={"field": "PRICE", "direction": "ASC"})
    after = data(first)["products"]["pageInfo"]["endCursor"]
    rest = query(api_client, first=2, after=after, sortBy={"field": "PRICE", "direction": "ASC"})
    assert slugs(first) + slugs(rest) == ascending


def test_sort_by_name_created_and_modified(api_client, seeded_channels):
    listed_product(slug="b", name="Bình")
    listed_product(slug="a", name="Ấm")
    listed_product(slug="c", name="Chén")
    assert slugs(query(api_client, sortBy={"field": "NAME", "direction": "DESC"})) == ["c", "b", "a"]
    assert slugs(query(api_client, sortBy={"field": "CREATED_AT", "direction": "ASC"})) == ["b", "a", "c"]
    assert slugs(query(api_client, sortBy={"field": "LAST_MODIFIED_AT", "direction": "DESC"})) == [
        "c",
        "a",
        "b",
    ]


def test_rank_without_search_and_unknown_sort_field_are_errors(api_client, seeded_channels):
    listed_product(slug="x")
    content = query(api_client, sortBy={"field": "RANK", "direction": "DESC"})
    assert error_codes(content) == ["INVALID_SORT"]
    content = query(api_client, sortBy={"field": "COLLECTION", "direction": "ASC"})
    assert error_codes(content) == ["INVALID_SORT"]
    response = api_client.post_graphql(
        PRODUCTS,
        {"channel": "default-channel", "first": 5, "sortBy": {"field": "POPULARITY", "direction": "ASC"}},
    )
    assert response.status_code == 400
    assert "POPULARITY" in response.json()["errors"][0]["message"]


# ---------------------------------------------------------------- filters


def test_filter_by_category_includes_subcategories(api_client, seeded_channels):
    ceramics = CategoryFactory(slug="gom-su")
    vases = CategoryFactory(slug="binh-hoa", parent=ceramics, level=1)
    silk = CategoryFactory(slug="lua")
    listed_product(slug="vase", category=vases)
    listed_product(slug="bowl", category=ceramics)
    listed_product(slug="scarf", category=silk)
    content = query(api_client, filter={"categories": [to_id("Category", ceramics.pk)]})
    assert sorted(slugs(content)) == ["bowl", "vase"]


def test_filter_by_collection_price_and_stock(api_client, seeded_channels):
    cheap = listed_product(slug="cheap", prices=(40_000,))
    listed_product(slug="dear", prices=(4_000_000,))
    empty = listed_product(slug="empty", prices=(300_000,), stock=0)
    collection = published_collection(cheap, empty)
    content = query(api_client, filter={"collections": [to_id("Collection", collection.pk)]})
    assert sorted(slugs(content)) == ["cheap", "empty"]
    content = query(api_client, filter={"price": {"gte": 100_000, "lte": 1_000_000}})
    assert slugs(content) == ["empty"]
    content = query(api_client, filter={"stockAvailability": "IN_STOCK"})
    assert sorted(slugs(content)) == ["cheap", "dear"]
    content = query(api_client, filter={"stockAvailability": "OUT_OF_STOCK"})
    assert slugs(content) == ["empty"]
    Stock.objects.filter(product_variant__product=empty).update(quantity=5, quantity_allocated=5)
    assert slugs(query(api_client, filter={"stockAvailability": "OUT_OF_STOCK"})) == ["empty"]


def test_unpublished_collection_does_not_filter_in_its_products(api_client, seeded_channels):
    product = listed_product(slug="member")
    collection = published_collection(product, channel_slug="design-centre")
    content = query(api_client, filter={"collections": [to_id("Collection", collection.pk)]})
    assert slugs(content) == []


def test_extreme_price_bounds_are_clamped_not_errors(api_client, seeded_channels):
    listed_product(slug="p", prices=(100_000,))
    assert slugs(query(api_client, filter={"price": {"gte": -5, "lte": 1e300}})) == ["p"]
    assert slugs(query(api_client, filter={"price": {"gte": 1e300}})) == []


def test_filter_by_vendor_and_village(api_client, seeded_channels):
    bat_trang = CraftVillageFactory(slug="bat-trang")
    van_phuc = CraftVillageFactory(slug="van-phuc")
    potter = VendorFactory(village=bat_trang)
    weaver = VendorFactory(village=van_phuc)
    listed_product(slug="bowl", vendor=potter)
    listed_product(slug="scarf", vendor=weaver)
    assert slugs(query(api_client, filter={"vendors": [to_id("Vendor", weaver.pk)]})) == ["scarf"]
    assert slugs(query(api_client, filter={"villages": [to_id("CraftVillage", bat_trang.pk)]})) == ["bowl"]


def test_filter_by_village_slug_as_people_type_it(api_client, seeded_channels):
    bat_trang = CraftVillageFactory(slug="bat-trang")
    van_phuc = CraftVillageFactory(slug="van-phuc")
    listed_product(slug="bowl", vendor=VendorFactory(village=bat_trang))
    listed_product(slug="scarf", vendor=VendorFactory(village=van_phuc))
    listed_product(slug="hat", vendor=VendorFactory(village=CraftVillageFactory(slug="chuong")))

    assert slugs(query(api_client, filter={"villages": ["bat-trang"]})) == ["bowl"]
    mixed = {"villages": ["van-phuc", to_id("CraftVillage", bat_trang.pk)]}
    assert sorted(slugs(query(api_client, filter=mixed))) == ["bowl", "scarf"]
    # An unknown slug names no village: it adds nothing, and alone it matches nothing.
    assert slugs(query(api_client, filter={"villages": ["bat-trang", "no-such-village"]})) == ["bowl"]
    assert slugs(query(api_client, filter={"villages": ["no-such-village"]})) == []
    assert slugs(query(api_client, filter={"villages": []})) == []
    # A global ID of another type is still an error, never read as a slug.
    content = query(api_client, filter={"villages": [to_id("Vendor", 1)]})
    assert content["data"]["products"] is None and error_codes(content) == ["INVALID_ID"]


def test_is_published_false_shows_nothing_to_the_public(api_client, seeded_channels):
    listed_product(slug="p")
    listed_product(slug="draft", published=False)
    assert slugs(query(api_client, filter={"isPublished": False})) == []
    assert slugs(query(api_client, filter={"isPublished": True})) == ["p"]


@pytest.mark.parametrize(
    "filter",
    [
        {"categories": ["garbage"]},
        {"categories": ["UHJvZHVjdDox"]},  # Product:1 where a Category is expected
        {"vendors": [to_id("CraftVillage", 1)]},
        {"ids": [to_id("Product", 0)]},
        {"ids": [to_id("Product", "99999999999999999999999")]},
    ],
)
def test_ids_of_the_wrong_type_or_shape_are_clear_errors(api_client, seeded_channels, filter):
    listed_product(slug="p")
    content = query(api_client, filter=filter)
    assert content["data"]["products"] is None
    assert error_codes(content) == ["INVALID_ID"]
