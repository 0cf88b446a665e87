"""An artisan on a phone (360 px wide), in a real browser, makes a voucher for the shop;
axe-core finds no WCAG A/AA violation on the vouchers page, with the form and with its
errors."""

import pytest

from marketplace.discounts.models import Voucher
from tests.backoffice.browser.conftest import PHONE, axe_violations
from tests.backoffice.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_artisan_makes_a_voucher(chromium, live_server, screens, owner, shop):
    context = chromium.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = live_server.url
    page.goto(f"{base}/studio/")
    page.get_by_label("Email").fill(owner.email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/studio/seller/")

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Mã giảm giá").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mã giảm giá"
    assert axe_violations(page) == [], "vouchers"
    page.get_by_label("Mã", exact=True).fill("GOM10")
    page.get_by_label("Tên hiển thị cho người mua").fill("Gốm giảm 10%")
    page.get_by_label("Loại").select_option(label="Phần trăm")
    page.get_by_label("Giá trị").fill("150")
    page.get_by_role("button", name="Lưu mã giảm giá").click()
    page.get_by_text("Phần trăm phải lớn hơn 0 và không quá 100.").wait_for()
    assert axe_violations(page) == [], "vouchers with an error"
    assert not Voucher.objects.exists()
    page.get_by_label("Giá trị").fill("10")
    page.get_by_label("Đơn tối thiểu cho sản phẩm của bạn (đồng)").fill("300000")
    page.get_by_label("Mỗi người mua một lần").check()
    page.get_by_role("button", name="Lưu mã giảm giá").click()
    page.get_by_text("Đã lưu mã giảm giá. Người mua có thể dùng mã ngay.").wait_for()
    screens.take(page, "10-vouchers")
    voucher = Voucher.objects.get()
    assert (voucher.vendor_id, voucher.discount_value, voucher.usage_limit_per_customer) == (shop.pk, 10, 1)
    assert "GOM10" in page.content()
    assert errors == []
    context.close()
