"""A featured collection's background image (set, refused by its bytes, removed) and its
deletion after a confirmation (in English: the curators here read English): curators
holding MANAGE_SHOWCASE only; a collection of the
open marketplace is not theirs (404); a deletion sent twice or raced deletes once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from backoffice.idempotency import new_token
from marketplace.catalog.models import Collection, CollectionProduct, Product
from tests.backoffice.conftest import form_token, signed_in
from tests.backoffice.curator import helpers
from tests.factories import published_collection
from tests.images import image_bytes

pytestmark = pytest.mark.django_db


def jpeg(name: str = "nen.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(size=(900, 300), format="JPEG"), content_type="image/jpeg")


@pytest.fixture
def approved(shop, owner, reviewer):  # type: ignore[no-untyped-def]
    return [helpers.approved_product(shop, owner, reviewer, f"Bình gốm {n}") for n in range(2)]


@pytest.fixture
def collection(reviewer, approved):  # type: ignore[no-untyped-def]
    return helpers.showcase_collection(reviewer, "Tết 2027", approved)


def test_who_may_delete_or_change_the_image(collection, reviewer, admin, owner, customer_user, media_root):
    from marketplace.accounts.models import Group
    from marketplace.accounts.permissions import PermissionEnum
    from tests.conftest import grant

    only_ocop = helpers.curator("ocop@langnghe.vn")
    Group.objects.filter(user=only_ocop).delete()
    grant(only_ocop, PermissionEnum.MANAGE_OCOP)
    delete_url = reverse("backoffice:curator-collection-delete", args=[collection.pk])
    image_url = reverse("backoffice:curator-collection-image", args=[collection.pk])
    assert Client().get(delete_url).status_code == 302
    assert Client().post(delete_url, {"form_token": new_token()}).status_code == 302
    for user in (customer_user, owner, admin, only_ocop):
        client = signed_in(user)
        assert client.get(delete_url).status_code == 403, user.email
        assert client.post(delete_url, {"form_token": new_token()}).status_code == 403
        assert (
            client.post(image_url, {"form_token": new_token(), "background_image": jpeg()}).status_code == 403
        )
    collection.refresh_from_db()
    assert not collection.background_image
    assert signed_in(reviewer).get(delete_url).status_code == 200
    # the open marketplace's collections are not the curators'
    other = published_collection(name="Bán chạy", slug="ban-chay")
    client = signed_in(reviewer)
    for url in (
        reverse("backoffice:curator-collection-delete", args=[other.pk]),
        reverse("backoffice:curator-collection-image", args=[other.pk]),
    ):
        assert client.post(url, {"form_token": new_token(), "remove": "on"}).status_code == 404
    assert client.get(reverse("backoffice:curator-collection-delete", args=[other.pk])).status_code == 404
    assert Collection.objects.filter(pk=other.pk).exists()


def test_the_image_is_checked_set_shown_and_removed(collection, reviewer_client, media_root):
    page_url = reverse("backoffice:curator-collection", args=[collection.pk])
    url = reverse("backoffice:curator-collection-image", args=[collection.pk])
    page = reviewer_client.get(page_url)
    assert "No background image." in page.content.decode()
    fake = SimpleUploadedFile("a.png", b"<svg onload=alert(1)>" * 5, content_type="image/png")
    response = reviewer_client.post(
        url, {"form_token": new_token(), "background_image": fake, "background_image_alt": "Đèn lồng"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    error = html.split('id="id_background_image_error"', 1)[1].split("</ul>", 1)[0]
    assert "Upload a " in error and 'value="Đèn lồng"' in html
    both = reviewer_client.post(url, {"form_token": new_token(), "background_image": jpeg(), "remove": "on"})
    assert "Upload a new image or remove it, not both." in both.content.decode()
    collection.refresh_from_db()
    assert not collection.background_image
    response = reviewer_client.post(
        url, {"form_token": new_token(), "background_image": jpeg(), "background_image_alt": "Đèn lồng"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#image")
    collection.refresh_from_db()
    assert collection.background_image.name.startswith("collection-backgrounds/")
    assert collection.background_image_alt == "Đèn lồng"
    page = reviewer_client.get(page_url).content.decode()
    assert f'src="/thumbnail/collection/{collection.pk}/512/webp/" alt="Đèn lồng"' in page
    stored = media_root / collection.background_image.name
    assert stored.exists()
    assert reviewer_client.post(url, {"form_token": new_token(), "remove": "on"}).status_code == 302
    collection.refresh_from_db()
    assert not collection.background_image and not stored.exists()


def test_deleting_asks_first_then_keeps_the_products_and_resent_forms_do_no_harm(
    collection, approved, reviewer_client, media_root
):
    from marketplace.curation.collections import collection_background_update

    collection_background_update(actor=helpers.curator("b@langnghe.vn"), collection=collection, image=jpeg())
    collection.refresh_from_db()
    stored = media_root / collection.background_image.name
    url = reverse("backoffice:curator-collection-delete", args=[collection.pk])
    page = reviewer_client.get(url)
    html = page.content.decode()
    assert "Delete the collection “Tết 2027”?" in html and "This cannot be undone." in html
    assert Collection.objects.filter(pk=collection.pk).exists()
    token = form_token(page)
    response = reviewer_client.post(url, {"form_token": token})
    assert response.status_code == 302 and response["Location"] == reverse("backoffice:curator-collections")
    assert not Collection.objects.filter(pk=collection.pk).exists()
    assert not CollectionProduct.objects.exists()
    assert Product.objects.filter(pk__in=[p.pk for p in approved]).count() == 2  # the products stay
    assert not stored.exists()
    again = reviewer_client.post(url, {"form_token": token}, follow=True)
    assert again.status_code == 200 and "This form was already saved." in again.content.decode()
    assert reviewer_client.post(url, {"form_token": new_token()}).status_code == 404


def test_a_deletion_that_lost_a_race_is_a_typed_error(collection, reviewer):
    from django.core.exceptions import ValidationError

    from marketplace.curation.collections import collection_delete

    stale = Collection.objects.get(pk=collection.pk)
    collection_delete(actor=reviewer, collection=collection)
    with pytest.raises(ValidationError) as error:
        collection_delete(actor=reviewer, collection=stale)
    assert error.value.error_dict["id"][0].code == "NOT_FOUND"
