"""The shop services called directly, as the back office will: applying, approving and
suspending, editing the profile and adding members. Who may, the state after, typed
errors with nothing written on a refusal, and what each costs."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.inventory.models import Warehouse
from tests.factories import UserFactory, VendorFactory
from tests.service_helpers import allowed_callers, error_codes, member_of, refused_callers, snapshot
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus
from vendors.shops.services import (
    vendor_apply,
    vendor_approve,
    vendor_member_add,
    vendor_suspend,
    vendor_update,
)

pytestmark = pytest.mark.django_db

WORKSHOP = {
    "first_name": "Minh",
    "last_name": "Trần",
    "street_address_1": "Xóm 3",
    "city": "xa bat trang",
    "country_area": "ha noi",
    "postal_code": "12400",
    "country": "VN",
    "phone": "0912345678",
}


def everything() -> list:
    return [
        list(Vendor.objects.order_by("pk").values()),
        list(VendorMember.objects.order_by("pk").values()),
        Warehouse.objects.count(),
    ]


# ---------------------------------------------------------------- apply


def test_a_person_applies_for_a_pending_shop_with_its_workshop(seeded_channels):
    applicant = UserFactory(email="minh@example.vn")
    vendor = vendor_apply(
        actor=applicant, name="  Gốm Minh  ", village_id=None, phone="0912 345 678", address=WORKSHOP
    )
    assert (vendor.name, vendor.status, vendor.phone, vendor.slug) == (
        "Gốm Minh",
        VendorStatus.PENDING,
        "+84912345678",
        "gom-minh",
    )
    assert list(vendor.members.values_list("user_id", "role")) == [(applicant.pk, "OWNER")]
    workshop = vendor.warehouses.get()
    assert (workshop.name, workshop.email, workshop.address.country_area) == (
        "Xưởng Gốm Minh",
        "minh@example.vn",
        "Thành phố Hà Nội",
    )
    before = everything()
    with pytest.raises(ValidationError) as twice:
        vendor_apply(actor=applicant, name="Gốm Minh 2", village_id=None, address=WORKSHOP)
    assert error_codes(twice.value) == {"name": ["ALREADY_EXISTS"]}
    assert everything() == before


def test_only_a_person_applies(seeded_channels):
    app, _ = app_create(name="storefront", permissions=list(PermissionEnum))
    for actor in (None, app, SYSTEM):
        with pytest.raises(PermissionDenied):
            vendor_apply(actor=actor, name="Gốm", village_id=None, address=WORKSHOP)
    assert everything() == [[], [], 0]


def test_a_bad_application_is_a_typed_error_and_writes_nothing(seeded_channels):
    applicant = UserFactory()
    cases = [
        ({"name": "  "}, {"name": ["REQUIRED"]}),
        ({"name": "x" * 121}, {"name": ["INVALID"]}),
        ({"village_id": 10**9}, {"village_id": ["NOT_FOUND"]}),
        ({"phone": "12"}, {"phone": ["INVALID_PHONE"]}),
        ({"address": None}, {"address": ["REQUIRED"]}),
        ({"description": "x" * 5001}, {"description": ["INVALID"]}),
    ]
    for change, expected in cases:
        arguments = {"name": "Gốm", "village_id": None, "address": WORKSHOP, **change}
        with pytest.raises(ValidationError) as refused:
            vendor_apply(actor=applicant, **arguments)
        assert error_codes(refused.value) == expected, change
        assert everything() == [[], [], 0]


# ---------------------------------------------------------------- approve and suspend


def test_approve_then_suspend_and_the_owners_are_told(django_capture_on_commit_callbacks):
    vendor = VendorFactory(status=VendorStatus.PENDING)
    owner = member_of(vendor)
    admin = allowed_callers(shop=None, permission=PermissionEnum.MANAGE_VENDORS)["staff with the permission"]
    with django_capture_on_commit_callbacks(execute=True):
        assert vendor_approve(actor=admin, vendor=vendor).status == VendorStatus.ACTIVE
        vendor_suspend(actor=SYSTEM, vendor=vendor, reason="  Hàng giả  ")
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.SUSPENDED
    assert [m.to for m in mail.outbox] == [[owner.email], [owner.email]]
    assert "Hàng giả" in mail.outbox[1].body
    with django_capture_on_commit_callbacks(execute=True):
        vendor_approve(actor=admin, vendor=vendor)  # a suspended shop is approved again
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.ACTIVE


def test_who_may_approve_and_suspend():
    """Only MANAGE_VENDORS: the shop's own OWNER cannot approve it nor lift a suspension."""
    pending = VendorFactory(status=VendorStatus.PENDING)
    active = VendorFactory()
    refused = {
        **refused_callers(other_shop=VendorFactory(), permission=PermissionEnum.MANAGE_VENDORS),
        "its OWNER": member_of(pending),
    }
    before = everything()
    for name, actor in refused.items():
        with pytest.raises(PermissionDenied):
            vendor_approve(actor=actor, vendor=pending)
        with pytest.raises(PermissionDenied):
            vendor_suspend(actor=actor, vendor=active)
        assert everything() == before, name
    for name, actor in allowed_callers(shop=None, permission=PermissionEnum.MANAGE_VENDORS).items():
        shop = VendorFactory(status=VendorStatus.PENDING)
        assert vendor_approve(actor=actor, vendor=shop).status == VendorStatus.ACTIVE, name
        assert vendor_suspend(actor=actor, vendor=shop).status == VendorStatus.SUSPENDED, name


def test_a_status_that_cannot_change_is_a_typed_error():
    active, rejected = VendorFactory(), VendorFactory(status=VendorStatus.REJECTED)
    before = everything()
    for call, vendor in ((vendor_approve, active), (vendor_approve, rejected), (vendor_suspend, rejected)):
        with pytest.raises(ValidationError) as refused:
            call(actor=SYSTEM, vendor=vendor)
        assert error_codes(refused.value) == {"id": ["INVALID_STATUS"]}
        assert everything() == before


# ---------------------------------------------------------------- profile and members


def test_the_owner_edits_the_profile():
    vendor = VendorFactory(name="Gốm cũ")
    vendor_update(
        actor=member_of(vendor), vendor=vendor, data={"name": "Gốm Minh", "description": "<b>Đẹp</b>"}
    )
    stored = Vendor.objects.get(pk=vendor.pk)
    assert (stored.name, stored.description) == ("Gốm Minh", "Đẹp")
    assert "gom minh" in stored.search_document


def test_who_may_edit_a_shop_and_its_members():
    vendor = VendorFactory()
    newcomer = UserFactory(email="tho@example.vn")
    refused = {
        **refused_callers(other_shop=VendorFactory(), permission=PermissionEnum.MANAGE_VENDORS),
        "its STAFF member": member_of(vendor, VendorMemberRole.STAFF),
    }
    suspended = VendorFactory(status=VendorStatus.SUSPENDED)
    refused_on_suspended = member_of(suspended)
    before = everything()
    for name, actor in refused.items():
        with pytest.raises(PermissionDenied):
            vendor_update(actor=actor, vendor=vendor, data={"name": "X"})
        with pytest.raises(PermissionDenied):
            vendor_member_add(actor=actor, vendor=vendor, email=newcomer.email, role="STAFF")
        assert everything() == before, name
    with pytest.raises(PermissionDenied):
        vendor_member_add(actor=refused_on_suspended, vendor=suspended, email=newcomer.email, role="STAFF")
    assert everything() == before
    allowed = allowed_callers(shop=vendor, permission=PermissionEnum.MANAGE_VENDORS, roles=("OWNER",))
    for index, (name, actor) in enumerate(allowed.items()):
        vendor_update(actor=actor, vendor=vendor, data={"phone": f"091234567{index}"})
        person = UserFactory()
        assert (
            vendor_member_add(actor=actor, vendor=vendor, email=person.email, role="STAFF").user == person
        ), name


def test_a_bad_member_is_a_typed_error_and_writes_nothing():
    vendor = VendorFactory()
    owner = member_of(vendor)
    inactive = UserFactory(is_active=False)
    cases = [
        ({"email": "nobody@example.vn", "role": "STAFF"}, {"email": ["NOT_FOUND"]}),
        ({"email": inactive.email, "role": "STAFF"}, {"email": ["NOT_FOUND"]}),
        ({"email": owner.email, "role": "STAFF"}, {"email": ["UNIQUE"]}),
        ({"email": UserFactory().email, "role": "ADMIN"}, {"role": ["INVALID"]}),
    ]
    before = everything()
    for arguments, expected in cases:
        with pytest.raises(ValidationError) as refused:
            vendor_member_add(actor=owner, vendor=vendor, **arguments)
        assert error_codes(refused.value) == expected, arguments
        assert everything() == before


def test_shop_writes_cost(django_assert_num_queries):
    vendor = VendorFactory()
    owner = User.objects.get(pk=member_of(vendor).pk)
    person = UserFactory()
    with django_assert_num_queries(5):  # memberships, the person, the insert between a savepoint pair
        vendor_member_add(actor=owner, vendor=vendor, email=person.email, role="STAFF")
    before = snapshot(vendor)
    owner = User.objects.get(pk=owner.pk)
    with django_assert_num_queries(5):  # memberships, the locked read, one UPDATE of the changed columns
        vendor_update(actor=owner, vendor=vendor, data={"name": "Gốm Minh"})
    assert snapshot(vendor) != before
