"""A staff member on a phone (360 px wide), in a real browser: signs in, finds a pending
shop, approves it, sets its commission (a bad rate first: the error beside the field, in
Vietnamese, the typed value kept), suspends it with a reason and reinstates it; axe-core
finds no WCAG A/AA violation on the staff screens. One short last step: deleting a shipping
method asks first (the confirmation page at 360 px), then deletes it."""

from decimal import Decimal

import pytest
from django.core import mail

from marketplace.accounts.permissions import PermissionEnum
from marketplace.shipping.models import ShippingMethod
from tests.backoffice.browser.conftest import PHONE, axe_violations
from tests.backoffice.conftest import PASSWORD
from tests.conftest import grant
from tests.factories import UserFactory, VendorFactory, WarehouseFactory
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_approve_a_shop_set_its_commission_and_suspend_it(
    chromium, live_server, screens, seeded_channels
):
    staff = UserFactory(email="quantri@langnghe.vn", is_staff=True)
    grant(staff, PermissionEnum.MANAGE_VENDORS, PermissionEnum.MANAGE_CHANNELS)
    applicant = UserFactory(email="nonla@example.vn")
    pending = VendorFactory(name="Nón lá Chuông", status=VendorStatus.PENDING)
    WarehouseFactory(vendor=pending)
    VendorMember.objects.create(vendor=pending, user=applicant, role=VendorMemberRole.OWNER)

    context = chromium.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = live_server.url

    page.goto(f"{base}/studio/staff/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/studio/staff/")

    # the shops, filtered to those waiting
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Cửa hàng", exact=True
    ).click()
    page.wait_for_url(f"{base}/studio/staff/shops/")
    page.get_by_label("Trạng thái").select_option(value="PENDING")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Nón lá Chuông").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Nón lá Chuông"
    assert axe_violations(page) == [], "shop"
    screens.take(page, "20-staff-shop")

    # approve
    page.get_by_role("button", name="Duyệt cửa hàng").click()
    page.get_by_text("Cửa hàng đang hoạt động.").wait_for()
    assert Vendor.objects.get(pk=pending.pk).status == VendorStatus.ACTIVE
    assert any(applicant.email in message.to for message in mail.outbox)

    # a bad rate, then a good one
    rate = page.get_by_label("Tỷ lệ hoa hồng (%)")
    rate.fill("75")
    page.get_by_role("button", name="Lưu tỷ lệ").click()
    page.get_by_text("Tỷ lệ hoa hồng từ 0 đến 50%.").wait_for()
    assert page.get_by_label("Tỷ lệ hoa hồng (%)").input_value() == "75"
    assert page.get_by_label("Tỷ lệ hoa hồng (%)").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == [], "shop with an error"
    page.get_by_label("Tỷ lệ hoa hồng (%)").fill("12,5")
    page.get_by_role("button", name="Lưu tỷ lệ").click()
    page.get_by_text("Đã lưu tỷ lệ hoa hồng.").wait_for()
    assert Vendor.objects.get(pk=pending.pk).commission_rate == Decimal("12.50")

    # suspend with a reason, then reinstate
    page.get_by_label("Lý do (gửi cho chủ cửa hàng)").fill("Ảnh sản phẩm không đúng hàng thật")
    page.get_by_role("button", name="Tạm ngưng cửa hàng").click()
    page.get_by_text("Cửa hàng đã bị tạm ngưng; chủ cửa hàng được thông báo lý do.").wait_for()
    assert Vendor.objects.get(pk=pending.pk).status == VendorStatus.SUSPENDED
    assert any("Ảnh sản phẩm không đúng hàng thật" in message.body for message in mail.outbox)
    page.get_by_role("button", name="Khôi phục cửa hàng").click()
    page.get_by_text("Cửa hàng đang hoạt động.").wait_for()
    assert Vendor.objects.get(pk=pending.pk).status == VendorStatus.ACTIVE

    # the list, at phone width: no horizontal scrolling
    page.goto(f"{base}/studio/staff/shops/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == [], "shops"
    screens.take(page, "21-staff-shops")

    # deleting a shipping method: a confirmation page first
    method = ShippingMethod.objects.order_by("pk").first()
    assert method is not None
    page.goto(f"{base}/studio/staff/shipping/{method.zone_id}/methods/{method.pk}/delete/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == [], "delete a shipping method"
    page.get_by_role("button", name="Xoá", exact=True).click()
    page.get_by_text("Đã xoá.").wait_for()
    assert not ShippingMethod.objects.filter(pk=method.pk).exists()
    assert errors == []
    context.close()
