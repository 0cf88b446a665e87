"""The showcase end to end: an artisan proposes, a curator approves and features the
product, the public sees it in design-centre; scheduling; what vendors cannot do."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from marketplace.catalog.models import CollectionChannelListing, ProductChannelListing
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data
from tests.factories import channel, published_collection
from tests.marketplace.curation.helpers import submission

pytestmark = pytest.mark.django_db

PUBLIC = """query ($slug: String!) { collection(slug: $slug, channel: "design-centre") {
  name products(first: 10) { edges { node { slug } } } } }"""
ADD = """mutation ($id: ID!, $p: [ID!]!) { collectionAddProducts(collectionId: $id, products: $p) {
  collection { slug } errors { field code } } }"""
LISTING = """mutation ($id: ID!, $c: ID!, $at: DateTime) { collectionChannelListingUpdate(id: $id,
  input: {addChannels: [{channelId: $c, isPublished: true, publishedAt: $at}]}) {
  collection { slug } errors { field code } } }"""


def public_slugs(slug):
    content = data(ApiClient().graphql(PUBLIC, {"slug": slug}))["collection"]
    return None if content is None else [e["node"]["slug"] for e in content["products"]["edges"]]


def test_curator_approves_and_features_an_artisans_product(shops, curator):
    artisan, curator_client = client_for(shops.owner), client_for(curator)
    created = data(
        artisan.graphql(
            """mutation ($id: ID!) { showcaseSubmissionCreate(productId: $id, pitch: "Men lam Bát Tràng") {
            showcaseSubmission { id status } errors { code } } }""",
            {"id": to_id("Product", shops.product.pk)},
        )
    )["showcaseSubmissionCreate"]
    assert created["errors"] == []
    reviewed = data(
        curator_client.graphql(
            """mutation ($id: ID!) { showcaseSubmissionReview(id: $id, decision: APPROVE, price: "320000") {
            showcaseSubmission { status product { slug channel pricing { priceRange { start { gross { amount } } } } } }
            errors { field code } } }""",
            {"id": created["showcaseSubmission"]["id"]},
        )
    )["showcaseSubmissionReview"]
    assert reviewed["errors"] == [], reviewed
    product = reviewed["showcaseSubmission"]["product"]
    assert product["slug"] == "binh-gom" and product["channel"] == "design-centre"
    assert product["pricing"]["priceRange"]["start"]["gross"]["amount"] == 320000
    new = data(
        curator_client.graphql(
            """mutation { collectionCreate(input: {name: "Gốm men lam", slug: "gom-men-lam",
            seo: {title: "Gốm men lam"}}) { collection { id slug } errors { field code } } }"""
        )
    )["collectionCreate"]
    assert new["errors"] == []
    collection_id = new["collection"]["id"]
    added = data(
        curator_client.graphql(ADD, {"id": collection_id, "p": [to_id("Product", shops.product.pk)]})
    )
    assert added["collectionAddProducts"]["errors"] == []
    assert public_slugs("gom-men-lam") is None  # not published yet
    showcase = to_id("Channel", channel("design-centre").pk)
    listed = data(curator_client.graphql(LISTING, {"id": collection_id, "c": showcase}))
    assert listed["collectionChannelListingUpdate"]["errors"] == []
    assert public_slugs("gom-men-lam") == ["binh-gom"]


def test_only_approved_products_can_be_featured(shops, curator):
    collection = published_collection(channel_slug="design-centre")
    submission(shops.product)  # pending only
    result = data(
        client_for(curator).graphql(
            ADD, {"id": to_id("Collection", collection.pk), "p": [to_id("Product", shops.product.pk)]}
        )
    )["collectionAddProducts"]
    assert result["errors"] == [{"field": "products", "code": "PRODUCT_NOT_APPROVED"}]
    assert not collection.collection_products.exists()


def test_collections_are_listed_only_in_design_centre(shops, curator):
    collection = published_collection(channel_slug="design-centre")
    default = to_id("Channel", channel("default-channel").pk)
    result = data(
        client_for(curator).graphql(LISTING, {"id": to_id("Collection", collection.pk), "c": default})
    )
    assert result["collectionChannelListingUpdate"]["errors"] == [
        {"field": "addChannels", "code": "CHANNEL_NOT_ALLOWED"}
    ]
    assert list(CollectionChannelListing.objects.values_list("channel__slug", flat=True)) == ["design-centre"]
    marketplace = published_collection()  # an open-marketplace collection is not the curators'
    showcase = to_id("Channel", channel("design-centre").pk)
    result = data(
        client_for(curator).graphql(LISTING, {"id": to_id("Collection", marketplace.pk), "c": showcase})
    )
    assert result["collectionChannelListingUpdate"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]


def test_scheduled_collection_shows_at_its_time_without_a_job(shops, curator):
    submission(shops.product, status="APPROVED")
    from marketplace.curation.services import _list_in_showcase

    _list_in_showcase(shops.product, None)
    collection = published_collection(shops.product, channel_slug="design-centre", slug="tet-2027")
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    showcase = to_id("Channel", channel("design-centre").pk)
    result = data(
        client_for(curator).graphql(
            LISTING, {"id": to_id("Collection", collection.pk), "c": showcase, "at": at.isoformat()}
        )
    )
    assert result["collectionChannelListingUpdate"]["errors"] == []
    assert public_slugs("tet-2027") is None
    with mock.patch("django.utils.timezone.now", return_value=at - datetime.timedelta(seconds=1)):
        assert public_slugs("tet-2027") is None
    with mock.patch("django.utils.timezone.now", return_value=at + datetime.timedelta(seconds=1)):
        assert public_slugs("tet-2027") == ["binh-gom"]


def test_reorder_moves_products_relatively(shops, curator):
    from marketplace.curation.services import _list_in_showcase

    submission(shops.product, status="APPROVED")
    submission(shops.other_product, status="APPROVED")
    _list_in_showcase(shops.product, None)
    _list_in_showcase(shops.other_product, None)
    collection = published_collection(
        shops.product, shops.other_product, channel_slug="design-centre", slug="c"
    )
    assert public_slugs("c") is not None
    result = data(
        client_for(curator).graphql(
            """mutation ($id: ID!, $p: ID!) { collectionReorderProducts(collectionId: $id,
            moves: [{productId: $p, sortOrder: 1}]) { errors { field code } } }""",
            {"id": to_id("Collection", collection.pk), "p": to_id("Product", shops.product.pk)},
        )
    )
    assert result["collectionReorderProducts"]["errors"] == []
    order = list(
        collection.collection_products.order_by("sort_order").values_list("product__slug", flat=True)
    )
    assert order == ["khan-lua", "binh-gom"]


def test_a_vendor_member_cannot_list_in_design_centre_directly(shops):
    showcase = to_id("Channel", channel("design-centre").pk)
    result = data(
        client_for(shops.owner).graphql(
            """mutation ($id: ID!, $c: ID!) { productChannelListingUpdate(id: $id,
            input: {updateChannels: [{channelId: $c, isPublished: true}]}) { errors { field code } } }""",
            {"id": to_id("Product", shops.product.pk), "c": showcase},
        )
    )["productChannelListingUpdate"]
    assert [e["code"] for e in result["errors"]] == ["CHANNEL_NOT_ALLOWED"]
    assert not ProductChannelListing.objects.filter(
        product=shops.product, channel__slug="design-centre"
    ).exists()


REVIEW_AT = """mutation ($id: ID!, $price: PositiveDecimal) {
  showcaseSubmissionReview(id: $id, decision: APPROVE, price: $price) {
    showcaseSubmission { status product { pricing { priceRange { start { gross { amount } } } } } }
    errors { field code message } } }"""


def test_the_curators_price_stays_below_one_billion_dong(shops, curator):
    from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
    from tests.marketplace.curation.helpers import submission

    pending = submission(shops.product)
    variables = {"id": to_id("ShowcaseSubmission", pending.pk), "price": "1000000000"}
    refused = data(client_for(curator).graphql(REVIEW_AT, variables))["showcaseSubmissionReview"]
    assert refused == {
        "showcaseSubmission": None,
        "errors": [
            {"field": "price", "code": "INVALID_PRICE", "message": "Prices are below 1,000,000,000 VND."}
        ],
    }
    assert ShowcaseSubmission.objects.get().status == ShowcaseSubmissionStatus.PENDING
    assert not shops.product.channel_listings.filter(channel__slug="design-centre").exists()
    accepted = data(client_for(curator).graphql(REVIEW_AT, {**variables, "price": "999999999"}))[
        "showcaseSubmissionReview"
    ]
    assert accepted["errors"] == []
    assert accepted["showcaseSubmission"]["status"] == "APPROVED"
    assert accepted["showcaseSubmission"]["product"]["pricing"]["priceRange"]["start"]["gross"] == {
        "amount": 999_999_999
    }
