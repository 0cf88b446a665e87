"""A page of 100 products costs the same number of SQL queries as a page of 1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductMedia
from tests.conftest import contract_document, data, run_operation
from tests.factories import CategoryFactory, listed_product, published_collection

pytestmark = pytest.mark.django_db


def _catalogue(count: int) -> None:
    category = CategoryFactory()
    products = []
    for index in range(count):
        product = listed_product(name=f"Bình gốm {index}", category=category, prices=(100_000, 120_000))
        ProductMedia.objects.create(product=product, image=f"products/p{index}.jpg", alt="ảnh")
        products.append(product)
    published_collection(*products)


def _queries(api_client, operation: str, variables: dict) -> tuple[int, dict]:
    document = contract_document("catalog")
    with CaptureQueriesContext(connection) as captured:
        content = run_operation(api_client, document, operation, variables)
    return len(captured), data(content)


@pytest.mark.parametrize(
    ("operation", "variables"),
    [
        ("ProductList", {"channel": "default-channel"}),
        ("SearchProducts", {"channel": "default-channel", "search": "binh gom"}),
        ("FilteredProducts", {"channel": "default-channel", "priceGte": 1, "priceLte": 10_000_000}),
    ],
)
def test_product_lists_cost_the_same_for_1_20_and_100_products(
    api_client, seeded_channels, operation, variables
):
    _catalogue(1)
    one, result = _queries(api_client, operation, {**variables, "first": 100})
    assert result["products"]["totalCount"] == 1
    _catalogue(99)
    hundred, result = _queries(api_client, operation, {**variables, "first": 100})
    assert result["products"]["totalCount"] == 100
    assert len(result["products"]["edges"]) == 100
    twenty, result = _queries(api_client, operation, {**variables, "first": 20})
    assert len(result["products"]["edges"]) == 20
    assert one == twenty == hundred, (one, twenty, hundred)


def test_category_ancestors_load_level_by_level_not_per_category(api_client, seeded_channels):
    from tests.factories import CategoryFactory

    query = "{ categories(first: 100, level: 2) { edges { node { ancestors(first: 5) { edges { node { slug } } } } } } }"

    def grow(count):
        for _ in range(count):
            top = CategoryFactory()
            CategoryFactory(parent=CategoryFactory(parent=top, level=1), level=2)

    grow(1)
    with CaptureQueriesContext(connection) as one:
        result = data(api_client.graphql(query))
    assert [len(e["node"]["ancestors"]["edges"]) for e in result["categories"]["edges"]] == [2]
    grow(9)
    with CaptureQueriesContext(connection) as ten:
        result = data(api_client.graphql(query))
    assert len(result["categories"]["edges"]) == 10
    assert len(one) == len(ten)
