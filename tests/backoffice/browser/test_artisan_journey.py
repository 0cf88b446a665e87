"""An artisan on a phone (360 px wide), in a real browser: signs in, creates a product with
two variants, adds a photo (resized in the browser and sent straight to storage), publishes
it, ships an order with a tracking number and refuses a return with a note; axe-core finds no WCAG A/AA violation on the
main screens, and the pages stay light."""

import io
import re

import pytest
from django.core import mail
from PIL import Image

from marketplace.catalog.models import Product, ProductChannelListing
from marketplace.orders.models import Order, VendorOrder
from marketplace.returns.models import ReturnRequest
from marketplace.returns.services import order_return_request
from tests.backoffice.browser.conftest import PHONE, axe_violations
from tests.backoffice.conftest import PASSWORD
from tests.checkout_helpers import pay_and_complete, ready_checkout
from tests.conftest import ApiClient
from tests.factories import UserFactory, listed_product

pytestmark = pytest.mark.django_db(transaction=True)

MAX_PAGE_BYTES = 120_000  # the seller home with its CSS and scripts, uncompressed


def photo(tmp_path) -> str:
    path = tmp_path / "binh-gom.jpg"
    image = Image.new("RGB", (2400, 1800), (180, 90, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    path.write_bytes(buffer.getvalue())
    return str(path)


def heic(tmp_path) -> str:
    import pillow_heif

    path = tmp_path / "IMG_0042.HEIC"
    buffer = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (320, 240), (20, 80, 160))).save(buffer, format="HEIF")
    path.write_bytes(buffer.getvalue())
    return str(path)


def check_axe(page, screen: str) -> None:
    assert axe_violations(page) == [], screen


def test_an_artisan_lists_a_product_and_ships_an_order(
    chromium, live_server, screens, owner, shop, ceramics_type, category, tmp_path
):
    sold = listed_product(
        vendor=shop, prices=(180_000,), stock=5, warehouse=shop.warehouses.first(), name="Chén men rạn"
    )
    buyer = ApiClient()
    assert pay_and_complete(buyer, ready_checkout(buyer, [(sold, 2)]))["errors"] == []
    part = VendorOrder.objects.get(vendor=shop)

    context = chromium.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sizes: dict[str, int] = {}
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.on(
        "response",
        lambda response: (
            sizes.__setitem__(response.url, len(response.body() or b""))
            if response.request.method == "GET" and response.status == 200
            else None
        ),
    )
    base = live_server.url

    # sign in
    page.goto(f"{base}/studio/")
    assert page.url.startswith(f"{base}/studio/sign-in/")
    check_axe(page, "sign-in")
    screens.take(page, "01-sign-in")
    page.get_by_label("Email").fill(owner.email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/studio/seller/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hôm nay"
    check_axe(page, "home")
    screens.take(page, "02-home")
    home_bytes = sum(
        size for url, size in sizes.items() if url.startswith(base) and not url.endswith("/sign-in/")
    )
    assert home_bytes < MAX_PAGE_BYTES, sizes

    # a new product with two variants
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Sản phẩm").click()
    check_axe(page, "products")
    page.get_by_role("link", name="Sản phẩm mới").click()
    page.get_by_role("link", name="Gốm").click()
    page.get_by_label("Tên (tiếng Việt)").fill("Ấm trà men lam")
    page.get_by_label("Tên (tiếng Anh)").fill("Blue-glaze teapot")
    page.get_by_label("Danh mục").select_option(label="Gốm sứ")
    description = page.locator("#id_description")
    description.fill("Ấm gốm Bát Tràng, vẽ tay.")
    page.get_by_label("Men").select_option(label="Men lam")
    page.get_by_label("Đựng trà").check()
    page.reload()  # the connection dropped, the page came back: what was typed is still there
    page.get_by_text("Đã khôi phục nội dung bạn nhập trước đó (chưa lưu).").wait_for()
    assert page.get_by_label("Tên (tiếng Việt)").input_value() == "Ấm trà men lam"
    assert page.get_by_label("Đựng trà").is_checked()
    check_axe(page, "product form")
    screens.take(page, "03-product-form")
    first = page.locator(".variant-row").nth(0)
    first.locator("input[name$='-name']").fill("Nhỏ")
    first.get_by_label("Giá (đồng)").fill("250.000")
    first.get_by_label("Tồn kho").fill("6")
    page.get_by_role("button", name="Thêm loại").click()  # the script adds the row in place
    second = page.locator(".variant-row").nth(1)
    second.locator("input[name$='-name']").fill("Lớn")
    second.get_by_label("Giá (đồng)").fill("390000")
    second.get_by_label("Tồn kho").fill("3")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url(re.compile(r".*/studio/seller/products/\d+/photos/$"))
    product = Product.objects.get(vendor=shop, name="Ấm trà men lam")
    page.goto(f"{base}/studio/seller/products/new/{ceramics_type.pk}/")  # saved: the draft is gone
    assert page.get_by_label("Tên (tiếng Việt)").input_value() == ""
    page.go_back()
    assert sorted(product.variants.values_list("name", flat=True)) == ["Lớn", "Nhỏ"]

    # a photo, resized in the browser and uploaded straight to storage
    check_axe(page, "photos")
    posts.clear()
    page.set_input_files("input[type=file]", [photo(tmp_path), heic(tmp_path)])
    page.get_by_role("button", name="Tải lên").click()
    page.wait_for_function("document.querySelectorAll('.photo-list .photo img').length === 2")
    photos_url = f"{base}/studio/seller/products/{product.pk}/photos/"
    assert [url.removeprefix(base).split("/upload/")[0] or "/upload/" for url in posts] == [
        f"/studio/seller/products/{product.pk}/photos/grant/",
        "/upload/",
        f"/studio/seller/products/{product.pk}/photos/confirm/",
        photos_url.removeprefix(base),
    ]
    resized, converted = product.media.order_by("sort_order")
    with resized.image.open("rb") as stored:
        uploaded = Image.open(io.BytesIO(stored.read()))
        assert uploaded.format == "JPEG" and max(uploaded.size) == 1600  # resized from 2400 px on the phone
    with converted.image.open(
        "rb"
    ) as stored:  # Chromium cannot decode HEIC: the form sent it, the server converted it
        uploaded = Image.open(io.BytesIO(stored.read()))
        assert uploaded.format == "JPEG" and uploaded.size == (320, 240)
    screens.take(page, "04-photos")

    # publish
    page.get_by_role("link", name="Quay lại sản phẩm").click()
    page.get_by_role("button", name="Đăng bán").click()
    page.get_by_text("Sản phẩm đã được đăng bán trên sàn.").wait_for()
    assert ProductChannelListing.objects.get(product=product).is_published

    # ship the order
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đơn hàng").click()
    check_axe(page, "orders")
    screens.take(page, "05-orders")
    page.get_by_role("link", name=f"#{part.order.number}").click()
    assert "12 Hàng Gai" in page.content()
    check_axe(page, "order")
    screens.take(page, "06-order")
    page.get_by_label("Đơn vị vận chuyển").select_option(label="Viettel Post")
    page.get_by_label("Mã vận đơn").fill("VTP20261206")
    mail.outbox.clear()
    page.get_by_role("button", name="Đánh dấu đã gửi hàng").click()
    page.get_by_text("Đã gửi hàng. Người mua nhận mã vận đơn qua email.").wait_for()
    part.refresh_from_db()
    assert part.status == "FULFILLED"
    assert part.fulfillments.get().tracking_number == "VTP20261206"
    assert any("VTP20261206" in message.body for message in mail.outbox)

    # a buyer asks to return one bowl: the artisan refuses, with a note
    Order.objects.filter(pk=part.order_id).update(user=UserFactory())
    asked = order_return_request(
        actor=Order.objects.get(pk=part.order_id).user,
        order=part.order,
        lines=[(part.lines.get().pk, 1)],
        reason="Chén bị mẻ miệng",
    )
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Trả hàng").click()
    page.get_by_role("link", name=re.compile(rf"^#{asked.pk},")).click()
    assert "Chén bị mẻ miệng" in page.content()
    check_axe(page, "return")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scroll
    screens.take(page, "07-return")
    page.get_by_label("Ghi chú cho người mua").fill("Chén đã qua sử dụng")
    page.get_by_role("button", name="Từ chối").click()
    page.get_by_text("Đã từ chối: người mua nhận được ghi chú của bạn.").wait_for()
    assert ReturnRequest.objects.get(pk=asked.pk).status == "REFUSED"
    assert errors == []
    context.close()


def test_an_artisan_finds_the_product_to_propose_by_typing(chromium, live_server, owner, shop):
    """The showcase form's product picker (issue 13): typing swaps in the matches (htmx, the
    picks endpoint) without reloading the page or losing the pitch; Enter searches in place."""
    from marketplace.curation.models import ShowcaseSubmission
    from tests.backoffice.conftest import signed_in

    warehouse = shop.warehouses.first()
    for index in range(25):
        listed_product(vendor=shop, prices=(90_000,), warehouse=warehouse, name=f"Chén men ngọc {index:02d}")
    wanted = listed_product(vendor=shop, prices=(900_000,), warehouse=warehouse, name="Thạp hút lộc men lam")
    from django.conf import settings

    session = signed_in(owner).cookies[settings.SESSION_COOKIE_NAME].value
    context = chromium.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=1)
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": f"{live_server.url}/studio/"}]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/studio/seller/showcase/")
    assert page.locator("input[name=product]").count() == 20  # not the 26 products
    assert page.get_by_label("Thạp hút lộc men lam").count() == 0
    page.get_by_label("Vì sao sản phẩm xứng đáng được trưng bày").fill("Men lam cổ")
    page.get_by_label("Tìm theo tên").fill("thap hut")
    page.get_by_label("Thạp hút lộc men lam").wait_for()
    assert page.locator("input[name=product]").count() == 1
    with page.expect_response(lambda response: "/products/picks/" in response.url):
        page.get_by_label("Tìm theo tên").press("Enter")  # searches in place: the page stays
    page.get_by_label("Thạp hút lộc men lam").check()
    assert page.url == f"{live_server.url}/studio/seller/showcase/"  # no reload with ?find=
    assert page.get_by_label("Vì sao sản phẩm xứng đáng được trưng bày").input_value() == "Men lam cổ"
    check_axe(page, "showcase with the picker")
    page.get_by_role("button", name="Đề xuất", exact=True).click()
    page.get_by_text("Đã đề xuất.", exact=False).wait_for()
    submission = ShowcaseSubmission.objects.get()
    assert (submission.product_id, submission.pitch) == (wanted.pk, "Men lam cổ")
    assert errors == []
    context.close()


def test_a_product_chosen_while_a_search_is_on_its_way_stays_chosen(chromium, live_server, owner, shop):
    """The matches that arrive after the artisan ticked a product keep it ticked (first in the
    list when it is not among them): a late answer must not silently drop the choice."""
    from django.conf import settings

    from tests.backoffice.conftest import signed_in

    warehouse = shop.warehouses.first()
    for index in range(3):
        listed_product(vendor=shop, prices=(90_000,), warehouse=warehouse, name=f"Chén men ngọc {index:02d}")
    listed_product(vendor=shop, prices=(900_000,), warehouse=warehouse, name="Thạp hút lộc men lam")
    session = signed_in(owner).cookies[settings.SESSION_COOKIE_NAME].value
    context = chromium.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=1)
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": f"{live_server.url}/studio/"}]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    held: list = []
    page.route("**/products/picks/**", lambda route: held.append(route))
    page.goto(f"{live_server.url}/studio/seller/showcase/")
    page.get_by_label("Tìm theo tên").fill("chen men ngoc")
    page.wait_for_function("document.querySelector('[data-picker-find]').classList.contains('htmx-request')")
    while not held:  # the route handler runs while the page is waited on
        page.wait_for_timeout(20)
    page.get_by_label("Thạp hút lộc men lam").check()  # ticked while the search is on its way
    held[0].continue_()
    page.wait_for_function("!document.querySelector('[data-picker-find]').classList.contains('htmx-request')")
    picks = page.locator("input[name=product]")
    assert picks.count() == 4  # the three matches and the chosen product, kept first
    assert page.locator("label.pick").first.inner_text().strip() == "Thạp hút lộc men lam"
    assert page.get_by_label("Thạp hút lộc men lam").is_checked()
    assert errors == []
    context.close()
