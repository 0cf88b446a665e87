"""The vendor policy, as a check and as a queryset, and the fields it guards."""

import pytest
from django.core.exceptions import PermissionDenied

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from tests.conftest import ApiClient, client_for, data, grant
from tests.factories import UserFactory, VendorFactory, WarehouseFactory
from vendors.shops.models import VendorMember, VendorMemberRole, VendorStatus
from vendors.shops.policies import (
    can_write_vendor,
    require_write_vendor,
    vendors_readable_by,
    vendors_writable_by,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shops(vendor_member):
    own = vendor_member.vendor_memberships.get().vendor
    WarehouseFactory(vendor=own, name="Xưởng Minh")
    other = VendorFactory(slug="other-shop")
    staff_member = UserFactory(email="staff-of-shop@example.vn")
    VendorMember.objects.create(vendor=own, user=staff_member, role=VendorMemberRole.STAFF)
    return {"own": own, "other": other, "staff_member": staff_member}


def test_members_write_only_their_active_vendor(vendor_member, shops):
    assert list(vendors_writable_by(vendor_member)) == [shops["own"]]
    assert can_write_vendor(vendor_member, shops["own"]) and not can_write_vendor(
        vendor_member, shops["other"]
    )
    with pytest.raises(PermissionDenied):
        require_write_vendor(vendor_member, shops["other"])
    assert not can_write_vendor(shops["staff_member"], shops["own"], owner_only=True)
    assert can_write_vendor(vendor_member, shops["own"], owner_only=True)
    shops["own"].status = VendorStatus.SUSPENDED
    shops["own"].save()
    assert not can_write_vendor(vendor_member, shops["own"])
    assert list(vendors_readable_by(vendor_member)) == [shops["own"]]  # may still read its own shop


def test_staff_need_the_permission_and_anonymous_gets_nothing(staff_user, shops):
    assert not vendors_writable_by(staff_user).exists()
    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS)
    assert set(vendors_writable_by(staff_user)) == {shops["own"], shops["other"]}
    assert not vendors_writable_by(None).exists() and not vendors_readable_by(None).exists()


PRIVATE = """query ($slug: String!) { vendor(slug: $slug) {
  slug commissionRate members { role user { email } } warehouses { name clickAndCollectOption } } }"""


def test_private_vendor_fields_matrix(vendor_member, customer_user, staff_user, shops):
    other_member = UserFactory(email="other-owner@example.vn")
    VendorMember.objects.create(vendor=shops["other"], user=other_member, role=VendorMemberRole.OWNER)
    vendor_admin = User.objects.create_user("vendors@langnghe.vn", "x", is_staff=True)
    grant(vendor_admin, PermissionEnum.MANAGE_VENDORS)
    slug = shops["own"].slug
    hidden = {"slug": slug, "commissionRate": None, "members": None, "warehouses": None}
    for client in (ApiClient(), client_for(customer_user), client_for(other_member), client_for(staff_user)):
        assert data(client.graphql(PRIVATE, {"slug": slug}))["vendor"] == hidden
    for user in (vendor_member, vendor_admin):
        vendor = data(client_for(user).graphql(PRIVATE, {"slug": slug}))["vendor"]
        assert vendor["commissionRate"] == "10.00"
        assert {m["user"]["email"] for m in vendor["members"]} == {
            vendor_member.email,
            "staff-of-shop@example.vn",
        }
        assert vendor["warehouses"] == [{"name": "Xưởng Minh", "clickAndCollectOption": "DISABLED"}]


def test_private_fields_of_many_shops_cost_the_same_queries_as_one(staff_user, shops):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    grant(staff_user, PermissionEnum.MANAGE_VENDORS)
    query = (
        "{ vendors(first: 50) { edges { node { commissionRate members { role } warehouses { name } } } } }"
    )
    client = client_for(staff_user)
    with CaptureQueriesContext(connection) as few:
        assert len(data(client.graphql(query))["vendors"]["edges"]) == 2
    for index in range(5):
        shop = VendorFactory(slug=f"more-{index}")
        WarehouseFactory(vendor=shop)
        VendorMember.objects.create(vendor=shop, user=UserFactory(), role=VendorMemberRole.OWNER)
    with CaptureQueriesContext(connection) as many:
        assert len(data(client.graphql(query))["vendors"]["edges"]) == 7
    assert len(few) == len(many)
