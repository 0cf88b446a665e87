import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.routes import services
from marketplace.routes.models import TourismRoute, TourismRouteStop
from marketplace.routes.services import StopData
from tests.conftest import grant
from tests.factories import CraftVillageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    user = UserFactory(is_staff=True)
    grant(user, PermissionEnum.MANAGE_ROUTES)
    return user


def codes(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, e.code) for field, errors in error.error_dict.items() for e in errors]  # type: ignore[misc]


def test_create_makes_the_slug_from_the_vietnamese_name(manager):
    first = services.route_create(actor=manager, name="Gốm Bát Tràng – Lụa Vạn Phúc")
    second = services.route_create(actor=manager, name="Gốm Bát Tràng - Lụa Vạn Phúc")
    assert first.slug == "gom-bat-trang-lua-van-phuc"
    assert second.slug == "gom-bat-trang-lua-van-phuc-2"
    assert first.is_published is False


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"name": "  "}, [("name", "REQUIRED")]),
        ({"name": None}, [("name", "REQUIRED")]),
        ({"name": "A", "distance_km": -1.0}, [("distance_km", "OUT_OF_RANGE")]),
        ({"name": "A", "distance_km": 50000.0}, [("distance_km", "OUT_OF_RANGE")]),
        ({"name": "A", "duration_hours": -0.5}, [("duration_hours", "OUT_OF_RANGE")]),
        ({"name": "A", "slug": "Not A Slug"}, [("slug", "INVALID")]),
        ({"name": "A", "slug": "taken"}, [("slug", "UNIQUE")]),
    ],
)
def test_create_refuses_bad_input(manager, fields, expected):
    TourismRoute.objects.create(slug="taken", name="Taken")
    with pytest.raises(ValidationError) as raised:
        services.route_create(actor=manager, **fields)
    assert codes(raised.value) == expected
    assert TourismRoute.objects.count() == 1


def test_update_changes_only_the_given_fields(manager):
    route = TourismRoute.objects.create(slug="r", name="R", distance_km=12.5, description="d")
    services.route_update(actor=manager, route=route, name="Tuyến mới", distance_km=None)
    route.refresh_from_db()
    assert (route.name, route.slug, route.distance_km, route.description) == ("Tuyến mới", "r", None, "d")


def test_update_keeps_its_own_slug_but_not_another(manager):
    route = TourismRoute.objects.create(slug="r", name="R")
    TourismRoute.objects.create(slug="other", name="O")
    services.route_update(actor=manager, route=route, slug="r")
    with pytest.raises(ValidationError) as raised:
        services.route_update(actor=manager, route=route, slug="other", name="Changed")
    assert codes(raised.value) == [("slug", "UNIQUE")]
    route.refresh_from_db()
    assert (route.slug, route.name) == ("r", "R")


def test_stops_set_replaces_the_whole_list_in_order(manager):
    village, other = CraftVillageFactory(), CraftVillageFactory()
    route = TourismRoute.objects.create(slug="r", name="R")
    services.route_stops_set(
        actor=manager,
        route=route,
        stops=[StopData(title="A", village_id=village.pk), StopData(title="B"), StopData(title="C")],
    )
    services.route_stops_set(
        actor=manager,
        route=route,
        stops=[StopData(title="Z", village_id=other.pk, visit_minutes=90), StopData(title="A")],
    )
    rows = list(TourismRouteStop.objects.filter(route=route).values_list("position", "title", "village_id"))
    assert rows == [(1, "Z", other.pk), (2, "A", None)]
    services.route_stops_set(actor=manager, route=route, stops=[])
    assert not TourismRouteStop.objects.filter(route=route).exists()


@pytest.mark.parametrize(
    ("stops", "code"),
    [
        ([StopData(title="A", village_id=999_999)], "NOT_FOUND"),
        ([StopData(title=" ")], "REQUIRED"),
        ([StopData(title="A", visit_minutes=1441)], "OUT_OF_RANGE"),
        ([StopData(title="A", visit_minutes=-1)], "OUT_OF_RANGE"),
        ([StopData(title=f"S{i}") for i in range(31)], "OUT_OF_RANGE"),
    ],
)
def test_stops_set_refuses_bad_stops_and_changes_nothing(manager, stops, code):
    route = TourismRoute.objects.create(slug="r", name="R")
    TourismRouteStop.objects.create(route=route, position=1, title="Old")
    with pytest.raises(ValidationError) as raised:
        services.route_stops_set(actor=manager, route=route, stops=[StopData(title="ok"), *stops])
    assert codes(raised.value) == [("stops", code)]
    assert list(route.stops.values_list("title", flat=True)) == ["Old"]


def test_services_refuse_actors_without_the_permission():
    staff = UserFactory(is_staff=True)
    route = TourismRoute.objects.create(slug="r", name="R")
    with pytest.raises(PermissionDenied):
        services.route_create(actor=staff, name="X")
    with pytest.raises(PermissionDenied):
        services.route_update(actor=None, route=route, name="X")
    with pytest.raises(PermissionDenied):
        services.route_stops_set(actor=staff, route=route, stops=[])
    assert TourismRoute.objects.count() == 1
