"""A Design Centre curator on a phone (360 px wide), in a real browser: signs in, approves a
showcase submission with one click (htmx replaces just the item), creates a featured
collection, finds the approved products by typing and adds them, schedules its publication and previews it; axe-core
finds no WCAG A/AA violation on the console's screens. With SCREENSHOTS_DIR set, each
screen is also saved at 360 px and 1280 px."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from marketplace.catalog.models import Collection, CollectionChannelListing, ProductChannelListing
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from tests.backoffice.browser.conftest import PHONE, axe_violations
from tests.backoffice.conftest import PASSWORD
from tests.backoffice.curator import helpers

pytestmark = pytest.mark.django_db(transaction=True)


def check_axe(page, screen: str) -> None:  # type: ignore[no-untyped-def]
    assert axe_violations(page) == [], screen
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (screen, width)  # nothing wider than the phone


def test_a_curator_approves_a_submission_and_schedules_a_collection(
    chromium, live_server, screens, seeded_channels
):
    shop, owner = helpers.shop_with_owner("Gốm Minh Châu", "chau@example.vn")
    waiting = helpers.pending_submission(
        shop, owner, "Bình hút lộc men lam", pitch="Men lam vẽ tay, nung củi."
    )
    helpers.submitted_certificate(helpers.product_of(shop, "Chén trà men rạn"), owner)
    other_curator = helpers.curator("dong-nghiep@langnghe.vn")
    featured = helpers.approved_product(shop, owner, other_curator, "Đĩa men rạn")
    second = helpers.approved_product(shop, owner, other_curator, "Lọ men lam")
    curator = helpers.curator(language_code="vi")

    context = chromium.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = live_server.url

    page.goto(f"{base}/studio/sign-in/")
    page.get_by_label("Email").fill(curator.email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/studio/curator/")
    check_axe(page, "curator home")
    screens.take(page, "c01-curator-home")

    # the showcase queue: one click approves, htmx swaps the item in place
    page.get_by_role("link", name="đề xuất trưng bày đang chờ").click()
    page.wait_for_url(f"{base}/studio/curator/showcase/")
    item = page.locator(f"#item-{waiting.pk}")
    assert "Men lam vẽ tay, nung củi." in item.inner_text()
    assert item.locator(".thumbs img").count() == 2
    check_axe(page, "showcase queue")
    screens.take(page, "c02-showcase-queue")
    item.get_by_role("button", name="Duyệt", exact=True).click()
    page.get_by_text("Đã duyệt: sản phẩm đã vào gian trưng bày.").wait_for()
    assert page.url == f"{base}/studio/curator/showcase/"  # no page load: the item was replaced
    assert ShowcaseSubmission.objects.get(pk=waiting.pk).status == ShowcaseSubmissionStatus.APPROVED
    assert ProductChannelListing.objects.get(
        product=waiting.product, channel__slug=settings.SHOWCASE_CHANNEL_SLUG
    ).is_published
    check_axe(page, "showcase queue, decided")

    # the OCOP queue, for the screenshots and axe
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Duyệt OCOP").click()
    page.wait_for_url(f"{base}/studio/curator/ocop/")
    check_axe(page, "ocop queue")
    screens.take(page, "c03-ocop-queue")

    # a featured collection: create, add the approved product, schedule, preview
    nav.get_by_role("link", name="Bộ sưu tập nổi bật").click()
    check_axe(page, "collections")
    page.get_by_role("link", name="Bộ sưu tập mới").click()
    page.get_by_label("Tên").fill("Gốm cho ngày Tết")
    page.get_by_label("Mô tả").fill("Quà Tết từ **Bát Tràng**.")
    check_axe(page, "new collection")
    page.get_by_role("button", name="Tạo").click()
    page.get_by_text("Đã tạo bộ sưu tập ở dạng nháp.").wait_for()
    collection = Collection.objects.get(name="Gốm cho ngày Tết")
    # the product is found by typing its name: htmx swaps in the matches only
    picks = page.locator("#id_product_picks input[type=radio]")
    assert picks.count() == 3  # the approved products, never a list of the catalogue
    page.get_by_label("Tìm theo tên").fill("dia men")
    page.wait_for_function("document.querySelectorAll('#id_product_picks input[type=radio]').length === 1")
    page.get_by_label("Đĩa men rạn — Gốm Minh Châu").check()
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.get_by_text("Đã thêm vào bộ sưu tập.").wait_for()
    assert list(collection.collection_products.values_list("product_id", flat=True)) == [featured.pk]
    page.get_by_label("Lọ men lam — Gốm Minh Châu").check()  # among the two left: no need to search
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.get_by_text("Đã thêm vào bộ sưu tập.").wait_for()
    # drag the second product before the first: the script sends the new order, the page reloads
    tiles = page.locator(".collection-products .photo")
    with page.expect_navigation():
        tiles.nth(1).drag_to(tiles.nth(0), target_position={"x": 4, "y": 4})
    assert list(
        collection.collection_products.order_by("sort_order").values_list("product_id", flat=True)
    ) == [second.pk, featured.pk]
    assert page.locator(".collection-products .photo").nth(0).inner_text().startswith("1. Lọ men lam")
    page.get_by_label("Đăng vào ngày giờ đã hẹn").check()
    moment = timezone.localtime() + datetime.timedelta(days=3)
    page.get_by_label("Ngày giờ (giờ Hà Nội)").fill(moment.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Lưu lịch đăng").click()
    page.get_by_text("Đã hẹn giờ: công chúng thấy từ").first.wait_for()
    listing = CollectionChannelListing.objects.get(collection=collection)
    assert listing.is_published and listing.published_at == moment.replace(second=0, microsecond=0)
    assert not Collection.objects.published(listing.channel_id).filter(pk=collection.pk).exists()
    check_axe(page, "collection")
    screens.take(page, "c04-collection")
    page.get_by_role("link", name="Xem trước").click()
    page.get_by_role("heading", name="Gốm cho ngày Tết").wait_for()
    assert "Đĩa men rạn" in page.inner_text("article")
    check_axe(page, "preview")
    screens.take(page, "c05-collection-preview")
    nav.get_by_role("link", name="Bộ sưu tập nổi bật").click()
    assert "Đã hẹn giờ" in page.inner_text("main")
    screens.take(page, "c06-collections")

    assert (
        page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )  # nothing wider than the phone
    assert errors == []
    context.close()
