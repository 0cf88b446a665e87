"""Every staff page costs a fixed number of SQL queries, whatever the number of rows it
shows: few rows and many cost the same, and the numbers are pinned (session, user, the
role gate's permissions, then the page's own reads)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.accounts.models import Group
from marketplace.accounts.permissions import PermissionEnum, permission_objects
from marketplace.catalog.models import Attribute, AttributeValue, Category, ProductType
from marketplace.routes.models import TourismRoute, TourismRouteStop
from marketplace.shipping.models import ShippingMethod, ShippingZone
from tests.backoffice.conftest import signed_in
from tests.backoffice.staff.conftest import staff_with
from tests.factories import CraftVillageFactory, UserFactory, VendorFactory
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

PINS = {
    "backoffice:staff-home": 5,
    "backoffice:staff-shops": 6,
    "backoffice:staff-catalogue": 7,
    "backoffice:staff-shipping": 6,
    "backoffice:staff-routes": 5,
    "backoffice:staff-groups": 5,
    "backoffice:staff-category-new": 5,
    "backoffice:staff-product-type-new": 5,
}


def count(client, name: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name))
    assert response.status_code == 200, name
    return len(captured)


def grow(index: int) -> None:
    vendor = VendorFactory(name=f"Xưởng {index}")
    VendorMember.objects.create(vendor=vendor, user=UserFactory(), role=VendorMemberRole.OWNER)  # type: ignore[misc]
    parent = Category.objects.create(name=f"Danh mục {index}", slug=f"dm-{index}")
    Category.objects.create(name=f"Con {index}", slug=f"con-{index}", parent=parent, level=1)
    ProductType.objects.create(name=f"Loại {index}", slug=f"loai-{index}")
    attribute = Attribute.objects.create(name=f"Thuộc tính {index}", slug=f"tt-{index}")
    AttributeValue.objects.create(attribute=attribute, name="A", slug="a")
    zone = ShippingZone.objects.create(name=f"Vùng {index}", slug=f"vung-{index}")
    ShippingMethod.objects.create(zone=zone, name="Thường", base_price_amount=20_000)
    route = TourismRoute.objects.create(slug=f"tuyen-{index}", name=f"Tuyến {index}")
    TourismRouteStop.objects.create(route=route, position=1, title="Điểm", village=CraftVillageFactory())  # type: ignore[misc]
    group = Group.objects.create(name=f"Nhóm {index}")
    group.permissions.set(permission_objects([PermissionEnum.MANAGE_ORDERS]))


def test_every_staff_page_costs_the_same_for_few_rows_and_many(seeded_channels):
    admin = staff_with(*PermissionEnum, email="all@langnghe.vn")
    client = signed_in(admin)
    grow(0)
    few = {name: count(client, name) for name in PINS}
    for index in range(1, 10):
        grow(index)
    many = {name: count(client, name) for name in PINS}
    assert few == many == PINS
