"""The featured-collection mutations answer with Saleor's types: CollectionError (with the
products at fault), CollectionChannelListingError, TranslationError; Saleor's
PublishableChannelListingInput (isPublished optional: unchanged when omitted)."""

import datetime

import pytest

from marketplace.catalog.models import Collection, CollectionChannelListing
from marketplace.curation.models import ShowcaseSubmissionStatus
from storefront_api.core.ids import to_id
from tests.conftest import client_for, data
from tests.factories import channel, published_collection
from tests.marketplace.curation.helpers import submission

pytestmark = pytest.mark.django_db

ADD = """mutation ($id: ID!, $p: [ID!]!) { collectionAddProducts(collectionId: $id, products: $p) {
  collection { slug } errors { __typename field code products } } }"""
LISTING = """mutation ($id: ID!, $input: CollectionChannelListingUpdateInput!) {
  collectionChannelListingUpdate(id: $id, input: $input) {
  collection { slug } errors { __typename field code channels } } }"""
TRANSLATE = """mutation ($id: ID!) { collectionTranslate(id: $id, languageCode: VI, input: {name: "x"}) {
  translation { name } errors { __typename field code } } }"""
CREATE = """mutation ($input: CollectionCreateInput!) { collectionCreate(input: $input) {
  collection { slug } errors { __typename field code } } }"""


def test_collection_errors_name_the_products_at_fault(shops, curator):
    collection = published_collection(channel_slug="design-centre")
    submission(shops.product, status=ShowcaseSubmissionStatus.APPROVED)
    submission(shops.other_product)  # still pending
    ids = [to_id("Product", shops.product.pk), to_id("Product", shops.other_product.pk)]
    result = data(client_for(curator).graphql(ADD, {"id": to_id("Collection", collection.pk), "p": ids}))
    assert result["collectionAddProducts"] == {
        "collection": None,
        "errors": [
            {
                "__typename": "CollectionError",
                "field": "products",
                "code": "PRODUCT_NOT_APPROVED",
                "products": [to_id("Product", shops.other_product.pk)],
            }
        ],
    }
    missing = to_id("Product", 987654)
    result = data(
        client_for(curator).graphql(ADD, {"id": to_id("Collection", collection.pk), "p": [ids[0], missing]})
    )
    assert result["collectionAddProducts"]["errors"] == [
        {"__typename": "CollectionError", "field": "products", "code": "NOT_FOUND", "products": [missing]}
    ]
    assert not collection.collection_products.exists()


def test_collection_create_without_a_name_is_required(shops, curator):
    before = Collection.objects.count()
    result = data(client_for(curator).graphql(CREATE, {"input": {"slug": "khong-ten"}}))["collectionCreate"]
    assert result == {
        "collection": None,
        "errors": [{"__typename": "CollectionError", "field": "name", "code": "REQUIRED"}],
    }
    assert Collection.objects.count() == before


def test_channel_listing_errors_and_an_omitted_is_published(shops, curator):
    collection = published_collection(channel_slug="design-centre")
    showcase = to_id("Channel", channel("design-centre").pk)
    default = to_id("Channel", channel("default-channel").pk)
    client = client_for(curator)
    refused = data(
        client.graphql(
            LISTING,
            {"id": to_id("Collection", collection.pk), "input": {"addChannels": [{"channelId": default}]}},
        )
    )["collectionChannelListingUpdate"]
    assert refused["errors"] == [
        {
            "__typename": "CollectionChannelListingError",
            "field": "addChannels",
            "code": "CHANNEL_NOT_ALLOWED",
            "channels": None,
        }
    ]
    listing = CollectionChannelListing.objects.get(collection=collection)
    assert listing.is_published is True
    # Only publishedAt given: the listing stays published (Saleor's isPublished is optional).
    kept = data(
        client.graphql(
            LISTING,
            {
                "id": to_id("Collection", collection.pk),
                "input": {
                    "addChannels": [{"channelId": showcase, "publishedAt": "2026-01-01T00:00:00+07:00"}]
                },
            },
        )
    )["collectionChannelListingUpdate"]
    assert kept["errors"] == []
    listing.refresh_from_db()
    assert listing.is_published is True
    assert listing.published_at == datetime.datetime(
        2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    hidden = data(
        client.graphql(
            LISTING,
            {
                "id": to_id("Collection", collection.pk),
                "input": {"addChannels": [{"channelId": showcase, "isPublished": False}]},
            },
        )
    )["collectionChannelListingUpdate"]
    assert hidden["errors"] == []
    listing.refresh_from_db()
    assert listing.is_published is False


def test_a_new_listing_without_is_published_is_unpublished(shops, curator):
    created = data(client_for(curator).graphql(CREATE, {"input": {"name": "Gốm men rạn"}}))[
        "collectionCreate"
    ]
    assert created["errors"] == []
    collection = Collection.objects.get(slug=created["collection"]["slug"])
    CollectionChannelListing.objects.filter(collection=collection).delete()
    showcase = to_id("Channel", channel("design-centre").pk)
    result = data(
        client_for(curator).graphql(
            LISTING,
            {"id": to_id("Collection", collection.pk), "input": {"addChannels": [{"channelId": showcase}]}},
        )
    )["collectionChannelListingUpdate"]
    assert result["errors"] == []
    assert CollectionChannelListing.objects.get(collection=collection).is_published is False


def test_collection_translate_answers_a_translation_error(shops, curator):
    collection = published_collection(channel_slug="design-centre")
    result = data(client_for(curator).graphql(TRANSLATE, {"id": to_id("Collection", collection.pk)}))
    assert result["collectionTranslate"] == {
        "translation": None,
        "errors": [{"__typename": "TranslationError", "field": "languageCode", "code": "INVALID"}],
    }
