"""The staff console's new actions: shipping zones created and deleted, methods deleted,
attribute choices renamed and removed, product types deleted, a category's background
image. Each: who may (anonymous, customer, artisan, curator, staff without and with the
permission), the confirmation step, refusals beside their field or on the page in
Vietnamese, another object's id (404), a form sent twice or two deletions racing (no 500,
one deletion), and the pages' query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.idempotency import new_token
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeValue,
    Category,
    ProductType,
)
from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from marketplace.payments.models import TransactionItem
from marketplace.shipping.models import ShippingMethod, ShippingZone
from tests.backoffice.conftest import form_token, signed_in
from tests.backoffice.staff.conftest import staff_with
from tests.factories import channel
from tests.images import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipping_client(seeded_channels):  # type: ignore[no-untyped-def]
    return signed_in(staff_with(PermissionEnum.MANAGE_CHANNELS, email="ship@langnghe.vn"))


@pytest.fixture
def catalogue_client(db):  # type: ignore[no-untyped-def]
    return signed_in(staff_with(PermissionEnum.MANAGE_PRODUCTS, email="catalog@langnghe.vn"))


def post(client, url: str, **data):  # type: ignore[no-untyped-def]
    return client.post(url, {"form_token": new_token(), **data})


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def field_error(response, field: str) -> str:  # type: ignore[no-untyped-def]
    return html_of(response).split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]


def paying_checkout(method: ShippingMethod) -> Checkout:
    checkout = Checkout.objects.create(channel=channel(), currency="VND", shipping_method=method)
    TransactionItem.objects.create(
        gateway="vnpay", currency="VND", authorized_value=100_000, checkout=checkout
    )
    return checkout


def forbidden_to_others(urls: list[str], customer_user, owner, vendors_staff, curator) -> None:  # type: ignore[no-untyped-def]
    for url in urls:
        assert Client().get(url).status_code == 302, url
        assert Client().post(url, {"form_token": "t"}).status_code == 302, url
    for user in (customer_user, owner, vendors_staff, curator):
        client = signed_in(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user.email, url)
            assert post(client, url, name="X").status_code == 403, (user.email, url)


# ---------------------------------------------------------------- shipping


def test_shipping_authorization_matrix(seeded_channels, customer_user, owner, vendors_staff, curator):
    zone = ShippingZone.objects.get(slug="ha-noi")
    method = zone.methods.first()
    urls = [
        reverse("backoffice:staff-zone-new"),
        reverse("backoffice:staff-zone-delete", args=[zone.pk]),
        reverse("backoffice:staff-method-delete", args=[zone.pk, method.pk]),
    ]
    zones = ShippingZone.objects.count()
    forbidden_to_others(urls, customer_user, owner, vendors_staff, curator)
    # staff holding another permission only (MANAGE_PRODUCTS) is refused too
    for url in urls:
        assert signed_in(staff_with(PermissionEnum.MANAGE_PRODUCTS)).get(url).status_code == 403
    assert ShippingZone.objects.count() == zones and ShippingMethod.objects.filter(pk=method.pk).exists()
    client = signed_in(staff_with(PermissionEnum.MANAGE_CHANNELS))
    for url in urls:
        assert client.get(url).status_code == 200, url
    # a method of another zone, an unknown zone: 404
    other = ShippingZone.objects.get(slug="toan-quoc")
    assert (
        client.get(reverse("backoffice:staff-method-delete", args=[other.pk, method.pk])).status_code == 404
    )
    assert (
        post(client, reverse("backoffice:staff-method-delete", args=[other.pk, method.pk])).status_code == 404
    )
    assert client.get(reverse("backoffice:staff-zone-delete", args=[999_999])).status_code == 404
    assert ShippingMethod.objects.filter(pk=method.pk).exists()


def test_a_zone_is_created_with_its_provinces_and_a_taken_province_is_refused(shipping_client):
    url = reverse("backoffice:staff-zone-new")
    token = form_token(shipping_client.get(url))
    taken = ShippingZone.objects.get(slug="ha-noi").provinces[0]
    response = shipping_client.post(url, {"form_token": token, "name": "Miền Trung", "provinces": taken})
    assert response.status_code == 200
    assert f"{taken} đã thuộc vùng “Nội thành và ngoại thành Hà Nội”." in field_error(response, "provinces")
    assert 'value="Miền Trung"' in html_of(response)
    response = shipping_client.post(
        url, {"form_token": token, "name": "Miền Trung", "provinces": "Đà Nẵng\nHuế"}
    )
    assert response.status_code == 302
    zone = ShippingZone.objects.get(name="Miền Trung")
    assert zone.provinces == ["Thành phố Đà Nẵng", "Thành phố Huế"] and not zone.is_default
    assert "Miền Trung" in html_of(shipping_client.get(reverse("backoffice:staff-shipping")))


def test_deleting_a_zone_asks_first_then_orders_keep_what_they_bought(placed_order, shipping_client):
    order = Order.objects.get(pk=placed_order.order_id)
    method = order.shipping_method
    zone = method.zone
    assert not zone.is_default
    name, price = order.shipping_method_name, order.shipping_price_amount
    url = reverse("backoffice:staff-zone-delete", args=[zone.pk])
    page = shipping_client.get(url)
    assert "Không thể hoàn tác." in html_of(page) and "Xoá vùng giao hàng" in html_of(page)
    assert ShippingZone.objects.filter(pk=zone.pk).exists()  # asking deleted nothing
    assert shipping_client.post(url, {"form_token": form_token(page)}).status_code == 302
    assert not ShippingZone.objects.filter(pk=zone.pk).exists()
    assert not ShippingMethod.objects.filter(pk=method.pk).exists()
    order.refresh_from_db()
    assert (order.shipping_method_id, order.shipping_method_name, order.shipping_price_amount) == (
        None,
        name,
        price,
    )


def test_a_zone_or_method_a_checkout_is_paying_with_is_not_deleted(shipping_client):
    zone = ShippingZone.objects.get(slug="ha-noi")
    method = zone.methods.first()
    paying_checkout(method)
    idle = Checkout.objects.create(channel=channel(), currency="VND", shipping_method=method)
    for url in (
        reverse("backoffice:staff-zone-delete", args=[zone.pk]),
        reverse("backoffice:staff-method-delete", args=[zone.pk, method.pk]),
    ):
        response = post(shipping_client, url)
        assert response.status_code == 200
        assert "1 giỏ hàng đang được thanh toán với cách giao hàng này" in html_of(response)
    assert ShippingMethod.objects.filter(pk=method.pk).exists()
    TransactionItem.objects.update(authorized_value=0)  # the payment is over: allowed now
    response = post(shipping_client, reverse("backoffice:staff-method-delete", args=[zone.pk, method.pk]))
    assert response.status_code == 302
    idle.refresh_from_db()
    assert idle.shipping_method_id is None  # the buyer chooses again


def test_the_default_zone_cannot_be_deleted(shipping_client):
    default = ShippingZone.objects.get(is_default=True)
    assert f"staff/shipping/{default.pk}/delete/" not in html_of(
        shipping_client.get(reverse("backoffice:staff-zone", args=[default.pk]))
    )
    response = post(shipping_client, reverse("backoffice:staff-zone-delete", args=[default.pk]))
    assert response.status_code == 200
    assert "Vùng mặc định phục vụ mọi tỉnh, thành" in html_of(response)
    assert ShippingZone.objects.filter(pk=default.pk).exists()


def test_a_deletion_sent_twice_or_raced_deletes_once_without_error(shipping_client):
    zone = ShippingZone.objects.get(slug="ha-noi")
    method = zone.methods.first()
    url = reverse("backoffice:staff-method-delete", args=[zone.pk, method.pk])
    token = form_token(shipping_client.get(url))
    assert shipping_client.post(url, {"form_token": token}).status_code == 302
    again = shipping_client.post(url, {"form_token": token}, follow=True)  # the same form resent
    assert again.status_code == 200 and "Biểu mẫu này đã được lưu rồi." in html_of(again)
    other = post(shipping_client, url)  # a second tab's form, after the first one won
    assert other.status_code == 404
    assert not ShippingMethod.objects.filter(pk=method.pk).exists()


def test_a_race_lost_inside_the_service_is_a_typed_error():
    from django.core.exceptions import ValidationError

    from marketplace.accounts.actors import SYSTEM
    from marketplace.shipping.services import shipping_method_delete, shipping_zone_delete

    zone = ShippingZone.objects.create(name="Tạm", slug="tam")
    method = ShippingMethod.objects.create(zone=zone, name="Nhanh", base_price_amount=10_000)
    stale_zone, stale_method = ShippingZone.objects.get(pk=zone.pk), ShippingMethod.objects.get(pk=method.pk)
    shipping_zone_delete(actor=SYSTEM, zone=zone)
    for call in (
        lambda: shipping_zone_delete(actor=SYSTEM, zone=stale_zone),
        lambda: shipping_method_delete(actor=SYSTEM, method=stale_method),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        assert error.value.error_dict["id"][0].code == "NOT_FOUND"


# ---------------------------------------------------------------- product types


def test_product_type_deletion_matrix_and_refusal_with_the_count(
    ceramics_type, shop_product, customer_user, owner, vendors_staff, curator, catalogue_client
):
    used = shop_product.product_type
    urls = [
        reverse("backoffice:staff-product-type-delete", args=[used.pk]),
        reverse("backoffice:staff-product-type-delete", args=[ceramics_type.pk]),
    ]
    forbidden_to_others(urls, customer_user, owner, vendors_staff, curator)
    assert signed_in(staff_with(PermissionEnum.MANAGE_CHANNELS)).get(urls[0]).status_code == 403
    response = post(catalogue_client, urls[0])
    assert response.status_code == 200
    assert "1 sản phẩm đang dùng loại sản phẩm này" in html_of(response)
    assert ProductType.objects.filter(pk=used.pk).exists()
    page = catalogue_client.get(urls[1])
    assert "Xoá loại sản phẩm “Gốm”?" in html_of(page)
    assert catalogue_client.post(urls[1], {"form_token": form_token(page)}).status_code == 302
    assert not ProductType.objects.filter(pk=ceramics_type.pk).exists()
    assert Attribute.objects.filter(slug="men").exists()  # its attributes stay
    assert post(catalogue_client, urls[1]).status_code == 404  # gone: a second tab's form


# ---------------------------------------------------------------- attribute choices


@pytest.fixture
def glaze(ceramics_type):  # type: ignore[no-untyped-def]
    return AttributeValue.objects.get(attribute__slug="men", slug="men-lam")


def test_choice_pages_matrix(glaze, customer_user, owner, vendors_staff, curator):
    urls = [
        reverse("backoffice:staff-attribute-value", args=[glaze.attribute_id, glaze.pk]),
        reverse("backoffice:staff-attribute-value-delete", args=[glaze.attribute_id, glaze.pk]),
    ]
    forbidden_to_others(urls, customer_user, owner, vendors_staff, curator)
    assert signed_in(staff_with(PermissionEnum.MANAGE_CHANNELS)).get(urls[0]).status_code == 403
    glaze.refresh_from_db()
    assert glaze.name == "Men lam"
    client = signed_in(staff_with(PermissionEnum.MANAGE_PRODUCTS))
    for url in urls:
        assert client.get(url).status_code == 200
    # a choice under another attribute's id, a text attribute's value: 404
    use = Attribute.objects.get(slug="cong-dung")
    assert client.get(reverse("backoffice:staff-attribute-value", args=[use.pk, glaze.pk])).status_code == 404
    assert (
        post(client, reverse("backoffice:staff-attribute-value-delete", args=[use.pk, glaze.pk])).status_code
        == 404
    )
    note = Attribute.objects.get(slug="ghi-chu")
    text_value = AttributeValue.objects.create(attribute=note, name="Tự do", slug="tu-do")
    assert (
        client.get(reverse("backoffice:staff-attribute-value", args=[note.pk, text_value.pk])).status_code
        == 404
    )
    assert AttributeValue.objects.filter(pk=glaze.pk).exists()


def test_a_choice_is_renamed_and_a_duplicate_name_is_refused_beside_the_field(glaze, catalogue_client):
    url = reverse("backoffice:staff-attribute-value", args=[glaze.attribute_id, glaze.pk])
    token = form_token(catalogue_client.get(url))
    response = catalogue_client.post(url, {"form_token": token, "name": "Men rạn"})
    assert response.status_code == 200
    assert "Thuộc tính này đã có một lựa chọn cùng tên." in field_error(response, "name")
    assert 'value="Men rạn"' in html_of(response)
    assert catalogue_client.post(url, {"form_token": token, "name": "Men lam cổ"}).status_code == 302
    glaze.refresh_from_db()
    assert (glaze.name, glaze.slug) == ("Men lam cổ", "men-lam-co")
    attribute_page = html_of(
        catalogue_client.get(reverse("backoffice:staff-attribute", args=[glaze.attribute_id]))
    )
    assert "Men lam cổ" in attribute_page and "Đổi tên" in attribute_page


def test_removing_a_choice_in_use_says_how_many_products_lose_it(
    ceramics_type, shop_product, catalogue_client
):
    from marketplace.catalog.search import update_product_search_documents

    glaze = AttributeValue.objects.get(attribute__slug="men", slug="men-ran")
    AssignedProductAttributeValue.objects.create(product=shop_product, value=glaze)
    update_product_search_documents([shop_product.pk])
    shop_product.refresh_from_db()
    assert "men ran" in shop_product.search_document
    url = reverse("backoffice:staff-attribute-value-delete", args=[glaze.attribute_id, glaze.pk])
    page = catalogue_client.get(url)
    assert "1 sản phẩm có lựa chọn này: chúng sẽ mất nó." in html_of(page)
    assert AttributeValue.objects.filter(pk=glaze.pk).exists()
    assert catalogue_client.post(url, {"form_token": form_token(page)}).status_code == 302
    assert not AttributeValue.objects.filter(pk=glaze.pk).exists()
    assert not AssignedProductAttributeValue.objects.filter(product=shop_product).exists()
    shop_product.refresh_from_db()
    assert "men ran" not in shop_product.search_document


# ---------------------------------------------------------------- a category's background image


def jpeg(name: str = "nen.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(size=(800, 400), format="JPEG"), content_type="image/jpeg")


def test_category_image_matrix(category, customer_user, owner, vendors_staff, curator, media_root):
    url = reverse("backoffice:staff-category-image", args=[category.pk])
    forbidden_to_others([url], customer_user, owner, vendors_staff, curator)
    client = signed_in(staff_with(PermissionEnum.MANAGE_CHANNELS))
    assert client.get(url).status_code == 403
    assert client.post(url, {"form_token": new_token(), "background_image": jpeg()}).status_code == 403
    category.refresh_from_db()
    assert not category.background_image
    manager = signed_in(staff_with(PermissionEnum.MANAGE_PRODUCTS))
    assert manager.get(url).status_code == 200
    assert manager.get(reverse("backoffice:staff-category-image", args=[999_999])).status_code == 404


def test_a_category_image_is_checked_by_its_bytes_then_set_and_removed(
    category, catalogue_client, media_root
):
    url = reverse("backoffice:staff-category-image", args=[category.pk])
    token = form_token(catalogue_client.get(url))
    fake = SimpleUploadedFile("anh.jpg", b"MZ not an image at all" * 10, content_type="image/jpeg")
    response = catalogue_client.post(
        url, {"form_token": token, "background_image": fake, "background_image_alt": "Lò gốm"}
    )
    assert response.status_code == 200
    assert "Hãy tải lên tệp" in field_error(response, "background_image")
    assert 'value="Lò gốm"' in html_of(response)
    huge = SimpleUploadedFile(
        "lon.jpg", b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), content_type="image/jpeg"
    )
    response = catalogue_client.post(url, {"form_token": token, "background_image": huge})
    assert "Tệp lớn hơn 10 MB." in field_error(response, "background_image")
    category.refresh_from_db()
    assert not category.background_image and not list(media_root.rglob("*.jpg"))
    response = catalogue_client.post(
        url, {"form_token": token, "background_image": jpeg("../../x.jpg"), "background_image_alt": "Lò gốm"}
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.background_image.name.startswith("category-backgrounds/")
    assert ".." not in category.background_image.name and category.background_image_alt == "Lò gốm"
    page = html_of(catalogue_client.get(url))
    assert f'src="/thumbnail/category/{category.pk}/512/webp/" alt="Lò gốm"' in page
    stored = category.background_image.name
    response = post(catalogue_client, url, remove="on")
    assert response.status_code == 302
    category.refresh_from_db()
    assert not category.background_image and category.background_image_alt == ""
    assert not (media_root / stored).exists()


# ---------------------------------------------------------------- query counts


def test_the_changed_pages_cost_the_same_for_few_rows_and_many(ceramics_type, shop_product, category):
    client = signed_in(staff_with(PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_CHANNELS))
    glaze = AttributeValue.objects.get(attribute__slug="men", slug="men-lam")
    empty_type = ProductType.objects.create(name="Trống", slug="trong")
    zone = ShippingZone.objects.get(slug="ha-noi")
    method = zone.methods.first()
    pages = {
        reverse("backoffice:staff-attribute", args=[glaze.attribute_id]): 6,
        reverse("backoffice:staff-attribute-value", args=[glaze.attribute_id, glaze.pk]): 5,
        reverse("backoffice:staff-attribute-value-delete", args=[glaze.attribute_id, glaze.pk]): 7,
        reverse("backoffice:staff-product-type-delete", args=[empty_type.pk]): 5,
        reverse("backoffice:staff-category-image", args=[category.pk]): 5,
        reverse("backoffice:staff-zone-new"): 4,
        reverse("backoffice:staff-zone-delete", args=[zone.pk]): 5,
        reverse("backoffice:staff-method-delete", args=[zone.pk, method.pk]): 6,
        reverse("backoffice:staff-shipping"): 6,
    }

    def counts() -> dict[str, int]:
        result = {}
        for url in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            result[url] = len(captured)
        return result

    few = counts()
    for index in range(5):
        AttributeValue.objects.create(attribute=glaze.attribute, name=f"Men {index}", slug=f"men-{index}")
        Category.objects.create(name=f"C{index}", slug=f"c-{index}")
        ShippingMethod.objects.create(zone=zone, name=f"Cách {index}", base_price_amount=10_000)
    from tests.factories import listed_product

    for index in range(3):
        product = listed_product(vendor=shop_product.vendor, prices=(100_000,), name=f"Bình {index}")
        AssignedProductAttributeValue.objects.create(product=product, value=glaze)
    many = counts()
    assert few == many
    assert many == pages, [(url, n) for url, n in many.items() if pages[url] != n]
