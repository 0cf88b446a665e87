"""Every page of the seller centre costs a fixed number of SQL queries, whatever the number
of rows it shows: one row and many cost the same, and the numbers are pinned."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.catalog.models import ProductMedia, ProductType
from tests.checkout_helpers import pay_and_complete, ready_checkout
from tests.conftest import ApiClient
from tests.factories import UserFactory, listed_product
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db


def queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


def more_products(shop, count: int) -> list:
    warehouse = shop.warehouses.first()
    made = []
    for index in range(count):
        product = listed_product(
            vendor=shop, prices=(100_000 + index, 120_000), warehouse=warehouse, stock=index + 2
        )
        ProductMedia.objects.create(product=product, image=f"products/{index}.jpg", sort_order=0)
        made.append(product)
    return made


def reviewed(shop) -> None:  # type: ignore[no-untyped-def]
    """A review with a photo and a reply for every order line of the shop without one."""
    from marketplace.orders.models import OrderLine
    from marketplace.reviews.models import Review, ReviewPhoto

    for line in OrderLine.objects.filter(vendor_order__vendor=shop, review__isnull=True).select_related(
        "variant"
    ):
        review = Review.objects.create(  # type: ignore[misc]
            product_id=line.variant.product_id,  # type: ignore[union-attr]
            vendor=shop,
            order_line=line,
            user=UserFactory(),
            rating=4,
            text="Đẹp",
            photo_count=1,
            reply="Cảm ơn",
            replied_at=timezone.now(),
        )
        ReviewPhoto.objects.create(review=review, image="reviews/x.jpg")


# (page, pinned number of queries): session, user, memberships, the shop's policy scope and
# the page's own reads. Written down so that a change shows up in review.
PINS = {
    "backoffice:products": 6,
    "backoffice:orders": 6,
    "backoffice:seller-home": 12,  # the month's statement reads its refunds too; returns to decide
    "backoffice:payouts": 17,  # six statements, each with its refunds
    "backoffice:showcase": 6,
    "backoffice:reviews": 6,
    "backoffice:ocop": 6,
    "backoffice:shop": 5,  # its members
    "backoffice:product-new": 5,  # the product types
}


def test_every_list_page_costs_the_same_for_one_row_and_for_many(owner_client, shop, shop_product):
    buyer = ApiClient()
    pay_and_complete(buyer, ready_checkout(buyer, [(shop_product, 1)]))
    reviewed(shop)
    one = {page: queries(owner_client, reverse(page)) for page in PINS}
    products = more_products(shop, 12)
    for product in products[:3]:
        buyer = ApiClient()
        pay_and_complete(buyer, ready_checkout(buyer, [(product, 1)]))
    reviewed(shop)
    for index in range(4):
        VendorMember.objects.create(vendor=shop, user=UserFactory(), role=VendorMemberRole.STAFF)  # type: ignore[misc]
        ProductType.objects.create(name=f"Loại {index}", slug=f"loai-{index}")
    many = {page: queries(owner_client, reverse(page)) for page in PINS}
    assert one == many == PINS


def test_the_product_form_costs_the_same_for_two_variants_and_for_ten(owner_client, shop, ceramics_type):
    from marketplace.catalog.models import Product

    few = listed_product(
        vendor=shop, product_type=ceramics_type, prices=(1, 2), warehouse=shop.warehouses.first()
    )
    lots = listed_product(
        vendor=shop, product_type=ceramics_type, prices=tuple(range(1, 11)), warehouse=shop.warehouses.first()
    )
    assert Product.objects.get(pk=lots.pk).variants.count() == 10
    small = queries(owner_client, reverse("backoffice:product-edit", args=[few.pk]))
    large = queries(owner_client, reverse("backoffice:product-edit", args=[lots.pk]))
    assert small == large == 17


def test_the_order_page_costs_the_same_for_one_line_and_for_many(owner_client, shop, shop_product):
    others = more_products(shop, 5)
    buyer = ApiClient()
    pay_and_complete(buyer, ready_checkout(buyer, [(shop_product, 1)]))
    single = shop.orders.order_by("-created_at").first()
    buyer = ApiClient()
    pay_and_complete(buyer, ready_checkout(buyer, [(shop_product, 1), *((p, 1) for p in others)]))
    multiple = shop.orders.order_by("-created_at").first()
    assert multiple.lines.count() == 6
    one = queries(owner_client, reverse("backoffice:order", args=[single.pk]))
    many = queries(owner_client, reverse("backoffice:order", args=[multiple.pk]))
    assert one == many == 7
    slips = [queries(owner_client, reverse("backoffice:order-slip", args=[p.pk])) for p in (single, multiple)]
    assert slips == [6, 6]


def test_the_photos_page_costs_the_same_for_one_photo_and_for_many(owner_client, shop_product):
    url = reverse("backoffice:product-photos", args=[shop_product.pk])
    ProductMedia.objects.create(product=shop_product, image="products/a.jpg", sort_order=0)
    one = queries(owner_client, url)
    for index in range(1, 8):
        ProductMedia.objects.create(product=shop_product, image=f"products/{index}.jpg", sort_order=index)
    many = queries(owner_client, url)
    assert one == many == 6


def test_the_returns_pages_cost_the_same_for_one_return_and_for_many(
    owner_client, shop, shop_product, fake_vnpay
):
    from marketplace.returns.models import ReturnPhoto
    from tests.backoffice.test_returns import ask, deliver

    first = ask(deliver(shop, [(shop_product, 1)]))
    ReturnPhoto.objects.create(return_request=first, image="returns/a.jpg")
    listing = reverse("backoffice:returns")
    one = queries(owner_client, listing), queries(owner_client, reverse("backoffice:return", args=[first.pk]))
    others = more_products(shop, 3)
    big = ask(deliver(shop, [(shop_product, 1), *((p, 1) for p in others)]))
    assert big.lines.count() == 4
    for index in range(4):
        ReturnPhoto.objects.create(return_request=big, image=f"returns/{index}.jpg", sort_order=index)
    ask(deliver(shop, [(others[2], 2)]))
    many = queries(owner_client, listing), queries(owner_client, reverse("backoffice:return", args=[big.pk]))
    assert one == many == (6, 7)  # the detail: the return, its lines, its photos
