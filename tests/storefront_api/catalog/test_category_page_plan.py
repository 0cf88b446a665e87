"""A category's page of products in the default order is read off the index
``product_category_name_order`` (issue 14): from the category's first product by name, not by
walking the whole catalogue in name order and skipping the other categories' products (at
100,000 products that walk took 170 ms for a category late in the alphabet)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import data
from tests.factories import CategoryFactory, listed_product

pytestmark = pytest.mark.django_db

CATEGORY_PAGE = """
query ($slug: String!) {
  category(slug: $slug) {
    products(channel: "default-channel", first: 3) { edges { node { name } } }
  }
}
"""


def test_a_category_page_is_read_off_its_index_in_name_order(api_client, seeded_channels):
    lacquer, silk = CategoryFactory(name="Sơn mài"), CategoryFactory(name="Lụa")
    for name in ["Tranh sơn mài", "Hộp sơn mài", "Khay sơn mài", "Bình sơn mài"]:
        listed_product(name=name, category=lacquer)
    for index in range(30):
        listed_product(name=f"Áo lụa {index:02}", category=silk)
    with CaptureQueriesContext(connection) as queries:
        answer = data(api_client.graphql(CATEGORY_PAGE, {"slug": lacquer.slug}))
    names = [edge["node"]["name"] for edge in answer["category"]["products"]["edges"]]
    assert names == ["Bình sơn mài", "Hộp sơn mài", "Khay sơn mài"]

    (page,) = [
        q["sql"] for q in queries if re.search(r'FROM "catalog_product" .*ORDER BY .*LIMIT', q["sql"], re.S)
    ]
    with connection.cursor() as cursor:
        # a tiny table: keep the planner from preferring a scan of it all, as it would not on a
        # catalogue (the benchmark's 100,000 products chose this index unasked)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + page)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "product_category_name_order" in plan, plan
    assert re.search(r"Index Cond: \(.*category_id", plan), plan
    assert "Sort" not in plan.split("product_category_name_order")[0], plan  # the index gives the order
