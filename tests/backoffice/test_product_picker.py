"""The product picker of the showcase and OCOP forms (issue 13): a search field and a short
list of the shop's own products, never the whole catalogue; the same list from the picks
endpoint for htmx; bad input answered with a list or an error beside the field, never a 500."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.seller.queries import PICKS_SHOWN
from marketplace.accounts.permissions import PermissionEnum
from marketplace.curation.models import ShowcaseSubmission
from tests.backoffice.conftest import form_token, signed_in
from tests.backoffice.curator import helpers
from tests.backoffice.staff.conftest import staff_with
from tests.factories import listed_product
from vendors.ocop.models import OcopCertificate

pytestmark = pytest.mark.django_db

PICKS = reverse("backoffice:product-picks")


def choices(html: str) -> list[str]:
    """The ids offered by the picker's radio buttons, in order."""
    return re.findall(r'<input type="radio" name="product" value="(\d+)"', html)


def checked(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="product" value="(\d+)" id="[^"]+" checked', html)


@pytest.fixture
def many_products(shop):
    warehouse = shop.warehouses.first()
    return [
        listed_product(
            vendor=shop, prices=(100_000,), warehouse=warehouse, name=f"Chén men ngọc m{index:02d}"
        )  # "m": no SKU word starts so
        for index in range(PICKS_SHOWN + 5)
    ]


def test_the_pages_list_a_few_products_and_say_there_are_more(owner_client, many_products):
    for name in ("backoffice:showcase", "backoffice:ocop"):
        page = owner_client.get(reverse(name)).content.decode()
        shown = choices(page)
        assert len(shown) == PICKS_SHOWN, name
        assert shown == [str(p.pk) for p in many_products[:PICKS_SHOWN]], name  # by name
        assert "gõ thêm tên để tìm các sản phẩm khác" in page, name
        assert 'form="find-product"' in page and '<form id="find-product" method="get"' in page, name


def test_searching_without_javascript_lists_the_matches(owner_client, many_products, shop_product):
    page = owner_client.get(reverse("backoffice:showcase"), {"find": "binh hoa"}).content.decode()
    assert choices(page) == [str(shop_product.pk)]
    assert 'value="binh hoa"' in page
    assert "gõ thêm" not in page
    nothing = owner_client.get(reverse("backoffice:ocop"), {"find": "khong co gi"}).content.decode()
    assert choices(nothing) == []
    assert "Không có sản phẩm nào của bạn khớp." in nothing


def test_the_picks_endpoint_answers_the_list_alone_with_the_chosen_product_kept(
    owner_client, many_products, shop_product
):
    response = owner_client.get(PICKS, {"find": "chen men m03"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert choices(html) == [str(many_products[3].pk)]
    kept = owner_client.get(PICKS, {"find": "chen men m03", "product": shop_product.pk}).content.decode()
    assert choices(kept) == [str(shop_product.pk), str(many_products[3].pk)]
    assert checked(kept) == [str(shop_product.pk)]


def test_another_shops_products_are_never_offered(owner_client, other_shop, shop_product):
    theirs = other_shop["product"]
    for url in (PICKS, reverse("backoffice:showcase"), reverse("backoffice:ocop")):
        for params in (
            {},
            {"find": "khan lua"},
            {"product": theirs.pk},
            {"find": "khan", "product": theirs.pk},
        ):
            html = owner_client.get(url, params).content.decode()
            assert str(theirs.pk) not in choices(html), (url, params)
    # the other shop's member sees their own product and not ours
    theirs_page = signed_in(other_shop["member"]).get(PICKS, {"product": shop_product.pk}).content.decode()
    assert choices(theirs_page) == [str(theirs.pk)]


def test_who_may_ask_for_picks(shop_product, customer_user, staff_user, seeded_channels):
    anonymous = Client().get(PICKS)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/studio/sign-in/")
    assert signed_in(customer_user).get(PICKS).status_code == 403
    assert signed_in(staff_user).get(PICKS).status_code == 403
    assert signed_in(helpers.curator()).get(PICKS).status_code == 403
    administrator = staff_with(*PermissionEnum, email="all@langnghe.vn")  # every area but no shop
    assert signed_in(administrator).get(PICKS).status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {"find": "x" * 10_000},
        {"find": "%_\\'\"<script>"},
        {"find": "\x00"},
        {"product": "abc"},
        {"product": "-1"},
        {"product": "0"},
        {"product": "9" * 40},
        {"product": "١٢"},
        {"find": "bình", "product": ""},
    ],
)
def test_bad_input_to_the_picker_gets_a_list(owner_client, shop_product, params):
    for url in (PICKS, reverse("backoffice:showcase")):
        response = owner_client.get(url, params)
        assert response.status_code == 200, (url, params)
        assert len(choices(response.content.decode())) <= 1


def test_a_product_not_offered_is_refused_beside_the_field_and_the_pitch_kept(owner_client, other_shop):
    url = reverse("backoffice:showcase")
    for product in (str(other_shop["product"].pk), "abc", "9" * 40, ""):
        data = {"form_token": form_token(owner_client.get(url)), "product": product, "pitch": "Men lam cổ"}
        response = owner_client.post(url, data)
        page = response.content.decode()
        assert response.status_code == 200, product
        assert 'id="id_product_error"' in page, product
        assert "Men lam cổ</textarea>" in page, product
    assert not ShowcaseSubmission.objects.exists()
    assert not OcopCertificate.objects.exists()


def test_a_product_found_by_search_is_proposed(owner_client, many_products):
    url = reverse("backoffice:showcase")
    wanted = many_products[-1]  # not among the first page of choices
    page = owner_client.get(url, {"find": "chen men ngoc m24"}).content.decode()
    assert choices(page) == [str(wanted.pk)]
    response = owner_client.post(
        url, {"form_token": form_token(owner_client.get(url)), "product": str(wanted.pk), "pitch": ""}
    )
    assert response.status_code == 302
    assert ShowcaseSubmission.objects.get().product_id == wanted.pk


def test_the_picker_costs_the_same_for_one_product_and_for_many(owner_client, shop, shop_product):
    def count(params: dict) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(PICKS, params).status_code == 200
        return len(captured)

    one = [count({}), count({"find": "binh"}), count({"product": shop_product.pk})]
    warehouse = shop.warehouses.first()
    for index in range(PICKS_SHOWN + 3):
        listed_product(vendor=shop, prices=(1,), warehouse=warehouse, name=f"Bình {index}")
    many = [count({}), count({"find": "binh"}), count({"product": shop_product.pk})]
    assert one == many == [4, 4, 4]
