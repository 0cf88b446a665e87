"""A parent category's page (its own and its subcategories' products) in name order is read
category by category off ``product_category_name_order`` (``top_in_categories``, issue 14):
with the categories as an ``IN`` list PostgreSQL walked the catalogue's name index skipping
the other categories' products (106-160 ms for a parent at 100,000 products). The pages are
the ones the plain query gives, in both directions and through every cursor, and the page's
``totalCount`` is cached like the product list's and follows writes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Product
from marketplace.catalog.selectors import (
    MAX_CATEGORY_PARTS,
    category_descendant_ids,
    top_in_categories,
    visible_products,
)
from marketplace.catalog.services.listings import product_channel_listing_update
from marketplace.catalog.services.products import product_update
from tests.conftest import data
from tests.factories import CategoryFactory, UserFactory, listed_product

pytestmark = pytest.mark.django_db

PAGE = """
query ($slug: String!, $first: Int, $after: String, $last: Int, $before: String, $sortBy: ProductOrder,
       $search: String) {
  category(slug: $slug) {
    products(channel: "default-channel", first: $first, after: $after, last: $last, before: $before,
             sortBy: $sortBy, search: $search) {
      totalCount
      edges { cursor node { name } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""


@pytest.fixture
def tree(seeded_channels):  # type: ignore[no-untyped-def]
    """A parent with its own products and three subcategories (one of them with a child), the
    names interleaved across them; hidden products and another category's around them."""
    parent = CategoryFactory(name="Gốm sứ")
    vases = CategoryFactory(name="Bình", parent=parent, level=1)
    bowls = CategoryFactory(name="Bát", parent=parent, level=1)
    cups = CategoryFactory(name="Chén", parent=vases, level=2)
    empty = CategoryFactory(name="Đĩa", parent=parent, level=1)  # no product: its part reads nothing
    other = CategoryFactory(name="Lụa")
    shown = []
    for index in range(24):
        category = [parent, vases, bowls, cups][index % 4]
        name = f"Sản phẩm {(index * 7) % 24:02}"
        listed_product(name=name, category=category)
        shown.append(name)
    listed_product(name="Sản phẩm 05 nháp", category=bowls, published=False)
    listed_product(name="Sản phẩm 06 ẩn", category=cups, visible_in_listings=False)
    for index in range(10):
        listed_product(name=f"Sản phẩm {index:02} lụa", category=other)
    # two products with the same name: the slug then the id decide
    twin = listed_product(name="Sản phẩm 12", slug="san-pham-12-b", category=bowls)
    shown.append(twin.name)
    return {"parent": parent, "empty": empty, "names": sorted(shown), "bowls": bowls}


def by_category(sql: str) -> bool:
    """The union ``top_in_categories`` sends (the search's own union ranks other columns)."""
    return "UNION ALL" in sql and sql.startswith('(SELECT "catalog_product"."search_name" AS "search_name"')


def page(client, slug: str, **variables):  # type: ignore[no-untyped-def]
    answer = data(client.graphql(PAGE, {"slug": slug, **variables}))
    return answer["category"]["products"]


def walk(client, slug: str, *, size: int, backwards: bool = False, **variables) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    cursor = None
    while True:
        if backwards:
            found = page(client, slug, last=size, before=cursor, **variables)
            seen = [edge["node"]["name"] for edge in found["edges"]] + seen
            if not found["pageInfo"]["hasPreviousPage"]:
                return seen
            cursor = found["pageInfo"]["startCursor"]
        else:
            found = page(client, slug, first=size, after=cursor, **variables)
            seen += [edge["node"]["name"] for edge in found["edges"]]
            if not found["pageInfo"]["hasNextPage"]:
                return seen
            cursor = found["pageInfo"]["endCursor"]


def test_every_page_in_both_directions_is_the_plain_order(api_client, tree):
    slug, expected = tree["parent"].slug, tree["names"]
    assert len(expected) == 25
    assert walk(api_client, slug, size=4) == expected
    assert walk(api_client, slug, size=4, backwards=True) == expected
    descending = {"field": "NAME", "direction": "DESC"}
    assert walk(api_client, slug, size=7, sortBy=descending) == expected[::-1]
    assert walk(api_client, slug, size=7, backwards=True, sortBy=descending) == expected[::-1]
    first = page(api_client, slug, first=100)
    assert [edge["node"]["name"] for edge in first["edges"]] == expected
    assert first["totalCount"] == 25 and first["pageInfo"]["hasNextPage"] is False


def test_the_page_is_one_union_read_off_the_category_index(api_client, tree):
    with CaptureQueriesContext(connection) as queries:
        found = page(api_client, tree["parent"].slug, first=5)
    assert [edge["node"]["name"] for edge in found["edges"]] == tree["names"][:5]
    (ranked,) = [q["sql"] for q in queries if by_category(q["sql"])]
    assert ranked.count("UNION ALL") == 5 - 1  # the parent, its three children and a grandchild
    with connection.cursor() as cursor:
        # tiny tables: keep the planner from scanning one of them all and sorting what it
        # found, as it would not on a catalogue (at 100,000 products it chose this plan unasked;
        # a part whose order the index does not give would still need a sort)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + ranked)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count("product_category_name_order") == 5, plan
    assert "product_name_order" not in plan and "Sort  " not in plan, plan
    assert "Merge Append" in plan, plan
    # each part is one category's top rows, in the index's order (no sort below the merge)
    assert len(re.findall(r"Index Cond: \(.*category_id = ", plan)) == 5, plan


def test_a_leaf_category_and_other_orders_keep_the_plain_query(api_client, tree):
    with CaptureQueriesContext(connection) as queries:
        leaf = page(api_client, tree["bowls"].slug, first=3)
        by_price = page(
            api_client, tree["parent"].slug, first=3, sortBy={"field": "PRICE", "direction": "ASC"}
        )
        searched = page(api_client, tree["parent"].slug, first=3, search="san pham")
    assert not [q for q in queries if by_category(q["sql"])]
    assert [edge["node"]["name"] for edge in leaf["edges"]] == ["Sản phẩm 02", "Sản phẩm 06", "Sản phẩm 10"]
    assert by_price["totalCount"] == 25 and searched["totalCount"] == 25
    assert len(page(api_client, tree["empty"].slug, first=3)["edges"]) == 0


def test_the_function_matches_the_orm_with_a_keyset_condition(tree, seeded_channels):
    channel = seeded_channels["default-channel"]
    ids = category_descendant_ids([tree["parent"].pk])
    qs = visible_products(channel_id=channel.pk).filter(category_id__in=ids)
    after = qs.filter(search_name__gt="san pham 09")
    for ordering in (["search_name", "slug", "pk"], ["-search_name", "-slug", "-pk"]):
        for source in (qs, after):
            for limit in (1, 6, 40):
                expected = list(source.order_by(*ordering).values_list("pk", flat=True)[:limit])
                assert top_in_categories(source, ids, ordering=ordering, limit=limit) == expected
    # where it does not apply it says so, and the caller reads the plain query
    assert top_in_categories(qs, ids[:1], ordering=["search_name", "slug", "pk"], limit=5) is None
    assert top_in_categories(qs, ids, ordering=["created_at", "pk"], limit=5) is None
    many = [*ids, *range(10_000, 10_000 + MAX_CATEGORY_PARTS)]  # a union this long: the plain query
    assert top_in_categories(qs, many, ordering=["search_name", "slug", "pk"], limit=5) is None


def test_the_count_is_cached_and_follows_writes(
    api_client, tree, settings, django_capture_on_commit_callbacks, seeded_channels
):
    settings.CATALOG_CACHE_SECONDS = 0  # the count cache alone
    settings.PRODUCT_COUNT_CACHE_SECONDS = 300
    staff = UserFactory(is_superuser=True, is_staff=True)
    slug = tree["parent"].slug
    assert page(api_client, slug, first=1)["totalCount"] == 25
    with CaptureQueriesContext(connection) as captured:
        assert page(api_client, slug, first=1)["totalCount"] == 25
    assert not [q for q in captured if "COUNT(*)" in q["sql"]]
    # another category's count is its own entry
    assert page(api_client, tree["bowls"].slug, first=1)["totalCount"] == 7

    product = Product.objects.get(name="Sản phẩm 12", slug="san-pham-12-b")
    with django_capture_on_commit_callbacks(execute=True):
        product_channel_listing_update(
            actor=staff,
            product=product,
            update=[{"channel_id": seeded_channels["default-channel"].pk, "is_published": False}],
            remove=[],
        )
    assert page(api_client, slug, first=1)["totalCount"] == 24
    assert page(api_client, tree["bowls"].slug, first=1)["totalCount"] == 6

    channel = seeded_channels["default-channel"]
    moved = visible_products(channel_id=channel.pk).filter(category=tree["bowls"]).first()
    elsewhere = CategoryFactory(name="Khác")
    with django_capture_on_commit_callbacks(execute=True):
        product_update(actor=staff, product=moved, data={"category_id": elsewhere.pk})
    assert Product.objects.get(pk=moved.pk).category_id == elsewhere.pk
    assert page(api_client, slug, first=1)["totalCount"] == 23
    assert page(api_client, tree["bowls"].slug, first=1)["totalCount"] == 5
