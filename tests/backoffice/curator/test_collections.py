"""Featured collections in design-centre: drafts and scheduled ones listed for curators,
create, add, reorder (buttons and drag) and remove products, schedule, preview — and the
refusals: other roles, products without an approved submission, a moment in the past, an
order that does not match, unknown ids."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from backoffice.curator.collections import moves_to
from backoffice.idempotency import new_token
from marketplace.catalog.models import Collection, CollectionChannelListing, CollectionProduct
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from marketplace.curation.services import submission_withdraw
from tests.backoffice.conftest import signed_in
from tests.backoffice.curator import helpers
from tests.factories import CollectionFactory, channel

pytestmark = pytest.mark.django_db

NOT_ELIGIBLE = "Choose a product with an approved showcase submission that is not in the collection yet"


def post(client, view: str, pk: int | None = None, /, **data):  # type: ignore[no-untyped-def]
    url = reverse(view, args=[pk] if pk is not None else [])
    return client.post(url, {"form_token": new_token(), **data})


def order_of(collection: Collection) -> list[int]:
    return list(
        CollectionProduct.objects.filter(collection=collection)
        .order_by("sort_order", "pk")
        .values_list("product_id", flat=True)
    )


def listing(collection: Collection) -> CollectionChannelListing:
    return CollectionChannelListing.objects.get(
        collection=collection, channel__slug=settings.SHOWCASE_CHANNEL_SLUG
    )


@pytest.fixture
def approved(shop, owner, reviewer):  # type: ignore[no-untyped-def]
    return [helpers.approved_product(shop, owner, reviewer, f"Bình gốm {n}") for n in range(3)]


def test_moves_turn_one_order_into_another():
    for wanted in ([3, 1, 2], [2, 3, 1], [1, 2, 3], [3, 2, 1]):
        order = [1, 2, 3]
        for product, shift in moves_to(order, wanted):
            index = order.index(product)
            order.insert(max(0, min(len(order) - 1, index + shift)), order.pop(index))
        assert order == wanted


def test_who_opens_the_collection_pages(client, reviewer, admin, owner, customer_user, approved):
    collection = helpers.showcase_collection(reviewer, "Tết 2027", approved[:1])
    only_ocop = helpers.curator("ocop@langnghe.vn")
    from marketplace.accounts.models import Group

    Group.objects.filter(user=only_ocop).delete()
    from marketplace.accounts.permissions import PermissionEnum
    from tests.conftest import grant

    grant(only_ocop, PermissionEnum.MANAGE_OCOP)
    urls = [
        reverse("backoffice:curator-collections"),
        reverse("backoffice:curator-collection-new"),
        reverse("backoffice:curator-collection", args=[collection.pk]),
        reverse("backoffice:curator-collection-preview", args=[collection.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
        for user in (customer_user, owner, admin, only_ocop):
            assert signed_in(user).get(url).status_code == 403, (url, user.email)
        assert signed_in(reviewer).get(url).status_code == 200, url
    before = order_of(collection)
    for user in (customer_user, owner, admin, only_ocop):
        client = signed_in(user)
        assert post(client, "backoffice:curator-collection-new", name="X").status_code == 403
        assert (
            post(
                client, "backoffice:curator-collection-order", collection.pk, remove=approved[0].pk
            ).status_code
            == 403
        )
        assert (
            post(client, "backoffice:curator-collection-schedule", collection.pk, when="now").status_code
            == 403
        )
        added = post(client, "backoffice:curator-collection-add", collection.pk, product=approved[1].pk)
        renamed = post(client, "backoffice:curator-collection", collection.pk, name="Đổi tên")
        assert added.status_code == renamed.status_code == 403
    assert Collection.objects.count() == 1 and order_of(collection) == before
    assert Collection.objects.get(pk=collection.pk).name == "Tết 2027"
    assert not listing(collection).is_published


def test_drafts_and_scheduled_collections_are_listed_for_curators(reviewer_client, reviewer):
    helpers.showcase_collection(reviewer, "Bản nháp")
    helpers.showcase_collection(
        reviewer, "Hẹn giờ", is_published=True, published_at=timezone.now() + datetime.timedelta(days=3)
    )
    helpers.showcase_collection(reviewer, "Đang đăng", is_published=True, published_at=timezone.now())
    marketplace = CollectionFactory(name="Bộ sưu tập của sàn")  # listed in the open marketplace
    CollectionChannelListing.objects.create(collection=marketplace, channel=channel("default-channel"))
    page = reviewer_client.get(reverse("backoffice:curator-collections")).content.decode()
    for name, state in (("Bản nháp", "Draft"), ("Hẹn giờ", "Scheduled"), ("Đang đăng", "Published")):
        assert name in page and state in page
    assert page.index("Bản nháp") < page.index("Đang đăng")  # drafts first
    assert "Bộ sưu tập của sàn" not in page
    assert (
        reviewer_client.get(reverse("backoffice:curator-collection", args=[marketplace.pk])).status_code
        == 404
    )
    assert reviewer_client.get(reverse("backoffice:curator-collection", args=[999_999])).status_code == 404


def test_a_curator_builds_and_schedules_a_collection(reviewer_client, approved):
    response = post(
        reviewer_client,
        "backoffice:curator-collection-new",
        name="Gốm Tết",
        description="Quà **Tết**\n\n- Bình\n- Chén",
    )
    assert response.status_code == 302
    collection = Collection.objects.get(name="Gốm Tết")
    assert collection.description["blocks"][0]["data"]["text"] == "Quà <b>Tết</b>"
    assert not listing(collection).is_published
    for product in approved:
        assert (
            post(
                reviewer_client, "backoffice:curator-collection-add", collection.pk, product=product.pk
            ).status_code
            == 302
        )
    ids = [p.pk for p in approved]
    assert order_of(collection) == ids
    post(reviewer_client, "backoffice:curator-collection-order", collection.pk, move=f"{ids[2]}:up")
    assert order_of(collection) == [ids[0], ids[2], ids[1]]
    post(
        reviewer_client,
        "backoffice:curator-collection-order",
        collection.pk,
        order=f"{ids[1]},{ids[0]},{ids[2]}",
    )
    assert order_of(collection) == [ids[1], ids[0], ids[2]]
    post(reviewer_client, "backoffice:curator-collection-order", collection.pk, remove=ids[0])
    assert order_of(collection) == [ids[1], ids[2]]
    moment = timezone.localtime() + datetime.timedelta(days=2)
    response = post(
        reviewer_client,
        "backoffice:curator-collection-schedule",
        collection.pk,
        when="later",
        publish_at=moment.strftime("%Y-%m-%dT%H:%M"),
    )
    assert response.status_code == 302
    scheduled = listing(collection)
    assert scheduled.is_published and scheduled.published_at == moment.replace(second=0, microsecond=0)
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "Scheduled: the public sees it from" in page
    assert not Collection.objects.published(scheduled.channel_id).filter(pk=collection.pk).exists()
    preview = reviewer_client.get(
        reverse("backoffice:curator-collection-preview", args=[collection.pk])
    ).content.decode()
    assert "This is what the public will see from" in preview
    assert (
        preview.index(approved[1].name) < preview.index(approved[2].name) and approved[0].name not in preview
    )
    assert "250.000\u00a0₫" in preview
    post(reviewer_client, "backoffice:curator-collection-schedule", collection.pk, when="now")
    assert Collection.objects.published(scheduled.channel_id).filter(pk=collection.pk).exists()
    post(reviewer_client, "backoffice:curator-collection-schedule", collection.pk, when="draft")
    assert not listing(collection).is_published


def test_bad_input_is_shown_beside_its_field_and_changes_nothing(
    reviewer_client, reviewer, shop, owner, approved
):
    collection = helpers.showcase_collection(reviewer, "Lụa", approved[:2])
    ids = [p.pk for p in approved[:2]]
    pending = helpers.pending_submission(shop, owner, "Chưa duyệt").product
    url = "backoffice:curator-collection"
    cases = [
        ("backoffice:curator-collection-add", {"product": pending.pk}, NOT_ELIGIBLE),
        ("backoffice:curator-collection-add", {"product": "abc"}, NOT_ELIGIBLE),
        ("backoffice:curator-collection-add", {"product": ids[0]}, NOT_ELIGIBLE),  # already in it
        (
            "backoffice:curator-collection-schedule",
            {"when": "later", "publish_at": ""},
            "Give the date and time of publication.",
        ),
        (
            "backoffice:curator-collection-schedule",
            {"when": "later", "publish_at": "2020-01-01T10:00"},
            "Give a moment in the future, or publish now.",
        ),
        (
            "backoffice:curator-collection-schedule",
            {"when": "later", "publish_at": "mai"},
            "Enter a valid date/time.",
        ),
        ("backoffice:curator-collection-order", {"order": f"{ids[0]}"}, "The collection changed meanwhile"),
        ("backoffice:curator-collection-order", {"order": "1,x"}, "The order is not valid."),
        (
            "backoffice:curator-collection-order",
            {"remove": pending.pk},
            "That product is not in the collection",
        ),
        ("backoffice:curator-collection-order", {}, "Nothing to change."),
        (url, {"name": "", "description": ""}, "This field is required."),
        (url, {"name": "x" * 251}, "at most 250 characters"),
    ]
    for name, data, message in cases:
        response = post(reviewer_client, name, collection.pk, **data)
        assert response.status_code == 200, (name, data)
        assert message in response.content.decode(), (name, data)
    assert order_of(collection) == ids and not listing(collection).is_published
    assert Collection.objects.get(pk=collection.pk).name == "Lụa"
    for name in (
        "backoffice:curator-collection-add",
        "backoffice:curator-collection-order",
        "backoffice:curator-collection-schedule",
    ):
        assert (
            post(reviewer_client, name, 999_999, when="now", remove=ids[0], product=ids[0]).status_code == 404
        )


def test_a_resent_add_does_not_run_twice_and_a_withdrawn_product_is_flagged(
    reviewer_client, reviewer, owner, approved
):
    collection = helpers.showcase_collection(reviewer, "Mây tre", approved[:1])
    token = new_token()
    url = reverse("backoffice:curator-collection-order", args=[collection.pk])
    first = reviewer_client.post(url, {"form_token": token, "remove": approved[0].pk})
    again = reviewer_client.post(url, {"form_token": token, "remove": approved[0].pk})
    assert first.status_code == again.status_code == 302 and order_of(collection) == []
    collection_add = helpers.showcase_collection(reviewer, "Gốm", approved[1:3])
    submission = ShowcaseSubmission.objects.get(product=approved[1], status=ShowcaseSubmissionStatus.APPROVED)
    submission_withdraw(
        actor=owner, submission=submission
    )  # the shop takes it back: it leaves the collection
    helpers.collection_add_products(actor=reviewer, collection=collection_add, product_ids=[approved[2].pk])
    page = reviewer_client.get(
        reverse("backoffice:curator-collection", args=[collection_add.pk])
    ).content.decode()
    assert approved[1].name not in page and approved[2].name in page
