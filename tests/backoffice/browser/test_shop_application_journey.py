"""A staff member (MANAGE_VENDORS) on a phone, in a real browser: opens the shop
applications from the administration console, rejects one with a note and approves the
other with one click each (htmx replaces just the item); axe-core finds no WCAG A/AA
violation. With SCREENSHOTS_DIR set, the queue is saved at 360 px and 1280 px."""

import pytest
from django.core import mail

from tests.backoffice.browser.conftest import PHONE, axe_violations
from tests.backoffice.conftest import PASSWORD
from tests.backoffice.curator import helpers
from vendors.shops.models import Vendor, VendorStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_staff_member_decides_two_shop_applications(chromium, live_server, screens, seeded_channels):
    accepted, _owner = helpers.application("Mây tre đan Phú Vinh", "lan@example.vn")
    refused, refused_owner = helpers.application("Nón lá làng Chuông", "non@example.vn")
    admin = helpers.vendor_admin()
    admin.language_code = "vi"
    admin.save(update_fields=["language_code"])

    context = chromium.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = live_server.url
    page.goto(f"{base}/studio/sign-in/")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/studio/staff/")
    page.get_by_role("link", name="đơn đăng ký cửa hàng đang chờ").click()
    page.wait_for_url(f"{base}/studio/staff/applications/")
    assert page.locator(".queue-item").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    screens.take(page, "s01-shop-applications")

    item = page.locator(f"#item-{refused.pk}")
    item.get_by_role("button", name="Từ chối").click()  # no note: refused on the item
    item = page.locator(f"#item-{refused.pk}")
    item.get_by_text("Hãy nêu lý do để người đăng ký biết.").wait_for()
    assert Vendor.objects.get(pk=refused.pk).status == VendorStatus.PENDING
    item.get_by_label("Ghi chú cho người đăng ký").fill("Cần ảnh xưởng và giấy phép kinh doanh.")
    item.get_by_role("button", name="Từ chối").click()
    page.locator(f"#item-{refused.pk}").get_by_text(
        "Đã từ chối: người đăng ký sẽ nhận ghi chú của bạn."
    ).wait_for()
    assert Vendor.objects.get(pk=refused.pk).status == VendorStatus.REJECTED
    assert any(
        "Cần ảnh xưởng" in message.body and message.to == [refused_owner.email] for message in mail.outbox
    )

    page.locator(f"#item-{accepted.pk}").get_by_role("button", name="Duyệt", exact=True).click()
    page.locator(f"#item-{accepted.pk}").get_by_text("Đã duyệt: cửa hàng đã mở.").wait_for()
    assert Vendor.objects.get(pk=accepted.pk).status == VendorStatus.ACTIVE
    assert axe_violations(page) == []
    assert errors == []
    context.close()
