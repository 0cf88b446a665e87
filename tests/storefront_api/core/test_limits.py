"""Abusive documents are refused before they run; introspection stays on."""

import json

import pytest
from graphql import get_introspection_query

from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def post(body: str):
    return ApiClient().post("/graphql/", data=body, content_type="application/json")


def codes(response):
    return [e.get("extensions", {}).get("exception", {}).get("code") for e in response.json()["errors"]]


def test_too_deep_a_query_is_refused(seeded_channels):
    deep = "{ categories(first: 1) { edges { node { " + "parent { " * 14 + "id" + " }" * 14 + " } } } }"
    response = post(json.dumps({"query": deep}))
    assert response.status_code == 400
    assert "exceeds maximum operation depth" in response.json()["errors"][0]["message"]
    shallow = "{ categories(first: 1) { edges { node { parent { parent { id } } } } } }"
    assert post(json.dumps({"query": shallow})).status_code == 200


def test_more_than_100_aliases_are_refused(seeded_channels):
    body = "{ " + " ".join(f"a{i}: shop {{ name }}" for i in range(101)) + " }"
    response = post(json.dumps({"query": body}))
    assert response.status_code == 400 and codes(response) == ["QUERY_TOO_COMPLEX"]
    allowed = "{ " + " ".join(f"a{i}: shop {{ name }}" for i in range(100)) + " }"
    assert post(json.dumps({"query": allowed})).status_code == 200


def test_more_than_five_mutations_in_one_operation_are_refused(db):
    fields = " ".join(f'm{i}: tokenVerify(token: "x") {{ isValid }}' for i in range(6))
    response = post(json.dumps({"query": f"mutation {{ {fields} }}"}))
    assert response.status_code == 400 and codes(response) == ["QUERY_TOO_COMPLEX"]


def test_batched_requests_are_refused(db):
    response = post(json.dumps([{"query": "{ shop { name } }"}, {"query": "{ shop { name } }"}]))
    assert response.status_code == 400


def test_an_oversized_body_is_413_before_it_is_read(db, settings):
    body = json.dumps(
        {"query": "{ shop { name } }", "variables": {"pad": "x" * (settings.GRAPHQL_MAX_BODY_BYTES + 1)}}
    )
    response = post(body)
    assert response.status_code == 413 and codes(response) == ["REQUEST_TOO_LARGE"]


def test_introspection_stays_on(db):
    response = post(json.dumps({"query": get_introspection_query(descriptions=True)}))
    assert response.status_code == 200
    assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"


def test_the_cost_is_reported_and_an_expensive_query_is_refused_before_it_runs(seeded_channels):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cheap = post(json.dumps({"query": "{ products(first: 10) { edges { node { name slug } } } }"}))
    # products (1) + 10 x (edges 1 + node 1 + name 1 + slug 1)
    assert cheap.json()["extensions"]["cost"] == {"requestedQueryCost": 41, "maximumAvailable": 50_000}
    by_variable = post(
        json.dumps(
            {
                "query": "query ($n: Int = 5) { products(first: $n) { edges { node { name } } } }",
                "variables": {"n": 100},
            }
        )
    )
    assert by_variable.json()["extensions"]["cost"]["requestedQueryCost"] == 1 + 100 * 3
    nested = (
        "{ categories(first: 100) { edges { node { children(first: 100) { edges { node {"
        " products(first: 100) { edges { node { name } } } } } } } } } }"
    )
    with CaptureQueriesContext(connection) as queries:
        response = post(json.dumps({"query": nested}))
    assert response.status_code == 400 and codes(response) == ["QUERY_TOO_COMPLEX"]
    assert response.json()["extensions"]["cost"]["requestedQueryCost"] > 50_000
    assert len(queries) == 0  # refused before anything ran


def test_every_contract_operation_is_within_the_cost_limit(seeded_channels):
    from graphql import parse

    from storefront_api.core.cost import operation_cost
    from tests.conftest import CONTRACT_DIR

    paths = sorted(CONTRACT_DIR.glob("*.graphql"))
    assert [p.name for p in paths] == ["account.graphql", "catalog.graphql", "checkout.graphql"]
    for path in paths:
        document = parse(path.read_text())
        for definition in document.definitions:
            if getattr(definition, "operation", None) is not None:
                cost = operation_cost(document, definition.name.value, {"first": 100})
                assert cost <= 50_000, (path.name, definition.name.value, cost)
