"""Public reads of villages and shops: only ACTIVE vendors and their products are visible."""

import pytest

from storefront_api.core.ids import to_id
from tests.conftest import data, error_codes
from tests.factories import CraftVillageFactory, VendorFactory, listed_product
from vendors.shops.models import VendorStatus
from vendors.shops.services import vendor_refresh_search_document
from vendors.villages.models import CraftVillageTranslation
from vendors.villages.services import village_refresh_search_document

pytestmark = pytest.mark.django_db

VILLAGES = """
query ($search: String, $first: Int) {
  craftVillages(first: $first, search: $search) {
    totalCount
    edges { node { slug name craft province commune legacyDistrict latitude longitude
      translation(languageCode: EN) { name craft }
      vendors(first: 10) { totalCount edges { node { slug status } } }
      products(first: 10) { totalCount edges { node { slug } } } } }
  }
}
"""
VENDORS = """
query ($search: String, $villages: [ID!]) {
  vendors(first: 20, search: $search, villages: $villages) {
    totalCount edges { node { slug name status village { slug } products(first: 5) { totalCount } } }
  }
}
"""
VENDOR = "query ($slug: String, $id: ID) { vendor(slug: $slug, id: $id) { slug status } }"


@pytest.fixture
def places(seeded_channels):
    bat_trang = CraftVillageFactory(
        slug="bat-trang",
        name="Bát Tràng",
        craft="Gốm sứ",
        commune="xã Bát Tràng",
        legacy_district="Gia Lâm",
        latitude=20.983,
        longitude=105.917,
    )
    CraftVillageTranslation.objects.create(
        village=bat_trang, language_code="en", name="Bat Trang", craft="Ceramics"
    )
    village_refresh_search_document(bat_trang)
    van_phuc = CraftVillageFactory(slug="van-phuc", name="Vạn Phúc", craft="Dệt lụa")
    village_refresh_search_document(van_phuc)
    active = VendorFactory(slug="gom-minh", name="Gốm Minh Đức", village=bat_trang)
    vendor_refresh_search_document(active)
    pending = VendorFactory(slug="gom-moi", name="Gốm Mới", village=bat_trang, status=VendorStatus.PENDING)
    suspended = VendorFactory(slug="gom-cu", name="Gốm Cũ", village=bat_trang, status=VendorStatus.SUSPENDED)
    listed_product(slug="binh", vendor=active)
    listed_product(slug="hidden-pending", vendor=pending)
    listed_product(slug="hidden-suspended", vendor=suspended)
    return {"bat_trang": bat_trang, "van_phuc": van_phuc, "active": active, "pending": pending}


def test_villages_show_only_active_vendors_and_their_products(api_client, places):
    result = data(api_client.graphql(VILLAGES, {"first": 10}))["craftVillages"]
    assert result["totalCount"] == 2
    bat_trang = result["edges"][0]["node"]
    assert bat_trang["slug"] == "bat-trang"
    assert bat_trang["commune"] == "xã Bát Tràng" and bat_trang["legacyDistrict"] == "Gia Lâm"
    assert bat_trang["province"] == "Hà Nội" and bat_trang["latitude"] == 20.983
    assert bat_trang["translation"] == {"name": "Bat Trang", "craft": "Ceramics"}
    assert bat_trang["vendors"] == {
        "totalCount": 1,
        "edges": [{"node": {"slug": "gom-minh", "status": "ACTIVE"}}],
    }
    assert [e["node"]["slug"] for e in bat_trang["products"]["edges"]] == ["binh"]


def test_village_search_is_accent_insensitive(api_client, places):
    result = data(api_client.graphql(VILLAGES, {"first": 10, "search": "VAN PHUC"}))["craftVillages"]
    assert [e["node"]["slug"] for e in result["edges"]] == ["van-phuc"]
    result = data(api_client.graphql(VILLAGES, {"first": 10, "search": "ceramics"}))["craftVillages"]
    assert [e["node"]["slug"] for e in result["edges"]] == ["bat-trang"]


def test_vendors_lists_active_shops_only(api_client, places):
    result = data(api_client.graphql(VENDORS))["vendors"]
    assert result["totalCount"] == 1
    node = result["edges"][0]["node"]
    assert node == {
        "slug": "gom-minh",
        "name": "Gốm Minh Đức",
        "status": "ACTIVE",
        "village": {"slug": "bat-trang"},
        "products": {"totalCount": 1},
    }
    assert data(api_client.graphql(VENDORS, {"search": "minh duc"}))["vendors"]["totalCount"] == 1
    assert data(api_client.graphql(VENDORS, {"search": "gom moi"}))["vendors"]["totalCount"] == 0
    van_phuc = to_id("CraftVillage", places["van_phuc"].pk)
    assert data(api_client.graphql(VENDORS, {"villages": [van_phuc]}))["vendors"]["totalCount"] == 0


def test_vendors_by_village_slug_or_id(api_client, places):
    def shops(villages):
        content = api_client.graphql(VENDORS, {"villages": villages})
        return [edge["node"]["slug"] for edge in data(content)["vendors"]["edges"]]

    bat_trang = to_id("CraftVillage", places["bat_trang"].pk)
    assert shops(["bat-trang"]) == ["gom-minh"] == shops([bat_trang])
    assert shops(["van-phuc", bat_trang]) == ["gom-minh"]
    assert shops(["van-phuc"]) == []  # a village whose only shop is pending
    assert shops(["no-such-village"]) == []
    content = api_client.graphql(VENDORS, {"villages": [to_id("Vendor", places["active"].pk)]})
    assert content["data"] is None and error_codes(content) == ["INVALID_ID"]  # vendors is non-null


def test_vendor_lookup_hides_non_active_shops(api_client, places):
    assert data(api_client.graphql(VENDOR, {"slug": "gom-minh"}))["vendor"] == {
        "slug": "gom-minh",
        "status": "ACTIVE",
    }
    assert data(api_client.graphql(VENDOR, {"slug": "gom-moi"}))["vendor"] is None
    assert data(api_client.graphql(VENDOR, {"id": to_id("Vendor", places["pending"].pk)}))["vendor"] is None
    content = api_client.graphql(VENDOR, {"id": to_id("Product", places["active"].pk)})
    assert error_codes(content) == ["INVALID_ID"]


def test_product_vendor_and_village(api_client, places):
    content = api_client.graphql(
        '{ product(slug: "binh", channel: "default-channel") { vendor { slug } village { slug name } } }'
    )
    assert data(content)["product"] == {
        "vendor": {"slug": "gom-minh"},
        "village": {"slug": "bat-trang", "name": "Bát Tràng"},
    }
    content = api_client.graphql('{ product(slug: "hidden-pending", channel: "default-channel") { slug } }')
    assert data(content)["product"] is None


def test_craft_village_by_slug_and_id(api_client, places):
    content = api_client.graphql('{ craftVillage(slug: "van-phuc") { name craft } }')
    assert data(content)["craftVillage"] == {"name": "Vạn Phúc", "craft": "Dệt lụa"}
    village_id = to_id("CraftVillage", places["bat_trang"].pk)
    content = api_client.graphql("query ($id: ID) { craftVillage(id: $id) { slug } }", {"id": village_id})
    assert data(content)["craftVillage"] == {"slug": "bat-trang"}
    content = api_client.graphql('{ craftVillage(slug: "nowhere") { slug } }')
    assert data(content)["craftVillage"] is None
