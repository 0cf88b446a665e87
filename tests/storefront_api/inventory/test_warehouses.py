"""``warehouses`` and ``warehouse``: staff with MANAGE_PRODUCTS or MANAGE_ORDERS read every
warehouse, a shop's members their own shop's, anyone else is refused; one query count for
one warehouse and for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from marketplace.accounts.permissions import PermissionEnum
from tests.conftest import client_for, grant
from tests.factories import UserFactory, VendorFactory, WarehouseFactory
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

LIST = "{ warehouses(first: 100) { totalCount edges { node { id slug name isPrivate clickAndCollectOption address { city } vendor { name } } } } }"
ONE = "query ($id: ID!) { warehouse(id: $id) { slug } }"


@pytest.fixture
def two_shops(db):  # type: ignore[no-untyped-def]
    mine, theirs = VendorFactory(name="Mine"), VendorFactory(name="Theirs")
    WarehouseFactory(vendor=mine, slug="mine-1")
    WarehouseFactory(vendor=theirs, slug="theirs-1")
    owner = UserFactory(email="owner@mine.vn")
    VendorMember.objects.create(vendor=mine, user=owner, role=VendorMemberRole.STAFF)
    return mine, theirs, owner


def denied(content) -> bool:  # type: ignore[no-untyped-def]
    return (
        bool(content.get("errors"))
        and content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    )


def test_permission_matrix(api_client, customer_api_client, staff_user, two_shops):
    mine, theirs, owner = two_shops
    theirs_id = to_global_id("Warehouse", theirs.warehouses.get().pk)
    curator = UserFactory(email="c@x.vn", is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    for client in (api_client, customer_api_client, client_for(staff_user), client_for(curator)):
        assert denied(client.graphql(LIST))
        assert denied(client.graphql(ONE, {"id": theirs_id}))
    member = client_for(owner)
    slugs = [e["node"]["slug"] for e in member.graphql(LIST)["data"]["warehouses"]["edges"]]
    assert slugs == ["mine-1"]
    assert member.graphql(ONE, {"id": theirs_id})["data"]["warehouse"] is None
    for permission in (PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS):
        staff = UserFactory(email=f"{permission.name.lower()}@x.vn", is_staff=True)
        grant(staff, permission)
        content = client_for(staff).graphql(LIST)
        assert content["data"]["warehouses"]["totalCount"] == 2
        assert client_for(staff).graphql(ONE, {"id": theirs_id})["data"]["warehouse"] == {"slug": "theirs-1"}


def test_bad_ids_and_filters(two_shops):
    mine, theirs, owner = two_shops
    staff = UserFactory(email="p@x.vn", is_staff=True)
    grant(staff, PermissionEnum.MANAGE_PRODUCTS)
    client = client_for(staff)
    assert client.graphql(ONE, {"id": "not-an-id"})["errors"]
    assert client.graphql(ONE, {"id": to_global_id("Product", 1)})["errors"]
    found = client.graphql('{ warehouses(first: 10, filter: {search: "Mine"}) { totalCount } }')
    assert "errors" not in found


def test_one_and_many_warehouses_cost_the_same(two_shops):
    staff = UserFactory(email="o@x.vn", is_staff=True)
    grant(staff, PermissionEnum.MANAGE_ORDERS)
    client = client_for(staff)
    with CaptureQueriesContext(connection) as one:
        content = client.graphql(LIST)
    assert content["data"]["warehouses"]["totalCount"] == 2
    for index in range(10):
        WarehouseFactory(vendor=VendorFactory(), slug=f"w-{index}")
    with CaptureQueriesContext(connection) as many:
        content = client.graphql(LIST)
    assert content["data"]["warehouses"]["totalCount"] == 12
    assert len(one) == len(many)
