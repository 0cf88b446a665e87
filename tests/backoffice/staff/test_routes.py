"""Staff's tourism-route screens: MANAGE_ROUTES only; create and edit a route (the service's
range errors beside their fields, in Vietnamese, the rest kept), set its stops in order,
and the list's query count does not grow with its rows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.accounts.permissions import PermissionEnum
from marketplace.routes.models import TourismRoute, TourismRouteStop
from tests.backoffice.conftest import form_token, signed_in
from tests.backoffice.staff.conftest import staff_with
from tests.factories import CraftVillageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def routes_client(db):  # type: ignore[no-untyped-def]
    return signed_in(staff_with(PermissionEnum.MANAGE_ROUTES, email="routes@langnghe.vn"))


@pytest.fixture
def route(db):  # type: ignore[no-untyped-def]
    return TourismRoute.objects.create(slug="gom-lua", name="Gốm và lụa", is_published=False)


def test_authorization_matrix(route, customer_user, owner, vendors_staff, curator):
    pages = [
        reverse("backoffice:staff-routes"),
        reverse("backoffice:staff-route-new"),
        reverse("backoffice:staff-route", args=[route.pk]),
    ]
    for url in pages:
        assert Client().get(url).status_code == 302
    for user in (customer_user, owner, vendors_staff, curator):
        client = signed_in(user)
        for url in pages:
            assert client.get(url).status_code == 403, (user.email, url)
        response = client.post(
            reverse("backoffice:staff-route", args=[route.pk]), {"name": "X", "form_token": "t"}
        )
        assert response.status_code == 403
    route.refresh_from_db()
    assert route.name == "Gốm và lụa"


def test_create_with_bad_input_then_fix_it(routes_client):
    url = reverse("backoffice:staff-route-new")
    token = form_token(routes_client.get(url))
    response = routes_client.post(
        url, {"form_token": token, "name": "Làng nghề phía Nam", "distance_km": "-5", "duration_hours": "abc"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập một số." in html.split('id="id_duration_hours_error"', 1)[1].split("</ul>", 1)[0]
    assert TourismRoute.objects.count() == 0
    response = routes_client.post(
        url, {"form_token": token, "name": "Làng nghề phía Nam", "distance_km": "-5", "duration_hours": "6"}
    )
    html = response.content.decode()
    error = html.split('id="id_distance_km_error"', 1)[1].split("</ul>", 1)[0]
    assert "Phải nằm trong khoảng từ 0 đến 2000." in error
    assert 'value="Làng nghề phía Nam"' in html
    response = routes_client.post(
        url, {"form_token": token, "name": "Làng nghề phía Nam", "distance_km": "42,5", "duration_hours": "6"}
    )
    assert response.status_code == 302
    created = TourismRoute.objects.get()
    assert created.slug == "lang-nghe-phia-nam" and created.distance_km == 42.5 and not created.is_published


def test_set_the_stops(routes_client, route):
    villages = [CraftVillageFactory(name="Bát Tràng"), CraftVillageFactory(name="Vạn Phúc")]
    page = reverse("backoffice:staff-route", args=[route.pk])
    token = form_token(routes_client.get(page))
    stops = {
        "form_token": token,
        "stops-TOTAL_FORMS": "3",
        "stops-INITIAL_FORMS": "0",
        "stops-0-title": "Làng gốm Bát Tràng",
        "stops-0-village": str(villages[0].pk),
        "stops-0-visit_minutes": "90",
        "stops-1-title": "",
        "stops-2-title": "Làng lụa Vạn Phúc",
        "stops-2-village": str(villages[1].pk),
        "stops-2-visit_minutes": "5000",
    }
    url = reverse("backoffice:staff-route-stops", args=[route.pk])
    response = routes_client.post(url, stops)
    assert response.status_code == 200
    assert "Đảm bảo giá trị này là nhỏ hơn hoặc bằng với 1440" in response.content.decode()
    assert not TourismRouteStop.objects.exists()
    stops["stops-2-visit_minutes"] = "60"
    response = routes_client.post(url, stops)
    assert response.status_code == 302
    saved = list(
        route.stops.order_by("position").values_list("position", "title", "village__name", "visit_minutes")
    )
    assert saved == [(1, "Làng gốm Bát Tràng", "Bát Tràng", 90), (2, "Làng lụa Vạn Phúc", "Vạn Phúc", 60)]
    assert "Làng lụa Vạn Phúc" in routes_client.get(page).content.decode()


def test_the_list_costs_the_same_for_one_and_many(routes_client, route):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert routes_client.get(reverse("backoffice:staff-routes")).status_code == 200
        return len(captured)

    one = count()
    for index in range(10):
        other = TourismRoute.objects.create(slug=f"r-{index}", name=f"Tuyến {index}")
        TourismRouteStop.objects.create(route=other, position=1, title="Điểm 1")
    assert count() == one
