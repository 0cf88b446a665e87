"""The API's answers are encoded by orjson (``StorefrontGraphQLView.json_encode``): UTF-8
text, not ``\\u`` escapes, the same data as the standard library's encoding; GraphiQL's and
``?pretty`` answers indented; what orjson cannot encode (an integer beyond 64 bits in a JSON
value) encoded by the standard library instead of failing."""

import json

import pytest
from django.test import RequestFactory

from storefront_api.views import StorefrontGraphQLView
from tests.conftest import data
from tests.factories import listed_product

BODY = {"data": {"products": {"edges": [{"node": {"name": "Bình hoa sen", "price": 1.5, "n": None}}]}}}


def encode(path="/graphql/", **kwargs):
    return StorefrontGraphQLView().json_encode(RequestFactory().post(path), BODY, **kwargs)


def test_answers_are_compact_utf8_with_the_same_data():
    encoded = encode()
    assert isinstance(encoded, bytes)
    assert "Bình hoa sen".encode() in encoded and b"\\u" not in encoded
    assert b" " not in encoded.replace("Bình hoa sen".encode(), b"")
    assert json.loads(encoded) == BODY


def test_pretty_answers_are_indented():
    for encoded in (encode(pretty=True), encode("/graphql/?pretty=1")):
        assert json.loads(encoded) == BODY
        assert '\n  "data": {' in encoded


def test_what_orjson_cannot_encode_is_encoded_by_the_standard_library():
    view = StorefrontGraphQLView()
    big = {"data": {"metadata": {"value": 2**70, "3": "key"}}}
    encoded = view.json_encode(RequestFactory().post("/graphql/"), big)
    assert json.loads(encoded) == big


@pytest.mark.django_db
def test_a_product_page_is_sent_as_utf8(api_client, seeded_channels):
    listed_product(name="Bình gốm men lam")
    response = api_client.post_graphql("{ products(first: 1) { edges { node { name } } } }")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert "Bình gốm men lam".encode() in response.content
    assert data(response.json())["products"]["edges"] == [{"node": {"name": "Bình gốm men lam"}}]
