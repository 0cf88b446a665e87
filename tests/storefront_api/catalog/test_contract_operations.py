"""Every operation of tests/contract/storefront/catalog.graphql, run unchanged."""

import pytest

from storefront_api.core.ids import to_id
from tests.conftest import contract_document, data, run_operation

pytestmark = pytest.mark.django_db

CHANNEL = {"channel": "default-channel"}


def run(api_client, operation, **variables):
    return data(run_operation(api_client, contract_document("catalog"), operation, variables))


def test_product_list(api_client, catalogue):
    result = run(api_client, "ProductList", **CHANNEL)["products"]
    assert result["totalCount"] == 2
    cards = {edge["node"]["slug"]: edge["node"] for edge in result["edges"]}
    vase = cards["binh-gom-men-lam"]
    assert vase["translation"] == {"id": vase["translation"]["id"], "name": "Blue-glazed vase"}
    assert vase["category"]["slug"] == "binh-hoa"
    assert vase["isAvailableForPurchase"] is True
    assert vase["pricing"]["onSale"] is False
    assert vase["pricing"]["priceRange"]["start"]["gross"] == {"amount": 350000.0, "currency": "VND"}
    assert vase["pricing"]["priceRange"]["start"]["net"] == {"amount": 350000.0, "currency": "VND"}
    assert vase["pricing"]["priceRange"]["stop"]["gross"] == {"amount": 650000.0, "currency": "VND"}
    assert vase["thumbnail"]["alt"] == "Bình gốm men lam"
    assert vase["thumbnail"]["url"].startswith("http://testserver/thumbnail/media/")
    assert vase["thumbnail"]["url"].endswith("/256/webp/")
    assert cards["bat-an-com"]["thumbnail"] is None
    assert result["pageInfo"]["hasNextPage"] is False


def _vase_thumbnail_url(api_client):
    cards = {
        e["node"]["slug"]: e["node"] for e in run(api_client, "ProductList", **CHANNEL)["products"]["edges"]
    }
    return cards["binh-gom-men-lam"]["thumbnail"]["url"]


def test_thumbnail_url_serves_a_webp_thumbnail_then_points_at_the_stored_file(api_client, catalogue):
    url = _vase_thumbnail_url(api_client)
    response = api_client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 302
    stored = response["Location"]
    assert stored.startswith("/media/thumbnails/") and stored.endswith(".webp")
    # Generated once: the API now links the stored file directly.
    assert _vase_thumbnail_url(api_client) == "http://testserver" + stored


def test_search_products(api_client, catalogue):
    result = run(api_client, "SearchProducts", search="BINH GOM", **CHANNEL)["products"]
    assert [edge["node"]["slug"] for edge in result["edges"]] == ["binh-gom-men-lam"]


def test_filtered_products(api_client, catalogue):
    result = run(
        api_client,
        "FilteredProducts",
        categories=[to_id("Category", catalogue.root.pk)],
        collections=[to_id("Collection", catalogue.collection.pk)],
        priceGte=40_000,
        priceLte=400_000,
        **CHANNEL,
    )["products"]
    assert [edge["node"]["slug"] for edge in result["edges"]] == ["bat-an-com", "binh-gom-men-lam"]


def test_product_details(api_client, catalogue):
    product = run(api_client, "ProductDetails", slug="binh-gom-men-lam", **CHANNEL)["product"]
    assert product["name"] == "Bình gốm men lam"
    assert product["seoTitle"] == "Bình gốm"
    assert product["isAvailable"] is True
    assert product["translation"]["name"] == "Blue-glazed vase"
    assert product["productType"]["hasVariants"] is True
    assert product["category"]["parent"]["slug"] == "gom-su"
    assert [c["slug"] for c in product["collections"]] == ["qua-tet"]
    assert product["media"][0]["type"] == "IMAGE"
    assert product["media"][0]["url"].endswith("/1024/original/")
    assert product["attributes"] == [
        {
            "attribute": {
                "id": product["attributes"][0]["attribute"]["id"],
                "name": "Chất liệu",
                "slug": "chat-lieu",
                "inputType": "DROPDOWN",
            },
            "values": [
                {
                    "id": product["attributes"][0]["values"][0]["id"],
                    "name": "Đất sét trắng",
                    "slug": "dat-set-trang",
                }
            ],
        }
    ]
    first, second = product["variants"]
    assert first["quantityAvailable"] == 10
    assert first["attributes"] == [
        {
            "attribute": {"name": "Kích thước", "slug": "kich-thuoc"},
            "values": [{"name": "Nhỏ", "slug": "nho"}],
        }
    ]
    assert second["attributes"] == [
        {
            "attribute": {"name": "Kích thước", "slug": "kich-thuoc"},
            "values": [{"name": "Lớn", "slug": "lon"}],
        }
    ]
    assert first["pricing"]["price"]["gross"] == {"amount": 350000.0, "currency": "VND"}
    assert first["pricing"]["priceUndiscounted"]["gross"] == {"amount": 350000.0, "currency": "VND"}
    assert len(first["media"]) == 1 and second["media"] == []
    assert first["media"][0]["alt"] == "Bình gốm men lam"
    assert first["media"][0]["url"].startswith("http://testserver/media/products/")  # no size: the original
    assert product["pricing"]["priceRange"]["stop"]["gross"]["amount"] == 650000.0


def test_product_details_of_an_unknown_or_unlisted_slug_is_null(api_client, catalogue):
    assert run(api_client, "ProductDetails", slug="no-such-product", **CHANNEL)["product"] is None
    assert (
        run(api_client, "ProductDetails", slug="binh-gom-men-lam", channel="design-centre")["product"] is None
    )


def test_product_variant_by_sku(api_client, catalogue):
    sku = catalogue.vase.variants.order_by("sku").first().sku
    variant = run(api_client, "ProductVariantBySku", sku=sku, **CHANNEL)["productVariant"]
    assert variant["sku"] == sku
    assert variant["product"]["slug"] == "binh-gom-men-lam"
    assert variant["pricing"]["price"]["gross"]["amount"] == 350000.0
    assert run(api_client, "ProductVariantBySku", sku=sku, channel="design-centre")["productVariant"] is None


def test_category_tree(api_client, catalogue):
    result = run(api_client, "CategoryTree")["categories"]
    assert result["totalCount"] == 1
    root = result["edges"][0]["node"]
    assert root["slug"] == "gom-su" and root["level"] == 0
    assert [e["node"]["slug"] for e in root["children"]["edges"]] == ["binh-hoa"]
    assert root["backgroundImage"] is None


def test_category_page(api_client, catalogue):
    category = run(api_client, "CategoryPage", slug="binh-hoa", **CHANNEL)["category"]
    assert [e["node"]["slug"] for e in category["ancestors"]["edges"]] == ["gom-su"]
    assert [e["node"]["slug"] for e in category["products"]["edges"]] == ["binh-gom-men-lam"]
    root = run(api_client, "CategoryPage", slug="gom-su", **CHANNEL)["category"]
    assert root["translation"] == {"name": "Ceramics"}
    assert root["products"]["totalCount"] == 2  # its own products and its subcategory's


def test_collection_list_and_page(api_client, catalogue):
    result = run(api_client, "CollectionList", **CHANNEL)["collections"]
    assert result["totalCount"] == 1
    node = result["edges"][0]["node"]
    assert node["backgroundImage"]["url"].startswith("http://testserver/media/collection-backgrounds/")
    page = run(api_client, "CollectionPage", slug="qua-tet", **CHANNEL)["collection"]
    assert page["translation"] == {"name": "Tet gifts"}
    assert [e["node"]["slug"] for e in page["products"]["edges"]] == ["bat-an-com", "binh-gom-men-lam"]
    assert run(api_client, "CollectionPage", slug="qua-tet", channel="design-centre")["collection"] is None


def test_channel_public_and_shop_info(api_client, catalogue):
    channel = run(api_client, "ChannelPublic", slug="design-centre")["channel"]
    assert channel["slug"] == "design-centre"
    assert channel["countries"] == [{"code": "VN", "country": "Việt Nam"}]
    shop = run(api_client, "ShopInfo")["shop"]
    assert shop["defaultCountry"] == {"code": "VN"}
    assert {lang["code"] for lang in shop["languages"]} == {"VI", "EN"}
    assert {"id": "vn.cod", "name": "Thanh toán khi nhận hàng (COD)", "currencies": ["VND"]} in shop[
        "availablePaymentGateways"
    ]
