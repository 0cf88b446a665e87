"""The first page of the public's unfiltered product list is read by a query compiled once per
order and page size (``storefront_api.catalog.resolvers._public_first_page``, issue 14). It must
answer exactly as the general path (``product_connection``) does — rows, order, cursors, page
info and count — for every order it serves, both directions and any page size; follow the
clock (a scheduled product appears when its time comes, with no new compilation) and the
channel; leave every other list (filters, searches, cursors, members' views, OCOP order) to
the general path; and refuse bad page arguments as that path does."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.catalog.models import Product, ProductChannelListing
from storefront_api.catalog import resolvers
from tests.conftest import client_for, data, error_codes
from tests.factories import UserFactory, listed_product

pytestmark = pytest.mark.django_db

PRODUCTS = """
query ($channel: String, $first: Int, $last: Int, $after: String, $sortBy: ProductOrder,
       $filter: ProductFilterInput, $where: ProductWhereInput, $search: String) {
  products(channel: $channel, first: $first, last: $last, after: $after, sortBy: $sortBy,
           filter: $filter, where: $where, search: $search) {
    totalCount
    edges { cursor node { slug name pricing { priceRange { start { gross { amount } } } } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

ORDERS = sorted(resolvers._PREPARABLE_ORDERS)


@pytest.fixture
def fresh(monkeypatch):
    """No query compiled by an earlier test; counts the queries built for the first pages."""
    monkeypatch.setattr(resolvers, "_first_pages", {})
    built = []
    original = resolvers.public_products

    def counted(**kwargs):
        if kwargs["channel_id"] == resolvers._CHANNEL:  # built with the stand-ins to be compiled
            built.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(resolvers, "public_products", counted)
    return built


@pytest.fixture
def catalogue(seeded_channels):
    made = []
    # equal names (slug, then primary key, break the tie), equal prices, ratings and none
    for index, (name, price, rating) in enumerate(
        [
            ("Bình gốm", 250_000, 4.5),
            ("Ấm trà", 90_000, None),
            ("Bình gốm", 250_000, 3.0),
            ("Chén men lam", 40_000, 4.5),
            ("Nón lá", 120_000, None),
            ("Khăn lụa", 600_000, 5.0),
            ("Tranh sơn mài", 1_500_000, 2.0),
        ]
    ):
        made.append(listed_product(slug=f"p-{index}", name=name, prices=(price, price * 2), rating=rating))
    Product.objects.filter(pk=made[4].pk).update(updated_at=timezone.now() - timedelta(days=2))
    return made


def general(monkeypatch, api_client, **variables):
    """The answer of the general path (nothing is prepared)."""
    with monkeypatch.context() as patch:
        patch.setattr(resolvers, "_PREPARABLE_ORDERS", frozenset())
        return query(api_client, **variables)


def query(api_client, **variables):
    variables.setdefault("channel", "default-channel")
    return api_client.graphql(PRODUCTS, variables)


@pytest.mark.parametrize("field", ORDERS)
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_the_first_page_is_the_general_paths_for_every_order(
    api_client, catalogue, fresh, monkeypatch, field, direction
):
    sort = {"field": field, "direction": direction}
    for first in (1, 3, 7, 100):
        fast = query(api_client, first=first, sortBy=sort)
        assert fast == general(monkeypatch, api_client, first=first, sortBy=sort)
        page = data(fast)["products"]
        assert len(page["edges"]) == min(first, 7) and page["totalCount"] == 7
        assert page["pageInfo"]["hasNextPage"] is (first < 7)
        # its cursors continue on the general path with no gap and no repeat
        rest = query(api_client, first=100, after=page["pageInfo"]["endCursor"], sortBy=sort)
        walked = [e["node"]["slug"] for e in page["edges"] + data(rest)["products"]["edges"]]
        assert sorted(walked) == sorted(p.slug for p in catalogue)
    assert fresh, "the first pages were built to be compiled"


def test_the_default_order_and_an_empty_filter_take_the_prepared_path(
    api_client, catalogue, fresh, monkeypatch
):
    for variables in ({}, {"filter": {}}, {"filter": {"search": None}}, {"where": None}):
        assert query(api_client, first=4, **variables) == general(monkeypatch, api_client, first=4)
    names = [e["node"]["name"] for e in data(query(api_client, first=4))["products"]["edges"]][:3]
    assert names == ["Ấm trà", "Bình gốm", "Bình gốm"]
    assert len(fresh) == 1  # compiled once for the four requests


def test_the_query_is_compiled_once_and_then_only_run(api_client, catalogue, fresh):
    for _ in range(3):
        data(query(api_client, first=5))
        data(query(api_client, first=5, sortBy={"field": "PRICE", "direction": "DESC"}))
    assert len(fresh) == 2  # one per order and page size
    data(query(api_client, first=6))
    assert len(fresh) == 3


def test_a_scheduled_product_appears_when_its_time_comes(api_client, catalogue, fresh, monkeypatch):
    soon = catalogue[1]
    at = timezone.now() + timedelta(hours=1)
    ProductChannelListing.objects.filter(product=soon).update(published_at=at)
    page = data(query(api_client, first=10))["products"]
    assert soon.slug not in [e["node"]["slug"] for e in page["edges"]]
    later = at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page = data(query(api_client, first=10))["products"]
    assert soon.slug in [e["node"]["slug"] for e in page["edges"]]
    assert len(fresh) == 1  # the same compiled query, run with the new time


def test_each_channel_reads_its_own_products(api_client, catalogue, fresh):
    listed_product(slug="showcase-only", channel_slug="design-centre")
    assert [
        e["node"]["slug"]
        for e in data(query(api_client, first=5, channel="design-centre"))["products"]["edges"]
    ] == ["showcase-only"]
    assert "showcase-only" not in [
        e["node"]["slug"] for e in data(query(api_client, first=5))["products"]["edges"]
    ]
    assert len(fresh) == 1


def test_hidden_products_stay_hidden(api_client, catalogue, fresh):
    ProductChannelListing.objects.filter(product=catalogue[0]).update(visible_in_listings=False)
    ProductChannelListing.objects.filter(product=catalogue[2]).update(is_published=False)
    catalogue[3].vendor.status = "SUSPENDED"
    catalogue[3].vendor.save()
    page = data(query(api_client, first=100))["products"]
    shown = {e["node"]["slug"] for e in page["edges"]}
    assert shown == {p.slug for p in catalogue} - {catalogue[0].slug, catalogue[2].slug, catalogue[3].slug}
    assert page["totalCount"] == 4


@pytest.mark.parametrize(
    "variables",
    [
        {"filter": {"price": {"gte": 100_000}}},
        {"where": {"price": {"range": {"gte": 100_000}}}},
        {"search": "gốm"},
        {"sortBy": {"field": "OCOP_STARS", "direction": "DESC"}},
    ],
    ids=["filter", "where", "search", "ocop-order"],
)
def test_other_lists_take_the_general_path(api_client, catalogue, fresh, monkeypatch, variables):
    assert query(api_client, first=3, **variables) == general(monkeypatch, api_client, first=3, **variables)
    assert resolvers._first_pages == {}


def test_a_signed_in_buyer_reads_the_prepared_page_and_a_shop_member_its_own_drafts(
    catalogue, fresh, vendor_member
):
    buyer = client_for(UserFactory())
    assert [e["node"]["slug"] for e in data(query(buyer, first=3))["products"]["edges"]] == [
        "p-1",
        "p-0",
        "p-2",
    ]
    assert len(resolvers._first_pages) == 1
    draft = listed_product(
        slug="draft", published=False, vendor=vendor_member.vendor_memberships.get().vendor
    )
    member = client_for(vendor_member)
    shown = [e["node"]["slug"] for e in data(query(member, first=100))["products"]["edges"]]
    assert draft.slug in shown and len(shown) == 8
    assert draft.slug not in [e["node"]["slug"] for e in data(query(buyer, first=100))["products"]["edges"]]


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"first": 101}, "PAGINATION_ERROR"),
        ({"first": -1}, "PAGINATION_ERROR"),
        ({"first": None}, "PAGINATION_ERROR"),
        ({"first": 2, "last": 2}, "PAGINATION_ERROR"),
        ({"first": 2, "sortBy": {"field": "RANK", "direction": "DESC"}}, "INVALID_SORT"),
        ({"first": 2, "sortBy": {"field": "COLLECTION", "direction": "ASC"}}, "INVALID_SORT"),
    ],
)
def test_bad_arguments_are_the_same_clear_errors(api_client, catalogue, fresh, variables, code):
    content = query(api_client, **variables)
    assert content["data"]["products"] is None
    assert error_codes(content) == [code]
    assert resolvers._first_pages == {}


def test_an_empty_first_page_has_the_count(api_client, catalogue, fresh, monkeypatch):
    content = query(api_client, first=0)
    assert content == general(monkeypatch, api_client, first=0)
    assert data(content)["products"] == {
        "totalCount": 7,
        "edges": [],
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": False, "startCursor": None, "endCursor": None},
    }


def test_prices_are_read_for_the_prepared_rows(api_client, catalogue, fresh):
    edges = data(query(api_client, first=1, sortBy={"field": "PRICE", "direction": "ASC"}))["products"][
        "edges"
    ]
    assert edges[0]["node"]["slug"] == "p-3"
    assert Decimal(str(edges[0]["node"]["pricing"]["priceRange"]["start"]["gross"]["amount"])) == 40_000
