"""Route descriptions are plain text (``String`` in the contract): tourismRouteCreate and
tourismRouteUpdate strip any markup, and refuse an oversized one without writing."""

import pytest

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.routes.models import TourismRoute
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data, grant

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Một ngày <b>gốm</b> và lụa</p><script>trommatkhau()</script>'
    "&lt;svg onload=alert(1)&gt; <a href='JaVaScRiPt:alert(1)'>ven sông Hồng</a>"
)
CLEANED = "Một ngày gốm và lụa ven sông Hồng"
CREATE = """mutation ($input: TourismRouteInput!) { tourismRouteCreate(input: $input) {
  tourismRoute { slug description } errors { field code message } } }"""
UPDATE = """mutation ($id: ID!, $input: TourismRouteInput!) { tourismRouteUpdate(id: $id, input: $input) {
  tourismRoute { name description } errors { field code message } } }"""
READ = 'query { tourismRoute(slug: "gom-va-lua") { description } }'


@pytest.fixture
def manager(db):
    user = User.objects.create_user("tuyen@langnghe.vn", "x", is_staff=True)
    grant(user, PermissionEnum.MANAGE_ROUTES)
    return client_for(user)


def test_route_create_and_update_strip_markup(manager):
    created = data(
        manager.graphql(
            CREATE,
            {
                "input": {
                    "name": "Gốm và lụa",
                    "slug": "gom-va-lua",
                    "description": HOSTILE,
                    "isPublished": True,
                }
            },
        )
    )
    assert created["tourismRouteCreate"] == {
        "tourismRoute": {"slug": "gom-va-lua", "description": CLEANED},
        "errors": [],
    }
    assert data(ApiClient().graphql(READ))["tourismRoute"] == {"description": CLEANED}

    route = TourismRoute.objects.get()
    updated = data(
        manager.graphql(
            UPDATE, {"id": to_id("TourismRoute", route.pk), "input": {"description": "<i>Mới</i> " + HOSTILE}}
        )
    )
    assert updated["tourismRouteUpdate"] == {
        "tourismRoute": {"name": "Gốm và lụa", "description": "Mới " + CLEANED},
        "errors": [],
    }
    route.refresh_from_db()
    assert route.description == "Mới " + CLEANED


def test_an_oversized_description_is_refused_and_nothing_changes(manager):
    route = TourismRoute.objects.create(slug="gom-va-lua", name="Gốm và lụa", description="Cũ")
    refused = data(
        manager.graphql(
            UPDATE,
            {"id": to_id("TourismRoute", route.pk), "input": {"name": "Mới", "description": "a" * 5001}},
        )
    )
    assert [(e["field"], e["code"]) for e in refused["tourismRouteUpdate"]["errors"]] == [
        ("description", "INVALID")
    ]
    route.refresh_from_db()
    assert (route.name, route.description) == ("Gốm và lụa", "Cũ")
    created = data(manager.graphql(CREATE, {"input": {"name": "Khác", "description": "a" * 5001}}))
    assert [(e["field"], e["code"]) for e in created["tourismRouteCreate"]["errors"]] == [
        ("description", "INVALID")
    ]
    assert TourismRoute.objects.count() == 1
