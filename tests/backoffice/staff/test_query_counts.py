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


def test_every_staff_detail_page_costs_the_same_for_few_rows_and_many(seeded_channels):
    """One shop (its members), route (stops), group (members, permissions), shipping zone and
    method (the zone's methods), category, product type (its attributes) and attribute (its
    values): the same queries with one row of each and with many, pinned."""
    from marketplace.catalog.models import AttributeProduct, AttributeVariant

    admin = staff_with(*PermissionEnum, email="all@langnghe.vn")
    client = signed_in(admin)
    grow(0)
    shop = VendorFactory(name="Gốm Bát Tràng")
    VendorMember.objects.create(vendor=shop, user=UserFactory(), role=VendorMemberRole.OWNER)  # type: ignore[misc]
    route = TourismRoute.objects.get(slug="tuyen-0")
    group = Group.objects.get(name="Nhóm 0")
    group.user_set.add(admin)
    zone = ShippingZone.objects.get(slug="vung-0")
    method = zone.methods.get()
    category = Category.objects.get(slug="dm-0")
    product_type = ProductType.objects.get(slug="loai-0")
    attribute = Attribute.objects.get(slug="tt-0")
    AttributeProduct.objects.create(product_type=product_type, attribute=attribute, sort_order=0)
    pages = {
        "staff-shop": reverse("backoffice:staff-shop", args=[shop.pk]),
        "staff-route": reverse("backoffice:staff-route", args=[route.pk]),
        "staff-route-new": reverse("backoffice:staff-route-new"),
        "staff-group": reverse("backoffice:staff-group", args=[group.pk]),
        "staff-group-new": reverse("backoffice:staff-group-new"),
        "staff-zone": reverse("backoffice:staff-zone", args=[zone.pk]),
        "staff-method": reverse("backoffice:staff-method", args=[zone.pk, method.pk]),
        "staff-method-new": reverse("backoffice:staff-method-new", args=[zone.pk]),
        "staff-category": reverse("backoffice:staff-category", args=[category.pk]),
        "staff-product-type": reverse("backoffice:staff-product-type", args=[product_type.pk]),
        "staff-attribute": reverse("backoffice:staff-attribute", args=[attribute.pk]),
        "staff-attribute-new": reverse("backoffice:staff-attribute-new"),
        "staff-applications": reverse("backoffice:staff-applications"),
    }

    def counts() -> dict[str, int]:
        found = {}
        for name, url in pages.items():
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, name
            found[name] = len(captured)
        return found

    few = counts()
    for index in range(1, 8):
        grow(index)
        VendorMember.objects.create(vendor=shop, user=UserFactory(), role=VendorMemberRole.STAFF)  # type: ignore[misc]
        TourismRouteStop.objects.create(  # type: ignore[misc]
            route=route, position=index + 1, title=f"Điểm {index}", village=CraftVillageFactory()
        )
        group.user_set.add(staff_with(email=f"nv{index}@langnghe.vn"))
        ShippingMethod.objects.create(zone=zone, name=f"Nhanh {index}", base_price_amount=30_000 + index)
        AttributeValue.objects.create(attribute=attribute, name=f"Giá trị {index}", slug=f"gt-{index}")
        extra = Attribute.objects.get(slug=f"tt-{index}")
        AttributeProduct.objects.create(product_type=product_type, attribute=extra, sort_order=index)
        AttributeVariant.objects.create(product_type=product_type, attribute=extra, sort_order=index)
    group.permissions.set(permission_objects(list(PermissionEnum)))
    many = counts()
    assert few == many, (few, many)
    assert many == DETAIL_PINS, many


DETAIL_PINS = {  # session, user, the role gate's permissions, then the page's own reads
    "staff-shop": 6,
    "staff-route": 8,
    "staff-route-new": 4,
    "staff-group": 9,
    "staff-group-new": 5,
    "staff-zone": 6,
    "staff-method": 8,
    "staff-method-new": 6,
    "staff-category": 6,
    "staff-product-type": 8,
    "staff-attribute": 6,
    "staff-attribute-new": 4,
    "staff-applications": 5,
}
