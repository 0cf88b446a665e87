"""Every page of the consoles costs a fixed number of SQL queries, whatever the number of
items it shows: one item and many cost the same, and the numbers are pinned (session, user,
permissions, the page's own reads; the queues add a COUNT for their pages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.backoffice.curator import helpers

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


def test_the_queues_cost_the_same_for_one_item_and_for_many(reviewer_client, admin_client, shop, owner):
    pages = {
        "backoffice:curator-showcase": reviewer_client,
        "backoffice:curator-ocop": reviewer_client,
        "backoffice:staff-applications": admin_client,
        "backoffice:curator-home": reviewer_client,  # the counts of what waits
        "backoffice:staff-home": admin_client,
        "backoffice:curator-collection-new": reviewer_client,
    }
    helpers.pending_submission(shop, owner, "Bình 0")
    helpers.submitted_certificate(helpers.product_of(shop, "Chén 0"), owner)
    helpers.application("Gốm 0", "gom0@example.vn")
    one = {page: queries(client, reverse(page)) for page, client in pages.items()}
    other, other_owner = helpers.shop_with_owner("Lụa Vạn Phúc", "lua@example.vn")
    for index in range(1, 8):
        seller, member = (shop, owner) if index % 2 else (other, other_owner)
        helpers.pending_submission(seller, member, f"Bình {index}")
        helpers.submitted_certificate(helpers.product_of(seller, f"Chén {index}"), member)
        helpers.application(f"Gốm {index}", f"gom{index}@example.vn")
    many = {page: queries(client, reverse(page)) for page, client in pages.items()}
    assert (
        one
        == many
        == {
            "backoffice:curator-showcase": 7,
            "backoffice:curator-ocop": 7,
            "backoffice:staff-applications": 8,
            "backoffice:curator-home": 6,
            "backoffice:staff-home": 5,
            "backoffice:curator-collection-new": 4,
        }
    )


def test_the_collection_pages_cost_the_same_for_one_product_and_for_many(
    reviewer_client, reviewer, shop, owner
):
    products = [helpers.approved_product(shop, owner, reviewer, f"Bình {n}") for n in range(8)]
    small = helpers.showcase_collection(reviewer, "Một", products[:1], is_published=True)
    large = helpers.showcase_collection(reviewer, "Nhiều", products, is_published=True)
    for name in ("backoffice:curator-collection", "backoffice:curator-collection-preview"):
        assert queries(reviewer_client, reverse(name, args=[small.pk])) == queries(
            reviewer_client, reverse(name, args=[large.pk])
        ), name
    counts = {
        name: queries(reviewer_client, reverse(name, args=[large.pk]))
        for name in ("backoffice:curator-collection", "backoffice:curator-collection-preview")
    }
    listing = queries(reviewer_client, reverse("backoffice:curator-collections"))
    for index in range(6):
        helpers.showcase_collection(reviewer, f"Thêm {index}", products[:index])
    assert queries(reviewer_client, reverse("backoffice:curator-collections")) == listing
    assert {**counts, "list": listing} == {
        "backoffice:curator-collection": 10,
        "backoffice:curator-collection-preview": 9,
        "list": 5,
    }
