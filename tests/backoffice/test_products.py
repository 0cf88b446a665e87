"""The one product form: create and edit a product with attributes, variants, prices, stock
and English text through the catalogue services; once-only submissions; bad input shown
beside its field with everything else kept; publish, unpublish, duplicate."""

import pytest
from django.urls import reverse

from marketplace.catalog.models import Product, ProductChannelListing, ProductVariant
from tests.backoffice.conftest import form_token

pytestmark = pytest.mark.django_db


def product_data(token: str, category, ceramics_type, **overrides):
    attributes = {a.slug: a.pk for a in (link.attribute for link in ceramics_type.attribute_products.all())}
    data = {
        "form_token": token,
        "name": "Ấm trà men lam",
        "name_en": "Blue-glaze teapot",
        "category": str(category.pk),
        "description": "Ấm **gốm** Bát Tràng.\n\n- 500 ml\n- men lam",
        "description_en": "A *Bát Tràng* teapot.",
        "weight_grams": "800",
        f"attribute_{attributes['men']}": "men-lam",
        f"attribute_{attributes['cong-dung']}": ["dung-tra", "trang-tri"],
        f"attribute_{attributes['ghi-chu']}": "Vẽ tay",
        f"attribute_{attributes['dung-tich']}": "500",
        f"attribute_{attributes['lo-vi-song']}": "false",
        "variants-TOTAL_FORMS": "2",
        "variants-INITIAL_FORMS": "1",
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "50",
        "variants-0-name": "Nhỏ",
        "variants-0-sku": "AM-LAM-S",
        "variants-0-price": "250.000",
        "variants-0-stock": "7",
        "variants-1-name": "Lớn",
        "variants-1-sku": "AM-LAM-L",
        "variants-1-price": "390000",
        "variants-1-stock": "3",
    }
    data.update(overrides)
    return data


def test_an_owner_creates_a_product_with_two_variants_in_one_form(
    owner_client, shop, ceramics_type, category
):
    url = reverse("backoffice:product-create", args=[ceramics_type.pk])
    token = form_token(owner_client.get(url))
    response = owner_client.post(url, product_data(token, category, ceramics_type))
    product = Product.objects.get(vendor=shop)
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:product-photos", args=[product.pk])
    assert (product.name, product.category_id, product.weight_grams) == ("Ấm trà men lam", category.pk, 800)
    assert product.description["blocks"][0] == {
        "type": "paragraph",
        "data": {"text": "Ấm <b>gốm</b> Bát Tràng."},
    }
    assert product.description["blocks"][1]["data"] == {"style": "unordered", "items": ["500 ml", "men lam"]}
    english = product.translations.get(language_code="en")
    assert english.name == "Blue-glaze teapot"
    assert english.description["blocks"][0]["data"]["text"] == "A <i>Bát Tràng</i> teapot."
    values = sorted(
        (a.value.attribute.slug, a.value.slug, a.value.plain_text, a.value.numeric, a.value.boolean)
        for a in product.attribute_values.select_related("value__attribute")
    )
    assert [v[:2] for v in values] == [
        ("cong-dung", "dung-tra"),
        ("cong-dung", "trang-tri"),
        (
            "dung-tich",
            f"product-{product.pk}-{ceramics_type.attribute_products.get(attribute__slug='dung-tich').attribute_id}",
        ),
        (
            "ghi-chu",
            f"product-{product.pk}-{ceramics_type.attribute_products.get(attribute__slug='ghi-chu').attribute_id}",
        ),
        ("lo-vi-song", "false"),
        ("men", "men-lam"),
    ]
    variants = [
        (v.name, v.sku, int(v.channel_listings.get().price_amount), v.stocks.get().quantity)
        for v in product.variants.order_by("pk")
    ]
    assert variants == [("Nhỏ", "AM-LAM-S", 250_000, 7), ("Lớn", "AM-LAM-L", 390_000, 3)]
    listing = ProductChannelListing.objects.get(product=product)
    assert (listing.channel.slug, listing.is_published) == ("default-channel", False)  # a draft


def test_a_form_sent_twice_creates_one_product(owner_client, shop, ceramics_type, category):
    """The phone resends after a timeout: the same token leads to the first product."""
    url = reverse("backoffice:product-create", args=[ceramics_type.pk])
    data = product_data(form_token(owner_client.get(url)), category, ceramics_type)
    first = owner_client.post(url, data)
    second = owner_client.post(url, data)
    assert Product.objects.filter(vendor=shop).count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert ProductVariant.objects.filter(product__vendor=shop).count() == 2


def test_editing_changes_prices_and_stock_and_removes_a_variant(owner_client, shop_product):
    url = reverse("backoffice:product-edit", args=[shop_product.pk])
    page = owner_client.get(url)
    first, second = shop_product.variants.order_by("pk")
    data = {
        "form_token": form_token(page),
        "name": "Bình hoa men lam (mới)",
        "category": "",
        "variants-TOTAL_FORMS": "2",
        "variants-INITIAL_FORMS": "2",
        "variants-0-id": str(first.pk),
        "variants-0-name": "Loại 0",
        "variants-0-sku": first.sku,
        "variants-0-price": "175000",
        "variants-0-stock": "9",
        "variants-1-id": str(second.pk),
        "variants-1-name": "Loại 1",
        "variants-1-sku": second.sku,
        "variants-1-price": "250000",
        "variants-1-stock": "5",
        "variants-1-DELETE": "on",
    }
    response = owner_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    shop_product.refresh_from_db()
    assert shop_product.name == "Bình hoa men lam (mới)"
    assert list(shop_product.variants.values_list("pk", flat=True)) == [first.pk]
    first.refresh_from_db()
    assert int(first.channel_listings.get().price_amount) == 175_000
    assert first.stocks.get().quantity == 9


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("variants-0-price", "120000.5", "Giá tính bằng đồng, không có số lẻ."),
        ("variants-0-price", "-5000", "Giá phải lớn hơn 0 đồng."),
        ("variants-0-price", "1000000000", "Giá phải dưới 1.000.000.000 đồng."),
        ("variants-0-stock", "-1", "Tồn kho không thể là số âm."),
        ("variants-0-stock", "2.5", "Nhập số lượng là số nguyên."),
        ("variants-1-sku", "AM-LAM-S", "Hai loại trùng mã SKU này; mỗi loại cần một mã riêng."),
        ("name", "Ấ" * 251, "250"),
        ("weight_grams", "1.5", "Nhập khối lượng bằng số gam nguyên."),
    ],
)
def test_bad_input_is_shown_beside_its_field_in_vietnamese_with_the_rest_kept(
    owner_client, shop, ceramics_type, category, field, value, message
):
    url = reverse("backoffice:product-create", args=[ceramics_type.pk])
    data = product_data(form_token(owner_client.get(url)), category, ceramics_type, **{field: value})
    response = owner_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert Product.objects.filter(vendor=shop).count() == 0
    field_id = f"id_{field}"
    error_block = page.split(f'id="{field_id}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in error_block
    assert f'aria-describedby="{field_id}_error"' in page or f"{field_id}_helptext {field_id}_error" in page
    assert (
        'aria-invalid="true"'
        in page.split(f'id="{field_id}"', 1)[0].rsplit("<", 1)[1]
        + page.split(f'id="{field_id}"', 1)[1].split(">", 1)[0]
    )
    assert "Blue-glaze teapot" in page and 'value="390000"' in page  # everything else is kept


def test_a_sku_taken_by_another_product_is_the_services_error_beside_the_variant(
    owner_client, shop, ceramics_type, category, other_shop
):
    taken = other_shop["product"].variants.get().sku
    url = reverse("backoffice:product-create", args=[ceramics_type.pk])
    data = product_data(
        form_token(owner_client.get(url)), category, ceramics_type, **{"variants-1-sku": taken}
    )
    response = owner_client.post(url, data)
    page = response.content.decode()
    assert Product.objects.filter(vendor=shop).count() == 0  # nothing half-written
    assert "Mã SKU này đã được dùng." in page.split('id="id_variants-1-sku_error"', 1)[1].split("</ul>", 1)[0]
    assert "Một loại sản phẩm chưa lưu được; xem bên dưới." in page


def test_a_second_token_use_after_an_error_is_accepted(owner_client, shop, ceramics_type, category):
    url = reverse("backoffice:product-create", args=[ceramics_type.pk])
    token = form_token(owner_client.get(url))
    bad = owner_client.post(url, product_data(token, category, ceramics_type, **{"variants-0-price": "1.5"}))
    assert bad.status_code == 200
    good = owner_client.post(url, product_data(token, category, ceramics_type))
    assert good.status_code == 302
    assert Product.objects.filter(vendor=shop).count() == 1


def test_publish_unpublish_and_duplicate(owner_client, shop_product):
    listing = ProductChannelListing.objects.get(product=shop_product)
    edit = reverse("backoffice:product-edit", args=[shop_product.pk])
    response = owner_client.post(
        reverse("backoffice:product-unpublish", args=[shop_product.pk]),
        {"form_token": form_token(owner_client.get(edit))},
    )
    assert response["Location"] == edit
    listing.refresh_from_db()
    assert listing.is_published is False
    owner_client.post(
        reverse("backoffice:product-publish", args=[shop_product.pk]),
        {"form_token": form_token(owner_client.get(edit))},
    )
    listing.refresh_from_db()
    assert listing.is_published is True
    response = owner_client.post(
        reverse("backoffice:product-duplicate", args=[shop_product.pk]),
        {"form_token": form_token(owner_client.get(edit))},
    )
    copy = Product.objects.exclude(pk=shop_product.pk).get()
    assert response["Location"] == reverse("backoffice:product-edit", args=[copy.pk])
    assert copy.name == "Bình hoa men lam (bản sao)" and copy.vendor_id == shop_product.vendor_id
    assert [
        (int(v.channel_listings.get().price_amount), v.stocks.get().quantity, v.sku)
        for v in copy.variants.order_by("pk")
    ] == [
        (150_000, 0, None),
        (250_000, 0, None),
    ]
    assert ProductChannelListing.objects.get(product=copy).is_published is False


def test_the_list_searches_and_filters_by_status(owner_client, shop, shop_product):
    from tests.factories import listed_product

    draft = listed_product(
        vendor=shop, published=False, name="Đĩa gốm vẽ sen", warehouse=shop.warehouses.first()
    )
    ProductChannelListing.objects.filter(product=draft).update(published_at=None)
    page = owner_client.get(reverse("backoffice:products"), {"q": "dia sen"}).content.decode()
    assert "Đĩa gốm vẽ sen" in page and "Bình hoa men lam" not in page
    drafts = owner_client.get(reverse("backoffice:products"), {"status": "DRAFT"}).content.decode()
    assert "Đĩa gốm vẽ sen" in drafts and "Bình hoa men lam" not in drafts
    partial = owner_client.get(
        reverse("backoffice:products"), {"status": "PUBLISHED"}, HTTP_HX_REQUEST="true"
    )
    body = partial.content.decode()
    assert "<html" not in body and "Bình hoa men lam" in body and "Đĩa gốm vẽ sen" not in body
    assert "HX-Request" in partial["Vary"]
    restored = owner_client.get(
        reverse("backoffice:products"),
        {"status": "PUBLISHED"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in restored.content.decode()  # going back restores the whole page
