import pytest

from tests.conftest import data
from tests.factories import listed_product

pytestmark = pytest.mark.django_db

QUERY = """
query ($channel: String!) {
  products(channel: $channel, first: 10) {
    totalCount
    edges { cursor node { id name slug vendor { name } village { name }
      pricing { priceRange { start { gross { amount currency } } stop { gross { amount } } } }
      variants { sku quantityAvailable pricing { price { gross { amount } } } }
      isAvailable isAvailableForPurchase
      category { name } productType { name }
      translation(languageCode: EN) { name }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def test_products_smoke(api_client, seeded_channels):
    listed_product(name="Bình gốm Bát Tràng", prices=(150_000, 250_000))
    content = api_client.graphql(QUERY, {"channel": "default-channel"})
    result = data(content)["products"]
    assert result["totalCount"] == 1
    node = result["edges"][0]["node"]
    assert node["pricing"]["priceRange"]["start"]["gross"] == {"amount": 150000.0, "currency": "VND"}
    assert node["pricing"]["priceRange"]["stop"]["gross"] == {"amount": 250000.0}
    assert [v["quantityAvailable"] for v in node["variants"]] == [10, 10]
    assert node["isAvailable"] is True
