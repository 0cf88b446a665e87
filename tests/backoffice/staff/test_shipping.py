"""Staff's shipping screens: MANAGE_CHANNELS only; a method's price with decimals is shown
beside its field in Vietnamese with the rest kept; a zone's provinces; the page's query
count does not grow with zones and methods."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.accounts.permissions import PermissionEnum
from marketplace.shipping.models import ShippingMethod, ShippingZone
from tests.backoffice.conftest import form_token, signed_in
from tests.backoffice.staff.conftest import staff_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipping_client(seeded_channels):  # type: ignore[no-untyped-def]
    return signed_in(staff_with(PermissionEnum.MANAGE_CHANNELS, email="ship@langnghe.vn"))


def test_authorization_matrix(seeded_channels, customer_user, owner, vendors_staff, curator, shipping_client):
    zone = ShippingZone.objects.get(slug="ha-noi")
    method = zone.methods.first()
    pages = [
        reverse("backoffice:staff-shipping"),
        reverse("backoffice:staff-zone", args=[zone.pk]),
        reverse("backoffice:staff-method-new", args=[zone.pk]),
        reverse("backoffice:staff-method", args=[zone.pk, method.pk]),
    ]
    for url in pages:
        assert Client().get(url).status_code == 302
    for user in (customer_user, owner, vendors_staff, curator):
        client = signed_in(user)
        for url in pages:
            assert client.get(url).status_code == 403, (user.email, url)
        assert client.post(pages[1], {"name": "X", "form_token": "t"}).status_code == 403
    for url in pages:
        assert shipping_client.get(url).status_code == 200, url
    other = ShippingZone.objects.get(slug="toan-quoc")
    assert (
        shipping_client.get(reverse("backoffice:staff-method", args=[other.pk, method.pk])).status_code == 404
    )
    zone.refresh_from_db()
    assert zone.name != "X"


def test_a_price_with_decimals_is_shown_beside_its_field(shipping_client):
    zone = ShippingZone.objects.get(slug="ha-noi")
    method = zone.methods.order_by("pk").first()
    url = reverse("backoffice:staff-method", args=[zone.pk, method.pk])
    token = form_token(shipping_client.get(url))
    fields = {
        "form_token": token,
        "name": "Giao chuẩn",
        "base_price": "25.000,5",
        "base_weight_grams": "1000",
        "price_per_extra_kg": "5000",
        "minimum_delivery_days": "1",
        "maximum_delivery_days": "2",
        "is_active": "on",
    }
    response = shipping_client.post(url, fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Nhập một số nguyên, ví dụ 25000 hoặc 25.000."
        in html.split('id="id_base_price_error"', 1)[1].split("</ul>", 1)[0]
    )
    assert 'value="Giao chuẩn"' in html and 'value="25.000,5"' in html
    fields.update(base_price="30.000", minimum_delivery_days="3")
    response = shipping_client.post(url, fields)
    error = response.content.decode().split('id="id_maximum_delivery_days_error"', 1)[1].split("</ul>", 1)[0]
    assert "Thời gian giao lâu nhất không thể ngắn hơn thời gian giao nhanh nhất." in error
    fields.update(maximum_delivery_days="4")
    assert shipping_client.post(url, fields).status_code == 302
    method.refresh_from_db()
    assert (method.name, int(method.base_price_amount), method.maximum_delivery_days) == (
        "Giao chuẩn",
        30000,
        4,
    )


def test_a_zones_provinces(shipping_client):
    zone = ShippingZone.objects.get(slug="ha-noi")
    url = reverse("backoffice:staff-zone", args=[zone.pk])
    token = form_token(shipping_client.get(url))
    response = shipping_client.post(
        url, {"form_token": token, "name": "Hà Nội", "provinces": "Hà Nội\nAtlantis"}
    )
    assert response.status_code == 200
    assert "Atlantis" in response.content.decode().split('id="id_provinces_error"', 1)[1].split("</ul>", 1)[0]
    response = shipping_client.post(
        url, {"form_token": token, "name": "Hà Nội", "provinces": "Hà Nội\nHưng Yên"}
    )
    assert response.status_code == 302
    zone.refresh_from_db()
    assert zone.provinces == ["Thành phố Hà Nội", "Tỉnh Hưng Yên"]


def test_the_page_costs_the_same_for_few_and_many(shipping_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert shipping_client.get(reverse("backoffice:staff-shipping")).status_code == 200
        return len(captured)

    one = count()
    for index in range(5):
        zone = ShippingZone.objects.create(name=f"Vùng {index}", slug=f"vung-{index}")
        for price in (10_000, 20_000, 30_000):
            ShippingMethod.objects.create(zone=zone, name=f"Cách {price}", base_price_amount=price)
    assert count() == one
