"""Django's admin at /studio/admin/: the back office's session and sign-in, staff only, each
model behind the marketplace permission that governs it, read-only, and its actions are the
domain's services (a refusal is reported, nothing else changes). Query counts of a list do
not grow with its rows."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.accounts.permissions import PermissionEnum
from tests.backoffice.conftest import signed_in
from tests.backoffice.staff.conftest import staff_with
from tests.factories import UserFactory, VendorFactory
from vendors.shops.models import VendorMember, VendorMemberRole, VendorStatus

pytestmark = pytest.mark.django_db

INDEX = "/studio/admin/"
VENDORS = "/studio/admin/shops/vendor/"
PRODUCTS = "/studio/admin/catalog/product/"


def test_only_staff_signed_in_to_the_back_office_open_it(customer_user, owner):
    response = Client().get(INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith("/studio/sign-in/?next=/studio/admin/")
    assert Client().get(VENDORS)["Location"] == f"/studio/sign-in/?next={VENDORS}"
    assert (
        Client().get("/studio/admin/login/?next=/studio/admin/")["Location"]
        == "/studio/sign-in/?next=/studio/admin/"
    )
    for user in (customer_user, owner):
        client = signed_in(user)
        for url in (INDEX, VENDORS, "/studio/admin/login/"):
            assert client.get(url).status_code == 403, (user.email, url)
    # staff holding no permission of a model see the index, empty, and 403 on the models
    bare = signed_in(staff_with(PermissionEnum.MANAGE_ORDERS))
    assert bare.get(INDEX).status_code == 200 and bare.get(VENDORS).status_code == 403
    assert signed_in(staff_with(PermissionEnum.MANAGE_VENDORS)).get(INDEX).status_code == 200


def test_each_model_behind_its_permission_and_read_only(shop):
    client = signed_in(staff_with(PermissionEnum.MANAGE_VENDORS))
    index = client.get(INDEX).content.decode()
    assert VENDORS in index and PRODUCTS not in index
    assert client.get(VENDORS).status_code == 200
    assert client.get(f"{VENDORS}{shop.pk}/change/").status_code == 200
    assert client.get(PRODUCTS).status_code == 403
    assert client.get(f"{VENDORS}add/").status_code == 403
    response = client.post(f"{VENDORS}{shop.pk}/change/", {"name": "Đổi tên", "commission_rate": "40"})
    assert response.status_code == 403
    assert client.post(f"{VENDORS}{shop.pk}/delete/", {"post": "yes"}).status_code == 403
    shop.refresh_from_db()
    assert shop.name == "Gốm Minh Châu" and shop.status == VendorStatus.ACTIVE
    products = signed_in(staff_with(PermissionEnum.MANAGE_PRODUCTS))
    assert products.get(PRODUCTS).status_code == 200 and products.get(VENDORS).status_code == 403


def _action(client, action: str, *vendors):  # type: ignore[no-untyped-def]
    return client.post(
        VENDORS, {"action": action, "_selected_action": [v.pk for v in vendors], "index": 0}, follow=True
    )


def test_actions_call_the_services(shop, owner):
    client = signed_in(staff_with(PermissionEnum.MANAGE_VENDORS))
    response = _action(client, "suspend", shop)
    assert response.status_code == 200
    shop.refresh_from_db()
    assert shop.status == VendorStatus.SUSPENDED
    assert [message.to for message in mail.outbox] == [[owner.email]]
    # a second suspension is the service's refusal, reported for that row
    pending = VendorFactory(name="Nón lá", status=VendorStatus.PENDING)
    response = _action(client, "suspend", shop, pending)
    page = response.content.decode()
    assert "Gốm Minh Châu: Không thể tạm ngừng" in page and "Nón lá: Không thể tạm ngừng" in page
    response = _action(client, "approve", shop, pending)
    shop.refresh_from_db()
    pending.refresh_from_db()
    assert shop.status == pending.status == VendorStatus.ACTIVE


def test_the_shop_list_costs_the_same_for_one_and_many(shop):
    client = signed_in(staff_with(PermissionEnum.MANAGE_VENDORS))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(VENDORS).status_code == 200
        return len(captured)

    one = count()
    for index in range(15):
        vendor = VendorFactory(name=f"Xưởng {index}")
        VendorMember.objects.create(vendor=vendor, user=UserFactory(), role=VendorMemberRole.OWNER)
    assert count() == one
