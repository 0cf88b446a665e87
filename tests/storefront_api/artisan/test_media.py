"""Product photos over HTTP: GraphQL multipart uploads and the presigned direct-upload flow,
on local storage and on a real local S3 server (moto in server mode) through boto3."""

import io
import json
import urllib.request
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.catalog.models import ProductMedia
from marketplace.thumbnails.models import Thumbnail
from storefront_api.core.ids import to_id
from tests.conftest import client_for, data
from tests.images import image_bytes

CREATE = """mutation ($product: ID!, $image: Upload!) { productMediaCreate(input: {product: $product, image: $image, alt: "Bình"}) {
  media { id url alt } errors { field code message } } }"""
GRANT = """mutation ($id: ID!) { productMediaUploadUrlCreate(productId: $id) { upload { uploadId url fields } errors { field code } } }"""
CONFIRM = """mutation ($id: ID!) { productMediaUploadConfirm(uploadId: $id, alt: "Ảnh") { media { url alt } errors { field code } } }"""


def multipart(client, document, variables, files):
    """A GraphQL multipart request: ``files`` maps a variable name to an uploaded file."""
    file_map = {str(i): [f"variables.{name}"] for i, name in enumerate(files)}
    body = {
        "operations": json.dumps({"query": document, "variables": {**variables, **{n: None for n in files}}}),
        "map": json.dumps(file_map),
    }
    body.update({str(i): file for i, file in enumerate(files.values())})
    return client.post("/graphql/", data=body)


def jpeg(name="photo.jpg", size=(640, 480)):
    return SimpleUploadedFile(name, image_bytes(size=size, format="JPEG"), content_type="image/jpeg")


def stored_files(root):
    return (
        sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        if root.exists()
        else []
    )


@pytest.mark.django_db
def test_multipart_upload_stores_a_generated_name_and_makes_thumbnails(world, media_root):
    response = multipart(
        client_for(world.owner),
        CREATE,
        {"product": to_id("Product", world.product.pk)},
        {"image": jpeg(name="../../etc/passwd.jpg")},
    )
    result = data(response.json())["productMediaCreate"]
    assert result["errors"] == [] and result["media"]["alt"] == "Bình"
    media = ProductMedia.objects.get(product=world.product)
    assert (
        media.image.name.startswith("products/")
        and "passwd" not in media.image.name
        and ".." not in media.image.name
    )
    assert result["media"]["url"] == f"http://testserver/media/{media.image.name}"
    assert Thumbnail.objects.filter(product_media=media).count() == 2  # the Celery task ran after commit
    assert Image.open(media.image.open()).size == (640, 480)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (
            SimpleUploadedFile(
                "photo.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
            ),
            "INVALID_FILE_TYPE",
        ),
        (
            SimpleUploadedFile(
                "scan.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n", content_type="application/pdf"
            ),
            "INVALID_FILE_TYPE",
        ),
        (
            SimpleUploadedFile(
                "big.jpg",
                image_bytes(size=(16, 16), format="JPEG") + b"\0" * (11 * 1024 * 1024),
                content_type="image/jpeg",
            ),
            "FILE_TOO_LARGE",
        ),
        (
            SimpleUploadedFile(
                "cut.jpg", image_bytes(size=(400, 400), format="JPEG")[:200], content_type="image/jpeg"
            ),
            "INVALID_FILE_TYPE",
        ),
    ],
)
def test_bad_uploads_are_typed_errors_and_store_nothing(world, media_root, upload, code):
    response = multipart(
        client_for(world.owner), CREATE, {"product": to_id("Product", world.product.pk)}, {"image": upload}
    )
    result = data(response.json())["productMediaCreate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("image", code)]
    assert not ProductMedia.objects.exists()
    assert [f for f in stored_files(media_root) if f.startswith("products/")] == []


@pytest.mark.django_db
def test_a_50_mb_request_is_refused_with_413_before_anything_is_stored(world, media_root):
    huge = SimpleUploadedFile(
        "big.jpg", b"\xff\xd8\xff" + b"\0" * (50 * 1024 * 1024), content_type="image/jpeg"
    )
    response = multipart(
        client_for(world.owner), CREATE, {"product": to_id("Product", world.product.pk)}, {"image": huge}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "REQUEST_TOO_LARGE"
    assert not ProductMedia.objects.exists() and stored_files(media_root) == []


@pytest.mark.django_db
def test_another_shops_member_cannot_add_photos(world, media_root):
    response = multipart(
        client_for(world.other_owner),
        CREATE,
        {"product": to_id("Product", world.product.pk)},
        {"image": jpeg()},
    )
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert not ProductMedia.objects.exists() and stored_files(media_root) == []


@pytest.mark.django_db
def test_delete_and_reorder(world, media_root):
    client = client_for(world.owner)
    ids = []
    for _ in range(3):
        response = multipart(
            client, CREATE, {"product": to_id("Product", world.product.pk)}, {"image": jpeg()}
        )
        ids.append(data(response.json())["productMediaCreate"]["media"]["id"])
    reorder = """mutation ($p: ID!, $m: [ID!]!) { productMediaReorder(productId: $p, mediaIds: $m) {
      product { media { id } } errors { field code } } }"""
    result = data(client.graphql(reorder, {"p": to_id("Product", world.product.pk), "m": ids[::-1]}))
    assert [m["id"] for m in result["productMediaReorder"]["product"]["media"]] == ids[::-1]
    partial = data(client.graphql(reorder, {"p": to_id("Product", world.product.pk), "m": ids[:2]}))
    assert [e["code"] for e in partial["productMediaReorder"]["errors"]] == ["NOT_PRODUCTS_IMAGE"]
    first_name = ProductMedia.objects.order_by("pk").first().image.name
    delete = "mutation ($id: ID!) { productMediaDelete(id: $id) { product { media { id } } errors { field code } } }"
    result = data(client.graphql(delete, {"id": ids[0]}))["productMediaDelete"]
    assert result["errors"] == [] and len(result["product"]["media"]) == 2
    assert first_name not in stored_files(media_root)  # the file went after commit


@pytest.mark.django_db
def test_direct_upload_flow_on_local_storage(world, media_root, client):
    owner = client_for(world.owner)
    grant = data(owner.graphql(GRANT, {"id": to_id("Product", world.product.pk)}))[
        "productMediaUploadUrlCreate"
    ]
    assert grant["errors"] == []
    upload = grant["upload"]
    url = upload["url"].removeprefix("http://testserver")
    response = client.post(url, data={**json.loads(upload["fields"]), "file": jpeg()})
    assert response.status_code in (200, 201, 204)
    confirmed = data(owner.graphql(CONFIRM, {"id": upload["uploadId"]}))["productMediaUploadConfirm"]
    assert confirmed["errors"] == [] and confirmed["media"]["alt"] == "Ảnh"
    again = data(owner.graphql(CONFIRM, {"id": upload["uploadId"]}))["productMediaUploadConfirm"]
    assert [e["code"] for e in again["errors"]] == ["ALREADY_EXISTS"]
    missing = data(owner.graphql(CONFIRM, {"id": str(uuid.uuid4())}))["productMediaUploadConfirm"]
    assert [e["code"] for e in missing["errors"]] == ["NOT_FOUND"]


@pytest.mark.django_db
def test_direct_upload_of_html_is_refused_and_deleted(world, media_root, client):
    owner = client_for(world.owner)
    upload = data(owner.graphql(GRANT, {"id": to_id("Product", world.product.pk)}))[
        "productMediaUploadUrlCreate"
    ]["upload"]
    html = SimpleUploadedFile("photo.jpg", b"<html>hi</html>", content_type="image/jpeg")
    client.post(upload["url"].removeprefix("http://testserver"), data={"file": html})
    refused = data(owner.graphql(CONFIRM, {"id": upload["uploadId"]}))["productMediaUploadConfirm"]
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("uploadId", "INVALID_FILE_TYPE")]
    assert not ProductMedia.objects.exists()
    assert [f for f in stored_files(media_root) if f.startswith("products/")] == []


@pytest.mark.django_db
def test_photos_on_s3_through_boto3(world, s3_storage):
    owner = client_for(world.owner)
    response = multipart(owner, CREATE, {"product": to_id("Product", world.product.pk)}, {"image": jpeg()})
    result = data(response.json())["productMediaCreate"]
    assert result["errors"] == []
    media = ProductMedia.objects.get(product=world.product)
    head = s3_storage.client.head_object(Bucket=s3_storage.public, Key=media.image.name)
    assert head["ContentType"] == "image/jpeg"
    assert result["media"]["url"].startswith(s3_storage.endpoint_url)
    with urllib.request.urlopen(result["media"]["url"]) as public:  # noqa: S310 (local moto server)
        assert Image.open(io.BytesIO(public.read())).format == "JPEG"
    thumbnails = Thumbnail.objects.filter(product_media=media)
    assert thumbnails.count() == 2
    for thumbnail in thumbnails:
        s3_storage.client.head_object(Bucket=s3_storage.public, Key=thumbnail.image.name)

    # The presigned direct upload, straight to the S3 server.
    upload = data(owner.graphql(GRANT, {"id": to_id("Product", world.product.pk)}))[
        "productMediaUploadUrlCreate"
    ]["upload"]
    assert upload["url"].startswith(s3_storage.endpoint_url)
    _post_form(upload["url"], json.loads(upload["fields"]), image_bytes(size=(300, 200), format="PNG"))
    confirmed = data(owner.graphql(CONFIRM, {"id": upload["uploadId"]}))["productMediaUploadConfirm"]
    assert confirmed["errors"] == []
    assert ProductMedia.objects.filter(product=world.product).count() == 2


def _post_form(url, fields, content):
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310 (local moto server)
        assert response.status in (200, 201, 204)


LOGO = """mutation ($id: ID!, $logo: Upload) { vendorUpdate(id: $id, input: {logo: $logo}) {
  vendor { logo(size: 128, format: WEBP) { url } } errors { field code } } }"""


@pytest.mark.django_db
def test_the_owner_uploads_a_logo_and_a_replaced_logo_is_removed(world, media_root):
    from vendors.shops.models import Vendor

    owner = client_for(world.owner)
    first = data(
        multipart(owner, LOGO, {"id": to_id("Vendor", world.shop.pk)}, {"logo": jpeg(size=(300, 300))}).json()
    )
    assert first["vendorUpdate"]["errors"] == []
    assert first["vendorUpdate"]["vendor"]["logo"]["url"].endswith("/128/webp/")
    old = Vendor.objects.get(pk=world.shop.pk).logo.name
    assert old.startswith("vendor-logos/")
    data(
        multipart(owner, LOGO, {"id": to_id("Vendor", world.shop.pk)}, {"logo": jpeg(size=(200, 200))}).json()
    )
    new = Vendor.objects.get(pk=world.shop.pk).logo.name
    assert new != old and old not in stored_files(media_root) and new in stored_files(media_root)
    html = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    refused = data(multipart(owner, LOGO, {"id": to_id("Vendor", world.shop.pk)}, {"logo": html}).json())
    assert refused["vendorUpdate"]["errors"] == [{"field": "logo", "code": "INVALID_FILE_TYPE"}]
    other = multipart(
        client_for(world.other_owner), LOGO, {"id": to_id("Vendor", world.shop.pk)}, {"logo": jpeg()}
    )
    assert other.json()["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Vendor.objects.get(pk=world.shop.pk).logo.name == new


@pytest.mark.django_db
def test_deleting_a_product_removes_its_photos_thumbnails_and_certificate_scans(
    world, media_root, private_media_root
):
    import datetime

    from marketplace.core import storage
    from vendors.ocop.models import OcopCertificate

    owner = client_for(world.owner)
    multipart(owner, CREATE, {"product": to_id("Product", world.product.pk)}, {"image": jpeg()})
    scan = storage.save("ocop/2026/11/scan.pdf", b"%PDF-1.4 test", private=True)
    OcopCertificate.objects.create(
        product=world.product,
        vendor=world.shop,
        stars=4,
        score=80,
        product_group="FOOD",
        decision_number="1/QĐ",
        decision_date=datetime.date(2026, 1, 5),
        issued_by="UBND",
        valid_until=datetime.date(2029, 1, 5),
        status="VERIFIED",
        document=scan,
    )
    assert len([f for f in stored_files(media_root) if f.startswith(("products/", "thumbnails/"))]) == 3
    delete = "mutation ($id: ID!) { productDelete(id: $id) { errors { field code } } }"
    assert (
        data(owner.graphql(delete, {"id": to_id("Product", world.product.pk)}))["productDelete"]["errors"]
        == []
    )
    assert [f for f in stored_files(media_root) if f.startswith(("products/", "thumbnails/"))] == []
    assert storage.stat(scan, private=True) is None
