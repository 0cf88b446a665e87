"""Staff's shop screens: who opens them, suspend and reinstate, the commission rate (the
service's range, shown beside the field in the reader's language) and that the next order
uses the new rate while earlier ones keep theirs."""

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.orders.models import VendorOrder
from marketplace.payouts.selectors import payout_summary
from tests.backoffice.conftest import form_token, signed_in
from tests.checkout_helpers import pay_and_complete, ready_checkout
from tests.conftest import ApiClient
from tests.factories import UserFactory, VendorFactory
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus
from vendors.shops.services import vendor_refresh_search_document

pytestmark = pytest.mark.django_db


def pages(shop) -> list[str]:  # type: ignore[no-untyped-def]
    return [reverse("backoffice:staff-shops"), reverse("backoffice:staff-shop", args=[shop.pk])]


def actions(shop) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        reverse(name, args=[shop.pk])
        for name in (
            "backoffice:staff-shop-commission",
            "backoffice:staff-shop-suspend",
            "backoffice:staff-shop-approve",
        )
    ]


def post(client, url: str, page_url: str, **fields):  # type: ignore[no-untyped-def]
    token = form_token(client.get(page_url))
    return client.post(url, {"form_token": token, **fields})


def test_authorization_matrix(shop, owner, customer_user, other_staff, curator, vendors_staff):
    for url in pages(shop) + actions(shop):
        response = Client().get(url)
        assert response.status_code == 302 and "/studio/sign-in/" in response["Location"], url
    for user in (customer_user, owner, other_staff, curator):
        client = signed_in(user)
        for url in pages(shop):
            assert client.get(url).status_code == 403, (user.email, url)
        for url in actions(shop):
            assert client.post(url, {"commission_rate": "20", "form_token": "x"}).status_code == 403, (
                user.email,
                url,
            )
    shop.refresh_from_db()
    assert shop.status == VendorStatus.ACTIVE and shop.commission_rate == Decimal("10.00")
    client = signed_in(vendors_staff)
    for url in pages(shop):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("backoffice:staff-shop", args=[999999])).status_code == 404
    home = client.get(reverse("backoffice:staff-home")).content.decode()
    assert reverse("backoffice:staff-shops") in home
    assert (
        reverse("backoffice:staff-shops")
        not in signed_in(other_staff).get(reverse("backoffice:staff-home")).content.decode()
    )


def test_the_list_filters_by_status_and_search(vendors_staff_client, shop, other_shop):
    VendorFactory(name="Mây tre Phú Vinh", status=VendorStatus.SUSPENDED)
    for vendor in Vendor.objects.all():
        vendor_refresh_search_document(vendor)
    page = vendors_staff_client.get(reverse("backoffice:staff-shops")).content.decode()
    assert "Gốm Minh Châu" in page and "Lụa Vạn Phúc" in page and "Mây tre Phú Vinh" in page
    page = vendors_staff_client.get(
        reverse("backoffice:staff-shops"), {"status": "SUSPENDED"}
    ).content.decode()
    assert "Mây tre Phú Vinh" in page and "Gốm Minh Châu" not in page
    partial = vendors_staff_client.get(
        reverse("backoffice:staff-shops"), {"q": "lua"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in partial.content.decode() and "Lụa Vạn Phúc" in partial.content.decode()
    assert "Gốm Minh Châu" not in partial.content.decode()
    bad = vendors_staff_client.get(reverse("backoffice:staff-shops"), {"status": "NOPE", "page": "x"})
    assert bad.status_code == 200


def test_suspend_then_reinstate(vendors_staff_client, shop, owner):
    detail = reverse("backoffice:staff-shop", args=[shop.pk])
    response = post(
        vendors_staff_client,
        reverse("backoffice:staff-shop-suspend", args=[shop.pk]),
        detail,
        reason="Hàng giả",
    )
    assert response.status_code == 302 and response["Location"] == detail
    shop.refresh_from_db()
    assert shop.status == VendorStatus.SUSPENDED
    assert any("Hàng giả" in message.body for message in mail.outbox)
    page = vendors_staff_client.get(detail).content.decode()
    assert "Khôi phục cửa hàng" in page and "Tạm ngưng cửa hàng" not in page
    # suspending again is refused by the service: shown above the form, nothing changes
    again = post(vendors_staff_client, reverse("backoffice:staff-shop-suspend", args=[shop.pk]), detail)
    assert again.status_code == 200
    assert "Không thể tạm ngừng cửa hàng đang ở trạng thái SUSPENDED." in again.content.decode()
    response = post(vendors_staff_client, reverse("backoffice:staff-shop-approve", args=[shop.pk]), detail)
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.status == VendorStatus.ACTIVE


def test_a_pending_shop_is_approved_from_its_page(vendors_staff_client, seeded_channels):
    pending = VendorFactory(name="Nón lá Chuông", status=VendorStatus.PENDING)
    detail = reverse("backoffice:staff-shop", args=[pending.pk])
    assert "Duyệt cửa hàng" in vendors_staff_client.get(detail).content.decode()
    response = post(vendors_staff_client, reverse("backoffice:staff-shop-approve", args=[pending.pk]), detail)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == VendorStatus.ACTIVE


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("60", "Tỷ lệ hoa hồng từ 0 đến 50%."),
        ("-1", "Tỷ lệ hoa hồng từ 0 đến 50%."),
        ("12,345", "Hãy chắc chắn rằng không có nhiều hơn 2 chữ số thập phân."),
        ("mười", "Nhập một số."),
        ("", "Trường này là bắt buộc."),
    ],
)
def test_a_bad_rate_is_shown_beside_the_field_in_vietnamese(vendors_staff_client, shop, typed, message):
    detail = reverse("backoffice:staff-shop", args=[shop.pk])
    response = post(
        vendors_staff_client,
        reverse("backoffice:staff-shop-commission", args=[shop.pk]),
        detail,
        commission_rate=typed,
    )
    assert response.status_code == 200
    html = response.content.decode()
    error = html.split('id="id_commission_rate_error"', 1)[1].split("</ul>", 1)[0]
    assert message in error, error
    assert f'value="{typed}"' in html or typed == ""
    shop.refresh_from_db()
    assert shop.commission_rate == Decimal("10.00")


def test_the_new_rate_applies_to_the_next_order_only(vendors_staff_client, shop, shop_product):
    buyer = ApiClient()
    pay_and_complete(buyer, ready_checkout(buyer, [(shop_product, 1)]))
    detail = reverse("backoffice:staff-shop", args=[shop.pk])
    response = post(
        vendors_staff_client,
        reverse("backoffice:staff-shop-commission", args=[shop.pk]),
        detail,
        commission_rate="12,5",
    )
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.commission_rate == Decimal("12.50")
    buyer = ApiClient()
    pay_and_complete(buyer, ready_checkout(buyer, [(shop_product, 2)]))
    parts = list(VendorOrder.objects.filter(vendor=shop).order_by("pk"))
    assert [p.commission_rate for p in parts] == [Decimal("10.00"), Decimal("12.50")]
    assert parts[0].commission_amount == Decimal("15000")  # 10% of 150,000
    assert parts[1].commission_amount == Decimal("37500")  # 12.5% of 300,000
    for part in parts:
        part.is_paid = True
        part.save(update_fields=["is_paid"])
    period = parts[0].created_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m")
    summary = payout_summary(vendor=shop, period=period)
    assert summary.commission == Decimal("52500")


def count_queries(client, url: str, **params) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def test_the_shop_pages_cost_the_same_for_one_row_and_many(vendors_staff_client, shop, owner):
    list_url = reverse("backoffice:staff-shops")
    detail = reverse("backoffice:staff-shop", args=[shop.pk])
    one = (count_queries(vendors_staff_client, list_url), count_queries(vendors_staff_client, detail))
    for index in range(8):
        vendor = VendorFactory(name=f"Xưởng {index}")
        VendorMember.objects.create(vendor=vendor, user=UserFactory(), role=VendorMemberRole.OWNER)
        VendorMember.objects.create(vendor=shop, user=UserFactory(), role=VendorMemberRole.STAFF)
    many = (count_queries(vendors_staff_client, list_url), count_queries(vendors_staff_client, detail))
    assert one == many == (6, 6)
