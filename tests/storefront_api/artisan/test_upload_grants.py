"""Direct-upload grants (productMediaUploadUrlCreate) are capped, usable once, and the files
of unconfirmed ones are removed by a beat task after expiry — on local storage and on a real
local S3 server (moto in server mode)."""

import json
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from marketplace.catalog.models import PendingMediaUpload, ProductMedia
from marketplace.catalog.services import media as media_services
from marketplace.catalog.tasks import delete_unconfirmed_uploads
from marketplace.core import storage
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data
from tests.factories import listed_product
from tests.images import image_bytes
from tests.storefront_api.artisan.test_media import CONFIRM, GRANT, _post_form, jpeg, stored_files


def grant(client: ApiClient, product) -> dict:
    return data(client.graphql(GRANT, {"id": to_id("Product", product.pk)}))["productMediaUploadUrlCreate"]


def upload(client, url: str, file) -> int:
    return client.post(url.removeprefix("http://testserver"), data={"file": file}).status_code


def confirm(client: ApiClient, upload_id: str) -> dict:
    return data(client.graphql(CONFIRM, {"id": upload_id}))["productMediaUploadConfirm"]


def expire_all() -> None:
    past = timezone.now() - media_services.UPLOAD_CLEANUP_GRACE - timedelta(seconds=1)
    PendingMediaUpload.objects.update(expires_at=past)


@pytest.mark.django_db
def test_outstanding_grants_are_capped_per_product_and_per_user(world, media_root, monkeypatch):
    owner = client_for(world.owner)
    granted = [grant(owner, world.product) for _ in range(media_services.MAX_PENDING_PER_PRODUCT)]
    assert all(g["errors"] == [] for g in granted)
    refused = grant(owner, world.product)
    assert refused == {"upload": None, "errors": [{"field": "productId", "code": "OUT_OF_RANGE"}]}
    assert PendingMediaUpload.objects.count() == media_services.MAX_PENDING_PER_PRODUCT
    # A confirmed upload no longer counts; an expired one neither.
    first = granted[0]["upload"]
    assert upload(ApiClient(), first["url"], jpeg()) == 204
    assert confirm(owner, first["uploadId"])["errors"] == []
    assert grant(owner, world.product)["errors"] == []
    PendingMediaUpload.objects.filter(status="PENDING").update(expires_at=timezone.now())
    assert grant(owner, world.product)["errors"] == []
    # Per user, across products.
    monkeypatch.setattr(media_services, "MAX_PENDING_PER_USER", 3)
    other = listed_product(vendor=world.shop, slug="dia-men-lam")
    assert [grant(owner, other)["errors"] for _ in range(3)] == [
        [],
        [],
        [{"field": "productId", "code": "OUT_OF_RANGE"}],
    ]


@pytest.mark.django_db
def test_a_refused_confirm_burns_the_grant(world, media_root):
    owner = client_for(world.owner)
    granted = grant(owner, world.product)["upload"]
    html = SimpleUploadedFile("photo.jpg", b"<html>hi</html>", content_type="image/jpeg")
    assert upload(ApiClient(), granted["url"], html) == 204
    refused = confirm(owner, granted["uploadId"])
    assert refused["errors"] == [{"field": "uploadId", "code": "INVALID_FILE_TYPE"}]
    assert PendingMediaUpload.objects.get().status == "REFUSED"
    # The presigned POST has not expired: a good photo arrives under the same key...
    assert upload(ApiClient(), granted["url"], jpeg()) == 204
    # ...but the grant is spent: refused, nothing added, the file left for the beat task.
    again = confirm(owner, granted["uploadId"])
    assert again["errors"] == [{"field": "uploadId", "code": "UPLOAD_EXPIRED"}]
    assert not ProductMedia.objects.exists()
    key = PendingMediaUpload.objects.get().key
    assert key in stored_files(media_root)
    expire_all()
    assert delete_unconfirmed_uploads.delay().get() == 1
    assert key not in stored_files(media_root)
    assert not PendingMediaUpload.objects.exists()


@pytest.mark.django_db
def test_a_confirmed_upload_is_confirmed_once(world, media_root):
    owner = client_for(world.owner)
    granted = grant(owner, world.product)["upload"]
    assert upload(ApiClient(), granted["url"], jpeg()) == 204
    assert confirm(owner, granted["uploadId"])["errors"] == []
    for _ in range(2):
        assert confirm(owner, granted["uploadId"])["errors"] == [
            {"field": "uploadId", "code": "ALREADY_EXISTS"}
        ]
    assert ProductMedia.objects.count() == 1
    expire_all()
    assert delete_unconfirmed_uploads.delay().get() == 0  # a confirmed file is a photo now
    assert ProductMedia.objects.get().image.name in stored_files(media_root)


@pytest.mark.django_db(transaction=True)
def test_parallel_confirms_of_one_upload_add_one_photo(world, media_root):
    from tests.marketplace.checkout.test_races import race

    owner = client_for(world.owner)
    granted = grant(owner, world.product)["upload"]
    assert upload(ApiClient(), granted["url"], jpeg()) == 204
    results = race(lambda i: confirm(client_for(world.owner), granted["uploadId"]), 6)
    assert not [r for r in results if isinstance(r, Exception)], results
    outcomes = Counter(r["errors"][0]["code"] if r["errors"] else "OK" for r in results)
    assert outcomes == {"OK": 1, "ALREADY_EXISTS": 5}
    assert ProductMedia.objects.count() == 1
    assert PendingMediaUpload.objects.get().status == "CONFIRMED"


@pytest.mark.django_db
def test_unconfirmed_uploads_are_deleted_after_expiry_idempotently(world, media_root):
    owner = client_for(world.owner)
    waiting = grant(owner, world.product)["upload"]
    assert upload(ApiClient(), waiting["url"], jpeg()) == 204
    never_sent = grant(owner, world.product)["upload"]
    key = PendingMediaUpload.objects.get(pk=waiting["uploadId"]).key
    assert delete_unconfirmed_uploads.delay().get() == 0  # not expired yet
    assert key in stored_files(media_root)
    expire_all()
    assert delete_unconfirmed_uploads.delay().get() == 2
    assert key not in stored_files(media_root)
    assert not PendingMediaUpload.objects.exists()
    assert delete_unconfirmed_uploads.delay().get() == 0
    assert confirm(owner, waiting["uploadId"])["errors"] == [{"field": "uploadId", "code": "NOT_FOUND"}]
    assert confirm(owner, never_sent["uploadId"])["errors"] == [{"field": "uploadId", "code": "NOT_FOUND"}]


@pytest.mark.django_db
def test_a_deleted_products_unconfirmed_upload_is_removed_too(world, media_root):
    owner = client_for(world.owner)
    waiting = grant(owner, world.product)["upload"]
    assert upload(ApiClient(), waiting["url"], jpeg()) == 204
    delete = "mutation ($id: ID!) { productDelete(id: $id) { errors { field code } } }"
    assert (
        data(owner.graphql(delete, {"id": to_id("Product", world.product.pk)}))["productDelete"]["errors"]
        == []
    )
    pending = PendingMediaUpload.objects.get()
    assert pending.product is None
    expire_all()
    assert delete_unconfirmed_uploads.delay().get() == 1
    assert [f for f in stored_files(media_root) if f.startswith("products/")] == []


@pytest.mark.django_db
def test_unconfirmed_uploads_are_deleted_on_s3(world, s3_storage):
    owner = client_for(world.owner)
    waiting = grant(owner, world.product)["upload"]
    assert waiting["url"].startswith(s3_storage.endpoint_url)
    _post_form(waiting["url"], json.loads(waiting["fields"]), image_bytes(size=(300, 200), format="PNG"))
    confirmed = grant(owner, world.product)["upload"]
    _post_form(confirmed["url"], json.loads(confirmed["fields"]), image_bytes(size=(300, 200), format="PNG"))
    assert confirm(owner, confirmed["uploadId"])["errors"] == []
    keys = dict(PendingMediaUpload.objects.values_list("id", "key"))
    waiting_key = keys[uuid.UUID(waiting["uploadId"])]
    s3_storage.client.head_object(Bucket=s3_storage.public, Key=waiting_key)
    expire_all()
    assert delete_unconfirmed_uploads.delay().get() == 1
    listed = s3_storage.client.list_objects_v2(Bucket=s3_storage.public, Prefix="products/uploads/")
    assert [o["Key"] for o in listed.get("Contents", [])] == [keys[uuid.UUID(confirmed["uploadId"])]]
    assert storage.stat(waiting_key) is None
    assert delete_unconfirmed_uploads.delay().get() == 0
