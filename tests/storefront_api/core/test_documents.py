"""Parsed and validated documents are cached by text, never across different limits."""

import pytest

from storefront_api.core.documents import parsed, validation_errors
from storefront_api.schema import schema
from storefront_api.views import StorefrontGraphQLView
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db

ALIASES = "{ a: shop { name } b: shop { name } }"


def test_a_document_is_parsed_once():
    assert parsed(ALIASES) is parsed(ALIASES)
    assert parsed(ALIASES + " ") is not parsed(ALIASES)


def test_validation_follows_the_limits_in_force(settings):
    rules = StorefrontGraphQLView.validation_rules
    settings.GRAPHQL_MAX_ALIASES = 1
    errors = validation_errors(schema.graphql_schema, rules, ALIASES)
    assert [e.extensions["exception"]["code"] for e in errors] == ["QUERY_TOO_COMPLEX"]
    settings.GRAPHQL_MAX_ALIASES = 100
    assert validation_errors(schema.graphql_schema, rules, ALIASES) == []


def test_cached_answers_over_http_are_the_same_answers(seeded_channels):
    client = ApiClient()
    first, second = (client.post_graphql("{ shop { name } nope }") for _ in range(2))
    assert first.status_code == second.status_code == 400
    assert first.json()["errors"] == second.json()["errors"]
    assert "nope" in first.json()["errors"][0]["message"]
    mutation_over_get = client.get(
        "/graphql/", {"query": "mutation { tokenDeactivateAll { errors { code } } }"}
    )
    assert mutation_over_get.status_code == 405
