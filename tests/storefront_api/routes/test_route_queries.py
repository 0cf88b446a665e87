"""Public reads of tourism routes: visibility, stops, collection points, shop this route."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.accounts.permissions import PermissionEnum
from marketplace.inventory.models import ClickAndCollectOption
from marketplace.routes.models import TourismRoute, TourismRouteStop, TourismRouteTranslation
from storefront_api.core.ids import to_id
from tests.conftest import client_for, data, grant
from tests.factories import CraftVillageFactory, VendorFactory, WarehouseFactory, listed_product

pytestmark = pytest.mark.django_db

ROUTES = "{ tourismRoutes(first: 10) { totalCount edges { node { slug isPublished } } } }"
ROUTE = """query ($slug: String, $id: ID) { tourismRoute(slug: $slug, id: $id) {
  slug name translation(languageCode: EN) { name language { code } }
  stops { position title village { slug } collectionPoints { slug clickAndCollectOption } } } }"""
ROUTE_PRODUCTS = """query ($slug: String, $first: Int) { tourismRoute(slug: $slug) {
  products(first: $first) { totalCount edges { node { slug name vendor { slug } village { slug }
    pricing { priceRange { start { gross { amount } } } } thumbnail { url } } } } } }"""
ROUTE_STOPS = """{ tourismRoutes(first: 20) { edges { node { slug stops { title village { slug name }
  collectionPoints { slug name openingHours clickAndCollectOption address { city } } } } } } }"""


@pytest.fixture
def places(seeded_channels):
    bat_trang, van_phuc, elsewhere = (
        CraftVillageFactory(slug="bat-trang"),
        CraftVillageFactory(slug="van-phuc"),
        CraftVillageFactory(slug="chuong"),
    )
    route = TourismRoute.objects.create(slug="gom-lua", name="Gốm và lụa", is_published=True)
    TourismRouteStop.objects.create(route=route, position=1, title="Bát Tràng", village=bat_trang)
    TourismRouteStop.objects.create(route=route, position=2, title="Hồ Gươm")
    TourismRouteStop.objects.create(route=route, position=3, title="Vạn Phúc", village=van_phuc)
    TourismRouteTranslation.objects.create(route=route, language_code="en", name="Ceramics and silk")
    draft = TourismRoute.objects.create(slug="nhap", name="Bản nháp", is_published=False)
    TourismRouteStop.objects.create(route=draft, position=1, title="Chuông", village=elsewhere)
    centre = WarehouseFactory(
        vendor=None, slug="design-centre-hanoi-museum", click_and_collect_option=ClickAndCollectOption.ALL
    )
    return {
        "bat_trang": bat_trang,
        "van_phuc": van_phuc,
        "elsewhere": elsewhere,
        "route": route,
        "centre": centre,
    }


def test_public_sees_only_published_routes(api_client, places, staff_user):
    assert data(api_client.graphql(ROUTES))["tourismRoutes"] == {
        "totalCount": 1,
        "edges": [{"node": {"slug": "gom-lua", "isPublished": True}}],
    }
    assert data(api_client.graphql(ROUTE, {"slug": "nhap"}))["tourismRoute"] is None
    draft_id = to_id("TourismRoute", TourismRoute.objects.get(slug="nhap").pk)
    assert data(api_client.graphql(ROUTE, {"id": draft_id}))["tourismRoute"] is None
    assert data(client_for(staff_user).graphql(ROUTES))["tourismRoutes"]["totalCount"] == 1
    grant(staff_user, PermissionEnum.MANAGE_ROUTES)
    assert data(client_for(staff_user).graphql(ROUTES))["tourismRoutes"]["totalCount"] == 2
    assert data(client_for(staff_user).graphql(ROUTE, {"slug": "nhap"}))["tourismRoute"]["slug"] == "nhap"


def test_route_with_stops_in_order_and_collection_points(api_client, places):
    bat_trang = places["bat_trang"]
    active = VendorFactory(village=bat_trang)
    WarehouseFactory(vendor=active, slug="a-local", click_and_collect_option=ClickAndCollectOption.LOCAL)
    WarehouseFactory(
        vendor=active, slug="b-disabled", click_and_collect_option=ClickAndCollectOption.DISABLED
    )
    suspended = VendorFactory(village=bat_trang, status="SUSPENDED")
    WarehouseFactory(
        vendor=suspended, slug="c-suspended", click_and_collect_option=ClickAndCollectOption.LOCAL
    )
    elsewhere = VendorFactory(village=places["elsewhere"])
    WarehouseFactory(
        vendor=elsewhere, slug="d-elsewhere", click_and_collect_option=ClickAndCollectOption.LOCAL
    )
    centre = {"slug": "design-centre-hanoi-museum", "clickAndCollectOption": "ALL"}
    route = data(api_client.graphql(ROUTE, {"slug": "gom-lua"}))["tourismRoute"]
    assert route["translation"] == {"name": "Ceramics and silk", "language": {"code": "EN"}}
    assert route["stops"] == [
        {
            "position": 1,
            "title": "Bát Tràng",
            "village": {"slug": "bat-trang"},
            "collectionPoints": [{"slug": "a-local", "clickAndCollectOption": "LOCAL"}, centre],
        },
        {"position": 2, "title": "Hồ Gươm", "village": None, "collectionPoints": [centre]},
        {"position": 3, "title": "Vạn Phúc", "village": {"slug": "van-phuc"}, "collectionPoints": [centre]},
    ]


def test_products_along_the_route(api_client, places):
    in_bat_trang = listed_product(slug="binh-gom", vendor=VendorFactory(village=places["bat_trang"]))
    in_van_phuc = listed_product(slug="khan-lua", vendor=VendorFactory(village=places["van_phuc"]))
    listed_product(slug="suspended", vendor=VendorFactory(village=places["bat_trang"], status="SUSPENDED"))
    listed_product(slug="non-la", vendor=VendorFactory(village=places["elsewhere"]))
    listed_product(slug="draft", published=False, vendor=VendorFactory(village=places["van_phuc"]))
    result = data(api_client.graphql(ROUTE_PRODUCTS, {"slug": "gom-lua", "first": 10}))["tourismRoute"]
    slugs = sorted(edge["node"]["slug"] for edge in result["products"]["edges"])
    assert slugs == sorted([in_bat_trang.slug, in_van_phuc.slug])
    assert result["products"]["totalCount"] == 2


FILTERED = """query ($route: ID) { products(first: 10, filter: {tourismRoute: $route}) { edges { node { slug } } } }"""


def test_product_filter_by_route(api_client, places):
    listed_product(slug="binh-gom", vendor=VendorFactory(village=places["bat_trang"]))
    listed_product(slug="suspended", vendor=VendorFactory(village=places["bat_trang"], status="SUSPENDED"))
    listed_product(slug="non-la", vendor=VendorFactory(village=places["elsewhere"]))
    route_id = to_id("TourismRoute", places["route"].pk)
    edges = data(api_client.graphql(FILTERED, {"route": route_id}))["products"]["edges"]
    assert [e["node"]["slug"] for e in edges] == ["binh-gom"]
    draft_id = to_id("TourismRoute", TourismRoute.objects.get(slug="nhap").pk)
    assert data(api_client.graphql(FILTERED, {"route": draft_id}))["products"]["edges"] == []


VILLAGE_AND_PRODUCT = """query ($slug: String!) {
  craftVillage(slug: "bat-trang") { tourismRoutes { slug } }
  chuong: craftVillage(slug: "chuong") { tourismRoutes { slug } }
  product(slug: $slug) { tourismRoutes { slug } } }"""


def test_village_and_product_list_their_published_routes(api_client, places):
    listed_product(slug="binh-gom", vendor=VendorFactory(village=places["bat_trang"]))
    TourismRouteStop.objects.create(
        route=places["route"], position=4, title="Again", village=places["bat_trang"]
    )
    result = data(api_client.graphql(VILLAGE_AND_PRODUCT, {"slug": "binh-gom"}))
    assert result["craftVillage"]["tourismRoutes"] == [{"slug": "gom-lua"}]
    assert result["chuong"]["tourismRoutes"] == []  # only on the draft route
    assert result["product"]["tourismRoutes"] == [{"slug": "gom-lua"}]


def _count(client, query, variables=None):
    with CaptureQueriesContext(connection) as queries:
        data(client.graphql(query, variables))
    return len(queries)


def test_route_products_cost_the_same_for_1_and_20(api_client, places):
    for index in range(20):
        village = places["bat_trang"] if index % 2 else places["van_phuc"]
        listed_product(slug=f"p-{index:02}", vendor=VendorFactory(village=village))
    one = _count(api_client, ROUTE_PRODUCTS, {"slug": "gom-lua", "first": 1})
    twenty = _count(api_client, ROUTE_PRODUCTS, {"slug": "gom-lua", "first": 20})
    assert one == twenty
    result = data(api_client.graphql(ROUTE_PRODUCTS, {"slug": "gom-lua", "first": 20}))["tourismRoute"]
    assert len(result["products"]["edges"]) == 20


def test_route_stops_cost_the_same_for_1_and_3_routes(api_client, places):
    TourismRoute.objects.filter(slug="gom-lua").update(is_published=False)
    for slug in ("a", "b", "c"):
        village = CraftVillageFactory()
        vendor = VendorFactory(village=village)
        WarehouseFactory(vendor=vendor, click_and_collect_option=ClickAndCollectOption.LOCAL)
        route = TourismRoute.objects.create(slug=f"route-{slug}", name=f"Route {slug}", is_published=True)
        TourismRouteStop.objects.create(route=route, position=1, title="V", village=village)
        TourismRouteStop.objects.create(route=route, position=2, title="W", village=places["bat_trang"])
        TourismRouteStop.objects.create(route=route, position=3, title="Phố cổ")
        if slug == "a":
            one = _count(api_client, ROUTE_STOPS)
            assert len(data(api_client.graphql(ROUTE_STOPS))["tourismRoutes"]["edges"]) == 1
    assert len(data(api_client.graphql(ROUTE_STOPS))["tourismRoutes"]["edges"]) == 3
    three = _count(api_client, ROUTE_STOPS)
    assert one == three
