"""Staff writes of tourism routes: who may call them, and typed errors for bad input."""

import pytest

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.routes.models import TourismRoute, TourismRouteStop
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import CraftVillageFactory

pytestmark = pytest.mark.django_db

CREATE = """mutation ($input: TourismRouteInput!) { tourismRouteCreate(input: $input) {
  tourismRoute { slug name distanceKm durationHours isPublished } errors { field code message } } }"""
UPDATE = """mutation ($id: ID!, $input: TourismRouteInput!) { tourismRouteUpdate(id: $id, input: $input) {
  tourismRoute { slug name distanceKm } errors { field code message } } }"""
STOPS_SET = """mutation ($id: ID!, $stops: [TourismRouteStopInput!]!) { tourismRouteStopsSet(id: $id, stops: $stops) {
  tourismRoute { stops { position title visitMinutes village { slug } } } errors { field code message } } }"""


@pytest.fixture
def parties(customer_user, vendor_member, staff_user):
    allowed = User.objects.create_user("tuyen@langnghe.vn", "x", is_staff=True)
    grant(allowed, PermissionEnum.MANAGE_ROUTES)
    return {
        "anonymous": ApiClient(),
        "customer": client_for(customer_user),
        "vendor member": client_for(vendor_member),
        "staff without the permission": client_for(staff_user),
        "allowed staff": client_for(allowed),
    }


@pytest.fixture
def route():
    return TourismRoute.objects.create(slug="gom-va-lua", name="Gốm và lụa", distance_km=30)


REFUSED = ("anonymous", "customer", "vendor member", "staff without the permission")


def test_create_matrix(parties):
    for party in REFUSED:
        content = parties[party].graphql(CREATE, {"input": {"name": f"Tuyến {party}"}})
        assert content["data"]["tourismRouteCreate"] is None, party
        assert error_codes(content) == ["PermissionDenied"], party
    assert not TourismRoute.objects.exists()
    result = data(
        parties["allowed staff"].graphql(
            CREATE, {"input": {"name": "Gốm Bát Tràng", "distanceKm": 15.5, "durationHours": 4}}
        )
    )
    assert result["tourismRouteCreate"] == {
        "tourismRoute": {
            "slug": "gom-bat-trang",
            "name": "Gốm Bát Tràng",
            "distanceKm": 15.5,
            "durationHours": 4.0,
            "isPublished": False,
        },
        "errors": [],
    }


def test_update_matrix(parties, route):
    for party in REFUSED:
        content = parties[party].graphql(
            UPDATE, {"id": to_id("TourismRoute", route.pk), "input": {"name": "Hacked"}}
        )
        assert error_codes(content) == ["PermissionDenied"], party
    route.refresh_from_db()
    assert route.name == "Gốm và lụa"
    result = data(
        parties["allowed staff"].graphql(
            UPDATE, {"id": to_id("TourismRoute", route.pk), "input": {"name": "Mới", "distanceKm": None}}
        )
    )
    assert result["tourismRouteUpdate"] == {
        "tourismRoute": {"slug": "gom-va-lua", "name": "Mới", "distanceKm": None},
        "errors": [],
    }


def test_stops_set_matrix(parties, route):
    village = CraftVillageFactory(slug="bat-trang")
    stops = [{"title": "Bát Tràng", "villageId": to_id("CraftVillage", village.pk), "visitMinutes": 120}]
    for party in REFUSED:
        content = parties[party].graphql(STOPS_SET, {"id": to_id("TourismRoute", route.pk), "stops": stops})
        assert error_codes(content) == ["PermissionDenied"], party
    assert not TourismRouteStop.objects.exists()
    result = data(
        parties["allowed staff"].graphql(STOPS_SET, {"id": to_id("TourismRoute", route.pk), "stops": stops})
    )
    assert result["tourismRouteStopsSet"] == {
        "tourismRoute": {
            "stops": [
                {"position": 1, "title": "Bát Tràng", "visitMinutes": 120, "village": {"slug": "bat-trang"}}
            ]
        },
        "errors": [],
    }


@pytest.fixture
def manager_client():
    user = User.objects.create_user("tuyen2@langnghe.vn", "x", is_staff=True)
    grant(user, PermissionEnum.MANAGE_ROUTES)
    return client_for(user)


def errors_of(content, name):
    return [(e["field"], e["code"]) for e in data(content)[name]["errors"]]


def test_slug_clash_is_unique_error(manager_client, route):
    other = TourismRoute.objects.create(slug="other", name="Other")
    content = manager_client.graphql(CREATE, {"input": {"name": "X", "slug": "gom-va-lua"}})
    assert errors_of(content, "tourismRouteCreate") == [("slug", "UNIQUE")]
    assert data(content)["tourismRouteCreate"]["tourismRoute"] is None
    content = manager_client.graphql(
        UPDATE, {"id": to_id("TourismRoute", other.pk), "input": {"slug": "gom-va-lua", "name": "Changed"}}
    )
    assert errors_of(content, "tourismRouteUpdate") == [("slug", "UNIQUE")]
    assert TourismRoute.objects.filter(slug="other", name="Other").exists()
    assert TourismRoute.objects.count() == 2


def test_create_requires_a_name_and_sane_numbers(manager_client):
    assert errors_of(manager_client.graphql(CREATE, {"input": {"slug": "x"}}), "tourismRouteCreate") == [
        ("name", "REQUIRED")
    ]
    content = manager_client.graphql(CREATE, {"input": {"name": "X", "durationHours": -2}})
    assert errors_of(content, "tourismRouteCreate") == [("durationHours", "OUT_OF_RANGE")]
    assert not TourismRoute.objects.exists()


def test_update_of_unknown_route_is_not_found(manager_client):
    content = manager_client.graphql(UPDATE, {"id": to_id("TourismRoute", 999999), "input": {"name": "X"}})
    assert errors_of(content, "tourismRouteUpdate") == [("id", "NOT_FOUND")]


def test_stop_with_unknown_village_changes_nothing(manager_client, route):
    TourismRouteStop.objects.create(route=route, position=1, title="Cũ")
    stops = [{"title": "A"}, {"title": "B", "villageId": to_id("CraftVillage", 999999)}]
    content = manager_client.graphql(STOPS_SET, {"id": to_id("TourismRoute", route.pk), "stops": stops})
    assert errors_of(content, "tourismRouteStopsSet") == [("stops", "NOT_FOUND")]
    assert list(route.stops.values_list("position", "title")) == [(1, "Cũ")]
    wrong_type = [{"title": "B", "villageId": to_id("Product", 1)}]
    content = manager_client.graphql(STOPS_SET, {"id": to_id("TourismRoute", route.pk), "stops": wrong_type})
    assert errors_of(content, "tourismRouteStopsSet") == [("stops", "INVALID")]


def test_stop_limits(manager_client, route):
    many = [{"title": f"Điểm {i}"} for i in range(31)]
    content = manager_client.graphql(STOPS_SET, {"id": to_id("TourismRoute", route.pk), "stops": many})
    assert errors_of(content, "tourismRouteStopsSet") == [("stops", "OUT_OF_RANGE")]
    content = manager_client.graphql(
        STOPS_SET, {"id": to_id("TourismRoute", route.pk), "stops": [{"title": "A", "visitMinutes": 1441}]}
    )
    assert errors_of(content, "tourismRouteStopsSet") == [("stops", "OUT_OF_RANGE")]
    content = manager_client.graphql(
        STOPS_SET, {"id": to_id("TourismRoute", route.pk), "stops": [{"title": ""}]}
    )
    assert errors_of(content, "tourismRouteStopsSet") == [("stops", "REQUIRED")]
    assert not route.stops.exists()


def test_replaced_stop_list_is_exactly_the_new_one(manager_client, route):
    a, b = CraftVillageFactory(slug="a"), CraftVillageFactory(slug="b")
    first = [
        {"title": "A", "villageId": to_id("CraftVillage", a.pk)},
        {"title": "Hồ Gươm"},
        {"title": "B", "villageId": to_id("CraftVillage", b.pk)},
    ]
    data(manager_client.graphql(STOPS_SET, {"id": to_id("TourismRoute", route.pk), "stops": first}))
    second = [{"title": "B", "villageId": to_id("CraftVillage", b.pk)}, {"title": "A2", "visitMinutes": 0}]
    result = data(manager_client.graphql(STOPS_SET, {"id": to_id("TourismRoute", route.pk), "stops": second}))
    assert result["tourismRouteStopsSet"]["tourismRoute"]["stops"] == [
        {"position": 1, "title": "B", "visitMinutes": None, "village": {"slug": "b"}},
        {"position": 2, "title": "A2", "visitMinutes": 0, "village": None},
    ]
    assert list(route.stops.order_by("position").values_list("position", "title")) == [(1, "B"), (2, "A2")]
