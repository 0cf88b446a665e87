"""Photos in the seller centre: several at once through the media service (checked by their
bytes, HEIC converted to JPEG), errors beside the field, reordering, deleting, and the
script's direct upload through the presigned-upload services."""

import io
import json

import pillow_heif
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from marketplace.catalog.models import ProductMedia
from tests.backoffice.conftest import StudioClient, form_token
from tests.images import image_bytes

pytestmark = pytest.mark.django_db


def heic_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", size, (30, 60, 200))).save(buffer, format="HEIF")
    return buffer.getvalue()


def upload(client: StudioClient, product, *files):
    url = reverse("backoffice:product-photos", args=[product.pk])
    return client.post(url, {"form_token": form_token(client.get(url)), "photos": list(files)})


def test_photos_are_added_in_order_and_a_heic_photo_is_stored_as_jpeg(owner_client, shop_product):
    response = upload(
        owner_client,
        shop_product,
        SimpleUploadedFile("a.jpg", image_bytes(size=(40, 30), format="JPEG"), content_type="image/jpeg"),
        SimpleUploadedFile("IMG_0001.HEIC", heic_bytes(), content_type="image/heic"),
    )
    assert response.status_code == 302
    photos = list(shop_product.media.order_by("sort_order"))
    assert len(photos) == 2
    assert all(p.image.name.startswith("products/") and p.image.name.endswith(".jpg") for p in photos)
    with default_storage.open(photos[1].image.name, "rb") as stored:
        converted = Image.open(io.BytesIO(stored.read()))
        assert (converted.format, converted.size) == ("JPEG", (64, 48))
    page = owner_client.get(response["Location"]).content.decode()
    assert "Đã thêm 2 ảnh." in page


def test_a_file_that_is_not_an_image_is_refused_beside_the_field(owner_client, shop_product):
    response = upload(
        owner_client,
        shop_product,
        SimpleUploadedFile("photo.jpg", b"<html>not a photo</html>", content_type="image/jpeg"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Hãy tải lên tệp HEIC, JPG, PNG, WEBP." in page.split('id="id_photos_error"', 1)[1].split("</ul>")[0]
    )
    assert 'aria-invalid="true"' in page
    assert not shop_product.media.exists()


def test_photos_are_moved_and_deleted(owner_client, shop_product):
    upload(
        owner_client,
        shop_product,
        SimpleUploadedFile("1.png", image_bytes(size=(8, 8), format="PNG"), content_type="image/png"),
        SimpleUploadedFile("2.png", image_bytes(size=(9, 9), format="PNG"), content_type="image/png"),
    )
    first, second = shop_product.media.order_by("sort_order")
    order = reverse("backoffice:product-photos-order", args=[shop_product.pk])
    owner_client.post(order, {"move": f"{second.pk}:up"})
    assert list(shop_product.media.order_by("sort_order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    owner_client.post(order, {"order": f"{first.pk},{second.pk}"})  # the drag and drop
    assert list(shop_product.media.order_by("sort_order").values_list("pk", flat=True)) == [
        first.pk,
        second.pk,
    ]
    name = first.image.name
    owner_client.post(reverse("backoffice:product-photo-delete", args=[shop_product.pk, first.pk]))
    assert list(shop_product.media.values_list("pk", flat=True)) == [second.pk]
    assert not default_storage.exists(name)


def test_another_shops_photo_cannot_be_deleted(owner_client, shop_product, other_shop):
    other = ProductMedia.objects.create(product=other_shop["product"], image="products/x.jpg")
    response = owner_client.post(reverse("backoffice:product-photo-delete", args=[shop_product.pk, other.pk]))
    assert response.status_code == 404
    response = owner_client.post(
        reverse("backoffice:product-photo-delete", args=[other_shop["product"].pk, other.pk])
    )
    assert response.status_code == 404
    assert ProductMedia.objects.filter(pk=other.pk).exists()


def test_the_scripts_direct_upload_uses_the_presigned_upload_services(owner_client, shop_product):
    grant = owner_client.post(reverse("backoffice:product-photos-grant", args=[shop_product.pk]))
    assert grant.status_code == 200
    body = grant.json()
    assert body["url"].startswith("/upload/") and body["fields"] == {}
    sent = owner_client.post(
        body["url"], {"file": SimpleUploadedFile("p.jpg", image_bytes(size=(20, 20), format="JPEG"))}
    )
    assert sent.status_code == 204
    confirm = reverse("backoffice:product-photos-confirm", args=[shop_product.pk])
    done = owner_client.post(
        confirm, json.dumps({"uploadId": body["uploadId"]}), content_type="application/json"
    )
    assert done.status_code == 200
    assert list(shop_product.media.values_list("pk", flat=True)) == [done.json()["mediaId"]]
    again = owner_client.post(
        confirm, json.dumps({"uploadId": body["uploadId"]}), content_type="application/json"
    )
    assert again.status_code == 400 and again.json() == {"errors": ["Ảnh tải lên này đã được xác nhận."]}
