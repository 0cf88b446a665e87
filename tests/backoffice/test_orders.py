"""Orders in the seller centre: the list by status, the part with the buyer's address and
phone, the packing slip, and the vendor order services (ship with a courier and tracking
number — the buyer is e-mailed —, cash collected)."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.backoffice.conftest import form_token

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_shops_orders_by_status(owner_client, placed_order):
    number = f"#{placed_order.order.number}"
    assert number in owner_client.get(reverse("backoffice:orders")).content.decode()
    assert number in owner_client.get(reverse("backoffice:orders"), {"status": "WAITING"}).content.decode()
    assert (
        number not in owner_client.get(reverse("backoffice:orders"), {"status": "FULFILLED"}).content.decode()
    )
    partial = owner_client.get(reverse("backoffice:orders"), {"status": "WAITING"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and number in partial.content.decode()


def test_the_order_shows_the_buyers_address_and_phone_and_prints_a_slip(owner_client, placed_order):
    page = owner_client.get(reverse("backoffice:order", args=[placed_order.pk])).content.decode()
    assert "12 Hàng Gai" in page and 'href="tel:+84912345678"' in page
    assert "Bình hoa men lam" in page
    slip = owner_client.get(reverse("backoffice:order-slip", args=[placed_order.pk])).content.decode()
    assert "12 Hàng Gai" in slip and "Gốm Minh Châu" in slip and "data-print" in slip


def test_shipping_needs_a_courier_and_a_tracking_number(owner_client, placed_order):
    url = reverse("backoffice:order", args=[placed_order.pk])
    response = owner_client.post(
        url, {"form_token": form_token(owner_client.get(url)), "carrier": "", "tracking_number": ""}
    )
    page = response.content.decode()
    assert "Hãy chọn đơn vị vận chuyển." in page.split('id="id_carrier_error"', 1)[1]
    assert "Hãy nhập mã vận đơn." in page.split('id="id_tracking_number_error"', 1)[1]
    placed_order.refresh_from_db()
    assert placed_order.status == "UNFULFILLED"


def test_an_owner_ships_and_the_buyer_is_emailed(owner_client, placed_order):
    url = reverse("backoffice:order", args=[placed_order.pk])
    mail.outbox.clear()
    response = owner_client.post(
        url,
        {
            "form_token": form_token(owner_client.get(url)),
            "carrier": "Viettel Post",
            "tracking_number": "VTP987",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    placed_order.refresh_from_db()
    assert placed_order.status == "FULFILLED"
    fulfillment = placed_order.fulfillments.get()
    assert (fulfillment.carrier, fulfillment.tracking_number) == ("Viettel Post", "VTP987")
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    assert "Đơn vị vận chuyển: Viettel Post\nMã vận đơn: VTP987" in mail.outbox[0].body
    page = owner_client.get(url).content.decode()
    assert "Đã gửi hàng. Người mua nhận mã vận đơn qua email." in page and "VTP987" in page


def test_cash_collected_once(owner_client, placed_order):
    url = reverse("backoffice:order", args=[placed_order.pk])
    paid = reverse("backoffice:order-paid", args=[placed_order.pk])
    response = owner_client.post(paid, {"form_token": form_token(owner_client.get(url))})
    assert response.status_code == 302
    placed_order.refresh_from_db()
    assert placed_order.is_paid
    again = owner_client.post(paid, {"form_token": "z" * 24})
    assert again.status_code == 200
    assert (
        "Phần đơn hàng này đã được thanh toán." in again.content.decode()
    )  # the service's message, in Vietnamese


def test_ready_for_pickup_is_refused_for_a_delivery_order(owner_client, placed_order):
    response = owner_client.post(
        reverse("backoffice:order-ready", args=[placed_order.pk]), {"form_token": "y" * 24}
    )
    assert response.status_code == 200
    assert "Người mua đã chọn giao hàng tận nơi, không phải nhận tại điểm." in response.content.decode()
    placed_order.refresh_from_db()
    assert placed_order.status == "UNFULFILLED"
