"""Documents written to make the server work hard are refused before anything expensive
runs, and every step that checks a document does bounded work by construction: fragments
are measured once each (counted here, no clock), cycles are refused before anything
follows a spread, introspection answers once per field."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import get_introspection_query, parse

from storefront_api.core.cost import CostWalk
from storefront_api.core.shape import ShapeWalk
from tests.conftest import ApiClient, error_codes

pytestmark = pytest.mark.django_db


def post(query: str, **extra):
    return ApiClient().post(
        "/graphql/", data=json.dumps({"query": query, **extra}), content_type="application/json"
    )


def exponential(
    levels: int, on: str = "Query", leaf: str = "shop { name }", root: str = "query { %s }"
) -> str:
    """``levels`` fragments, each spreading the previous one twice: 2^levels copies of ``leaf``."""
    fragments = [f"fragment F0 on {on} {{ {leaf} }}"]
    fragments += [f"fragment F{i} on {on} {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels + 1)]
    return root % f"...F{levels}" + "\n" + "\n".join(fragments)


def test_fragments_spreading_each_other_twice_are_refused_without_running(seeded_channels):
    document = exponential(24)
    assert len(document) < 1100  # the 1 KB request of the report (it ran 30 s)
    with CaptureQueriesContext(connection) as queries:
        response = post(document)
    assert response.status_code == 400
    assert error_codes(response.json()) == ["QUERY_TOO_COMPLEX"]
    assert "selections" in response.json()["errors"][0]["message"]
    assert len(queries) == 0
    assert post(document).status_code == 400  # again (cached): the server is not stalled


def test_the_shape_walk_measures_each_fragment_once():
    walk = ShapeWalk(parse(exponential(24)))
    measure = walk.fragment("F24")
    # 2^24 copies of "shop { name }" (2 selections each), plus the spreads: 2 + 4 + ... + 2^24
    assert measure.selections == 2 * 2**24 + (2**25 - 2)
    assert set(walk.fragments_walked.values()) == {1}
    assert len(walk.fragments_walked) == 25


def test_the_cost_walk_prices_each_fragment_once():
    document = parse(exponential(24, on="Shop", leaf="name", root="query { shop { %s } }"))
    walk = CostWalk(document, variables=None)
    assert walk.operation(document.definitions[0]) == 1 + 2**24
    assert set(walk.fragments_walked.values()) == {1}
    assert len(walk.fragments_walked) == 25


def test_a_fragment_is_priced_with_the_page_sizes_of_the_request(seeded_channels):
    document = """query ($n: Int) { a: products(first: $n) { ...Names } b: products(first: 2) { ...Names } }
    fragment Names on ProductCountableConnection { edges { node { name } } }"""
    response = post(document, variables={"n": 10})
    assert response.status_code == 200, response.content
    assert response.json()["extensions"]["cost"]["requestedQueryCost"] == (1 + 10 * 3) + (1 + 2 * 3)


@pytest.mark.parametrize(
    "document",
    [
        "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
        "query { ...A } fragment A on Query { shop { name } ...A }",
        "query { shop { ...A } } fragment A on Shop { name ...B } fragment B on Shop { name ...C }"
        " fragment C on Shop { description ...A }",
    ],
    ids=["two", "self", "three-with-fields"],
)
def test_circular_fragments_are_a_validation_error(seeded_channels, document):
    response = post(document)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors and all("within itself" in e["message"] for e in errors)
    assert "INTERNAL_ERROR" not in error_codes(response.json())


def test_a_field_repeated_at_one_place_is_refused_before_the_pairwise_check(seeded_channels):
    """graphql-core compares every pair of fields under one response key: a thousand
    copies of one field cost seconds. The pairs are counted first (fragments included)."""
    repeated = "{ shop { " + "name " * 1000 + "} }"
    response = post(repeated)
    assert response.status_code == 400
    assert error_codes(response.json()) == ["QUERY_TOO_COMPLEX"]
    assert "499500 pairs" in response.json()["errors"][0]["message"]
    nested = "{ " + "shop { name } " * 200 + "}"
    assert error_codes(post(nested).json()) == ["QUERY_TOO_COMPLEX"]
    through_fragments = "query { shop { " + " ".join(f"...F{i}" for i in range(200)) + " } }\n"
    through_fragments += "\n".join(f"fragment F{i} on Shop {{ name }}" for i in range(200))
    assert error_codes(post(through_fragments).json()) == ["QUERY_TOO_COMPLEX"]
    ordinary = "{ shop { name name description } a: shop { name } }"  # repeating a few is fine
    assert post(ordinary).status_code == 200


def test_too_many_tokens_or_too_long_a_query_is_refused(seeded_channels, settings):
    response = post("{ " + "__typename " * (settings.GRAPHQL_MAX_TOKENS + 1) + "}")
    assert response.status_code == 400
    assert error_codes(response.json()) == ["QUERY_TOO_COMPLEX"]
    assert "more than 5000 tokens" in response.json()["errors"][0]["message"]
    padded = "{ shop { name } }" + " " * settings.GRAPHQL_MAX_QUERY_LENGTH
    response = post(padded)
    assert response.status_code == 400 and error_codes(response.json()) == ["QUERY_TOO_COMPLEX"]


def test_mutations_hidden_in_fragments_count(db):
    fields = " ".join(f'm{i}: tokenVerify(token: "x") {{ isValid }}' for i in range(6))
    response = post(f"mutation {{ ...M }} fragment M on Mutation {{ {fields} }}")
    assert response.status_code == 400 and error_codes(response.json()) == ["QUERY_TOO_COMPLEX"]
    assert "Too many mutations" in response.json()["errors"][0]["message"]
    same_twice = 'mutation { ...M ...M } fragment M on Mutation { tokenVerify(token: "x") { isValid } }'
    assert post(same_twice).status_code == 200  # one root field, merged


def test_the_depth_limit_follows_fragments(seeded_channels):
    fragment = "fragment P on Category { " + "parent { " * 14 + "id" + " }" * 14 + " }"
    deep = "{ categories(first: 1) { edges { node { ...P } } } } " + fragment
    response = post(deep)
    assert response.status_code == 400
    assert error_codes(response.json()) == ["QUERY_TOO_COMPLEX"]
    assert "exceeds maximum operation depth of 15" in response.json()["errors"][0]["message"]


FULL_INTROSPECTION = get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
)


def test_graphiql_and_code_generators_introspect(db):
    response = post(FULL_INTROSPECTION, operationName="IntrospectionQuery")
    assert response.status_code == 200, response.content
    schema = response.json()["data"]["__schema"]
    assert schema["queryType"]["name"] == "Query"
    assert any(t["name"] == "Product" for t in schema["types"])
    cost = response.json()["extensions"]["cost"]["requestedQueryCost"]
    assert 0 < cost < 1000  # introspection is priced like any field now


def test_apollo_style_type_lookups_are_allowed(db):
    lookups = " ".join(
        f'{n}: __type(name: "{t}") {{ fields {{ name }} }}'
        for n, t in [
            ("schema", "__Schema"),
            ("type", "__Type"),
            ("field", "__Field"),
            ("input", "__InputValue"),
        ]
    )
    response = post("query PreIntrospection { " + lookups + " }")
    assert response.status_code == 200, response.content
    assert response.json()["data"]["type"]["fields"]


def test_introspection_cannot_be_multiplied(db):
    deep = "{ types { fields { type { fields { name } } } } }"
    copies = "{ " + " ".join(f"a{i}: __schema {deep}" for i in range(40)) + " }"
    response = post(copies)
    assert response.status_code == 400
    assert set(error_codes(response.json())) == {"QUERY_TOO_COMPLEX"}
    inner = "{ __schema { " + " ".join(f"t{i}: types {{ name }}" for i in range(5)) + " } }"
    assert error_codes(post(inner).json()) == ["QUERY_TOO_COMPLEX"] * 5
    in_fragment = "{ __schema { ...S } } fragment S on __Schema { a: types { name } }"
    assert error_codes(post(in_fragment).json()) == ["QUERY_TOO_COMPLEX"]
    lookups = "{ " + " ".join(f't{i}: __type(name: "Product") {{ name }}' for i in range(11)) + " }"
    assert error_codes(post(lookups).json()) == ["QUERY_TOO_COMPLEX"]
    nested_lists = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    response = post(nested_lists)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Maximum introspection depth exceeded"


@pytest.mark.parametrize(
    "query", [["{ shop { name } }"], 5, {"a": 1}, True], ids=["list", "number", "object", "bool"]
)
def test_a_query_that_is_not_a_string_is_a_400(db, query):
    response = ApiClient().post(
        "/graphql/", data=json.dumps({"query": query}), content_type="application/json"
    )
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]
    assert response.json()["errors"][0]["message"] == "'query' must be a string."


@pytest.mark.parametrize("variables", [[1], 5, "x", True], ids=["list", "number", "string", "bool"])
def test_variables_that_are_not_an_object_are_a_400(db, variables):
    body = {"query": "{ shop { name } }", "variables": variables}
    response = ApiClient().post("/graphql/", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]


def test_get_variables_must_be_a_json_object(db):
    client = ApiClient()
    for variables in ("[1]", "5", "{bad"):
        response = client.get("/graphql/", {"query": "{ shop { name } }", "variables": variables})
        assert response.status_code == 400, variables
        assert error_codes(response.json()) == ["BAD_REQUEST"]


@pytest.mark.parametrize("name", [[1], 5, {"a": 1}, True], ids=["list", "number", "object", "bool"])
def test_an_operation_name_that_is_not_a_string_is_a_400(db, name):
    body = {"query": "query A { shop { name } }", "operationName": name}
    response = ApiClient().post("/graphql/", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]


@pytest.mark.parametrize(
    "body",
    [
        '{"query": "query ($s: String) { product(slug: $s) { id } }", "variables": {"s": "\\ud800"}}',
        '{"query": "{ shop { name } }", "variables": {"\\udfff": 1}}',
        '{"query": "{ shop { name } }", "operationName": "\\ud800"}',
        '{"query": "{ product(slug: \\"\\ud800\\") { id } }"}',
    ],
    ids=["variable", "variable-name", "operation-name", "query"],
)
def test_a_lone_surrogate_is_a_400(seeded_channels, body):
    response = ApiClient().post("/graphql/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]
    assert "lone surrogate" in response.json()["errors"][0]["message"]


def test_a_deeply_nested_json_body_is_a_400(db):
    body = '{"query": "{ shop { name } }", "variables": {"a": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    response = ApiClient().post("/graphql/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]
