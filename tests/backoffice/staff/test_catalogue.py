"""Staff's catalogue settings: MANAGE_PRODUCTS only; categories, product types and
attributes through their services, bad input beside its field in Vietnamese; the overview's
query count does not grow with its rows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Attribute, Category, ProductType
from tests.backoffice.conftest import form_token, signed_in
from tests.backoffice.staff.conftest import staff_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue_client(db):  # type: ignore[no-untyped-def]
    return signed_in(staff_with(PermissionEnum.MANAGE_PRODUCTS, email="catalog@langnghe.vn"))


def test_authorization_matrix(ceramics_type, category, customer_user, owner, vendors_staff, curator):
    attribute = Attribute.objects.first()
    pages = [
        reverse("backoffice:staff-catalogue"),
        reverse("backoffice:staff-category-new"),
        reverse("backoffice:staff-category", args=[category.pk]),
        reverse("backoffice:staff-product-type-new"),
        reverse("backoffice:staff-product-type", args=[ceramics_type.pk]),
        reverse("backoffice:staff-attribute-new"),
        reverse("backoffice:staff-attribute", args=[attribute.pk]),
    ]
    for url in pages:
        assert Client().get(url).status_code == 302
    for user in (customer_user, owner, vendors_staff, curator):
        client = signed_in(user)
        for url in pages:
            assert client.get(url).status_code == 403, (user.email, url)
        assert client.post(pages[2], {"name": "X", "form_token": "t"}).status_code == 403
    category.refresh_from_db()
    assert category.name == "Gốm sứ"
    client = signed_in(staff_with(PermissionEnum.MANAGE_PRODUCTS))
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("backoffice:staff-category", args=[999999])).status_code == 404


def test_a_category_with_bad_input_then_saved(catalogue_client, category):
    url = reverse("backoffice:staff-category-new")
    token = form_token(catalogue_client.get(url))
    response = catalogue_client.post(
        url, {"form_token": token, "name": "Bình gốm", "slug": "gom-su", "parent": category.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Slug này đã được dùng." in html.split('id="id_slug_error"', 1)[1].split("</ul>", 1)[0]
    assert 'value="Bình gốm"' in html
    response = catalogue_client.post(
        url, {"form_token": token, "name": "Bình gốm", "slug": "", "parent": category.pk}
    )
    assert response.status_code == 302
    created = Category.objects.get(name="Bình gốm")
    assert (created.slug, created.parent_id, created.level) == ("binh-gom", category.pk, 1)


def test_a_product_type_and_an_attribute(catalogue_client, ceramics_type):
    url = reverse("backoffice:staff-attribute-new")
    token = form_token(catalogue_client.get(url))
    response = catalogue_client.post(
        url, {"form_token": token, "name": "Kích cỡ", "input_type": "DROPDOWN", "choices": "Nhỏ\nVừa\nLớn"}
    )
    assert response.status_code == 302
    size = Attribute.objects.get(slug="kich-co")
    assert list(size.values.values_list("name", flat=True)) == ["Nhỏ", "Vừa", "Lớn"]
    glaze = Attribute.objects.get(slug="men")
    edit = reverse("backoffice:staff-product-type", args=[ceramics_type.pk])
    token = form_token(catalogue_client.get(edit))
    fields = {
        "form_token": token,
        "name": "Gốm",
        "slug": "gom",
        "is_shipping_required": "on",
        "weight_grams": "700",
        "product_attributes": [glaze.pk],
        "variant_attributes": [glaze.pk, size.pk],
    }
    response = catalogue_client.post(edit, fields)
    assert response.status_code == 200
    error = response.content.decode().split('id="id_variant_attributes_error"', 1)[1].split("</ul>", 1)[0]
    assert "Một thuộc tính mô tả sản phẩm hoặc các biến thể của nó, không phải cả hai." in error
    fields.update(variant_attributes=[size.pk], variant_selection=[size.pk])
    assert catalogue_client.post(edit, fields).status_code == 302
    ceramics_type.refresh_from_db()
    assert ceramics_type.weight_grams == 700
    assert list(ceramics_type.attribute_products.values_list("attribute_id", flat=True)) == [glaze.pk]
    assert list(ceramics_type.attribute_variants.values_list("attribute_id", "variant_selection")) == [
        (size.pk, True)
    ]


def test_the_overview_costs_the_same_for_few_and_many(catalogue_client, ceramics_type, category):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert catalogue_client.get(reverse("backoffice:staff-catalogue")).status_code == 200
        return len(captured)

    one = count()
    for index in range(6):
        parent = Category.objects.create(name=f"Danh mục {index}", slug=f"dm-{index}")
        Category.objects.create(name=f"Con {index}", slug=f"con-{index}", parent=parent, level=1)
        ProductType.objects.create(name=f"Loại {index}", slug=f"loai-{index}")
        Attribute.objects.create(name=f"Thuộc tính {index}", slug=f"tt-{index}")
    assert count() == one


def test_the_overviews_counts_stop_at_the_cap(catalogue_client, category, ceramics_type, shop, monkeypatch):
    """Counts of products per category and type read at most COUNT_CAP + 1 rows each (issue
    13): beyond the cap the cell says "N+", below it the exact number."""
    from backoffice import counts
    from backoffice.staff import queries
    from tests.factories import listed_product

    monkeypatch.setattr(counts, "COUNT_CAP", 2)
    for index in range(3):
        listed_product(vendor=shop, category=category, product_type=ceramics_type, name=f"Chén {index}")
    other = Category.objects.create(name="Mây tre", slug="may-tre")
    listed_product(vendor=shop, category=other, product_type=ceramics_type, name="Giỏ mây")
    listed_product(vendor=shop, category=other, product_type=ceramics_type, name="Khay tre")
    rows = {c.name: c.product_count for c in queries.categories()}
    assert rows == {"Gốm sứ": 3, "Mây tre": 2}  # 3 = cap + 1: counting stopped there
    assert [counts.capped(rows["Gốm sứ"]), counts.capped(rows["Mây tre"])] == ["2+", "2"]
    assert queries.product_types().get(pk=ceramics_type.pk).product_count == 3
    page = catalogue_client.get(reverse("backoffice:staff-catalogue")).content.decode()
    assert ">2+<" in page


def test_capped_counts_are_exact_under_the_cap_and_grouped():
    from django.utils import translation

    from backoffice.counts import capped

    with translation.override("vi"):
        shown = [capped(None), capped(0), capped(999), capped(1000), capped(1001)]
    assert shown == ["0", "0", "999", "1.000", "1.000+"]
