"""The "add a product" field of a featured collection (issue 13): the seller's product picker
with the curator's choices — products with an approved showcase submission, not yet in the
collection — at most PICKS_SHOWN of them, found by name without JavaScript (GET ?find=) or
from the picks endpoint (htmx); anything else posted is refused beside the field."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.idempotency import new_token
from backoffice.seller.queries import PICKS_SHOWN
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Collection, CollectionProduct, ProductChannelListing
from marketplace.channels.models import Channel
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from marketplace.curation.services import REJECT, submission_review, submission_withdraw
from tests.backoffice.conftest import signed_in
from tests.backoffice.curator import helpers
from tests.conftest import grant
from tests.factories import CollectionFactory, UserFactory, channel, listed_product

pytestmark = pytest.mark.django_db


def choices(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="product" value="(\d+)"', html)


def checked(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="product" value="(\d+)" id="[^"]+" checked', html)


def picks_url(collection) -> str:  # type: ignore[no-untyped-def]
    return reverse("backoffice:curator-collection-picks", args=[collection.pk])


def page_url(collection) -> str:  # type: ignore[no-untyped-def]
    return reverse("backoffice:curator-collection", args=[collection.pk])


def in_collection(collection) -> list[int]:  # type: ignore[no-untyped-def]
    return list(
        CollectionProduct.objects.filter(collection=collection)
        .order_by("sort_order")
        .values_list("product_id", flat=True)
    )


@pytest.fixture
def approved(shop, owner, reviewer):  # type: ignore[no-untyped-def]
    return [helpers.approved_product(shop, owner, reviewer, f"Bình gốm {n}") for n in range(2)]


@pytest.fixture
def not_eligible(shop, owner, reviewer, other_shop):  # type: ignore[no-untyped-def]
    """Products that must never be offered: pending, rejected and withdrawn submissions, a
    product on sale in the marketplace channel only, one listed in design-centre by hand
    without a submission."""
    pending = helpers.pending_submission(shop, owner, "Bình chờ duyệt").product
    rejected = helpers.pending_submission(shop, owner, "Bình bị từ chối")
    submission_review(actor=reviewer, submission=rejected, decision=REJECT, note="Chưa đạt")
    withdrawn = helpers.approved_product(shop, owner, reviewer, "Bình đã rút")
    submission_withdraw(
        actor=owner,
        submission=ShowcaseSubmission.objects.get(
            product=withdrawn, status=ShowcaseSubmissionStatus.APPROVED
        ),
    )
    marketplace_only = other_shop["product"]  # listed in the default channel, never proposed
    showcase_by_hand = listed_product(
        channel_slug=settings.SHOWCASE_CHANNEL_SLUG, vendor=shop, name="Bình trưng bày lậu"
    )
    return [pending, rejected.product, withdrawn, marketplace_only, showcase_by_hand]


def test_only_approved_products_outside_the_collection_are_offered(
    reviewer_client, reviewer, approved, not_eligible, other_shop
):
    theirs = helpers.approved_product(
        other_shop["vendor"], other_shop["member"], reviewer, "Khăn lụa tơ tằm"
    )  # another shop's approved product is a choice: curators feature every shop
    collection = helpers.showcase_collection(reviewer, "Tết", approved[:1])
    expected = [str(approved[1].pk), str(theirs.pk)]  # by name: "Bình gốm 1", "Khăn lụa…"
    for url in (page_url(collection), picks_url(collection)):
        assert choices(reviewer_client.get(url).content.decode()) == expected, url
        for product in [approved[0], *not_eligible]:
            for params in (
                {"product": product.pk},
                {"find": product.name},
                {"find": "binh", "product": product.pk},
            ):
                html = reviewer_client.get(url, params).content.decode()
                assert str(product.pk) not in choices(html), (url, product.name, params)


def test_the_page_lists_a_few_and_says_there_are_more(reviewer_client, reviewer, shop, owner):
    products = [
        helpers.approved_product(shop, owner, reviewer, f"Chén {n:02d}") for n in range(PICKS_SHOWN + 2)
    ]
    collection = helpers.showcase_collection(reviewer, "Chén")
    page = reviewer_client.get(page_url(collection)).content.decode()
    assert choices(page) == [str(p.pk) for p in products[:PICKS_SHOWN]]
    assert "type more of the name to find the others" in page
    assert 'form="find-product"' in page and '<form id="find-product" method="get"' in page
    assert f'hx-get="{picks_url(collection)}"' in page
    # without JavaScript: the GET form reloads the page with the matches
    found = reviewer_client.get(page_url(collection), {"find": "chen 21"}).content.decode()
    assert str(products[21].pk) in choices(found) and len(choices(found)) < PICKS_SHOWN
    assert 'value="chen 21"' in found
    assert "type more" not in found
    nothing = reviewer_client.get(page_url(collection), {"find": "lua"}).content.decode()
    assert choices(nothing) == [] and "No approved product outside the collection matches." in nothing
    # the product found is added, though it was not among the first choices
    response = reviewer_client.post(
        reverse("backoffice:curator-collection-add", args=[collection.pk]),
        {"form_token": new_token(), "product": str(products[21].pk)},
    )
    assert response.status_code == 302 and in_collection(collection) == [products[21].pk]


def test_the_picks_endpoint_answers_the_list_alone_with_the_chosen_product_kept(
    reviewer_client, reviewer, approved
):
    collection = helpers.showcase_collection(reviewer, "Gốm")
    response = reviewer_client.get(picks_url(collection), {"find": "binh gom 1"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert response["Cache-Control"] == "private, no-store"
    assert choices(html) == [str(approved[1].pk)]
    kept = reviewer_client.get(
        picks_url(collection), {"find": "binh gom 1", "product": approved[0].pk}
    ).content.decode()
    assert choices(kept) == [str(approved[0].pk), str(approved[1].pk)]
    assert checked(kept) == [str(approved[0].pk)]
    helpers.collection_add_products(
        actor=reviewer, collection=collection, product_ids=[p.pk for p in approved]
    )
    empty = reviewer_client.get(picks_url(collection)).content.decode()
    assert choices(empty) == [] and "No approved product left to add." in empty


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
def test_bad_input_to_the_picker_gets_a_list(reviewer_client, reviewer, approved, params):
    collection = helpers.showcase_collection(reviewer, "Gốm")
    for url in (picks_url(collection), page_url(collection)):
        response = reviewer_client.get(url, params)
        assert response.status_code == 200, (url, params)
        assert set(choices(response.content.decode())) <= {str(p.pk) for p in approved}, (url, params)


def test_a_product_not_eligible_is_refused_beside_the_field(
    reviewer_client, reviewer, approved, not_eligible
):
    collection = helpers.showcase_collection(reviewer, "Gốm", approved[:1])
    url = reverse("backoffice:curator-collection-add", args=[collection.pk])
    bad = [*(str(p.pk) for p in [approved[0], *not_eligible]), "abc", "-1", "9" * 40, "x" * 10_000, ""]
    for product in bad:
        response = reviewer_client.post(url, {"form_token": new_token(), "product": product})
        page = response.content.decode()
        assert response.status_code == 200, product[:20]
        assert 'id="id_product_error"' in page, product[:20]
        assert "Find by name" in page, product[:20]
    assert in_collection(collection) == [approved[0].pk]


def test_who_may_ask_for_the_picks(client, reviewer, admin, owner, customer_user, approved):
    collection = helpers.showcase_collection(reviewer, "Gốm")
    url = picks_url(collection)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/studio/sign-in/")
    only_ocop = UserFactory(email="ocop@langnghe.vn", is_staff=True, language_code="en")
    grant(only_ocop, PermissionEnum.MANAGE_OCOP)  # a curator without MANAGE_SHOWCASE
    for user in (customer_user, owner, only_ocop, admin):
        response = signed_in(user).get(url)
        assert response.status_code == 403, user.email
        assert str(approved[0].pk) not in choices(response.content.decode()), user.email
    assert choices(signed_in(reviewer).get(url).content.decode()) == [str(p.pk) for p in approved]
    assert Client().get(reverse("backoffice:curator-collection-picks", args=[999_999])).status_code == 302
    assert (
        signed_in(reviewer).get(reverse("backoffice:curator-collection-picks", args=[999_999])).status_code
        == 404
    )
    posted = signed_in(reviewer).post(url, {"form_token": new_token(), "name": "Đổi tên"})
    assert posted.status_code == 405 and Collection.objects.get(pk=collection.pk).name == "Gốm"
    marketplace = CollectionFactory(name="Của sàn")  # a collection of another channel
    marketplace.channel_listings.create(channel=channel("default-channel"))
    assert signed_in(reviewer).get(picks_url(marketplace)).status_code == 404


def test_the_picker_costs_the_same_for_one_eligible_product_and_for_many(
    reviewer_client, reviewer, shop, owner
):
    first = helpers.approved_product(shop, owner, reviewer, "Bình 0")
    collection = helpers.showcase_collection(reviewer, "Gốm")

    def count(url: str, params: dict) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert reviewer_client.get(url, params).status_code == 200
        return len(captured)

    def counts() -> list[int]:
        return [
            count(url, params)
            for url in (picks_url(collection), page_url(collection))
            for params in ({}, {"find": "binh"}, {"product": first.pk})
        ]

    one = counts()
    for index in range(1, PICKS_SHOWN + 3):
        helpers.approved_product(shop, owner, reviewer, f"Bình {index}")
    assert one == counts() == [6, 6, 6, 9, 9, 9]
    assert (
        ProductChannelListing.objects.filter(
            channel=Channel.objects.get(slug=settings.SHOWCASE_CHANNEL_SLUG)
        ).count()
        == PICKS_SHOWN + 3
    )
