"""The schema's shape, checked generically on what a client sees over HTTP: the
introspection result a code generator reads (graphql-codegen from a URL) and Saleor's
invariants for connections, payloads and errors, so generated client types are the ones a
Saleor client expects. (scripts/saleor_schema_diff.py compares field by field with a
Saleor schema file; this test needs none.)"""

import pytest
from graphql import (
    DirectiveLocation,
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    build_client_schema,
    get_introspection_query,
    get_named_type,
)

from tests.conftest import ApiClient, data

pytestmark = pytest.mark.django_db

# The directive locations of the GraphQL specification (October 2021), the ones graphql-js
# 16 parses; a later draft's DIRECTIVE_DEFINITION makes it refuse the whole schema.
SPEC_LOCATIONS = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
    "SCHEMA",
    "SCALAR",
    "OBJECT",
    "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION",
    "INTERFACE",
    "UNION",
    "ENUM",
    "ENUM_VALUE",
    "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION",
}


@pytest.fixture(scope="module")
def introspection(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return data(ApiClient().graphql(get_introspection_query(descriptions=True)))


@pytest.fixture(scope="module")
def client_schema(introspection) -> GraphQLSchema:
    return build_client_schema(introspection)


def test_directive_locations_are_the_specs(introspection, client_schema):
    for directive in introspection["__schema"]["directives"]:
        assert set(directive["locations"]) <= SPEC_LOCATIONS, directive
    deprecated = client_schema.get_directive("deprecated")
    assert deprecated is not None
    assert list(deprecated.locations) == [
        DirectiveLocation.FIELD_DEFINITION,
        DirectiveLocation.ARGUMENT_DEFINITION,
        DirectiveLocation.INPUT_FIELD_DEFINITION,
        DirectiveLocation.ENUM_VALUE,
    ]
    assert list(deprecated.args) == ["reason"]


def _object_types(schema: GraphQLSchema, suffix: str) -> list[GraphQLObjectType]:
    return [
        t
        for name, t in sorted(schema.type_map.items())
        if name.endswith(suffix) and isinstance(t, GraphQLObjectType)
    ]


def test_every_connection_has_saleors_nullability(client_schema):
    connections = _object_types(client_schema, "CountableConnection")
    assert len(connections) >= 10  # products, categories, collections, orders, vendors...
    for connection in connections:
        edge_name = connection.name.replace("CountableConnection", "CountableEdge")
        edges = connection.fields["edges"].type
        assert str(edges) == f"[{edge_name}!]!", connection.name
        assert str(connection.fields["pageInfo"].type) == "PageInfo!", connection.name
        assert str(connection.fields["totalCount"].type) == "Int", connection.name
        edge = client_schema.type_map[edge_name]
        node_name = connection.name.removesuffix("CountableConnection")
        assert isinstance(edge.fields["node"].type, GraphQLNonNull), edge_name
        assert get_named_type(edge.fields["node"].type).name == node_name, edge_name
        assert str(edge.fields["cursor"].type) == "String!", edge_name
    page_info = client_schema.type_map["PageInfo"]
    assert {name: str(f.type) for name, f in page_info.fields.items()} == {
        "hasNextPage": "Boolean!",
        "hasPreviousPage": "Boolean!",
        "startCursor": "String",
        "endCursor": "String",
    }


def test_every_connection_field_takes_relay_arguments(client_schema):
    checked = 0
    for type_ in client_schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for name, field in type_.fields.items():
            if get_named_type(field.type).name.endswith("CountableConnection"):
                checked += 1
                for argument, expected in (("first", "Int"), ("after", "String")):
                    assert str(field.args[argument].type) == expected, f"{type_.name}.{name}({argument})"
    assert checked >= 20


def test_every_mutation_payload_lists_typed_errors(client_schema):
    for name, field in client_schema.mutation_type.fields.items():
        payload = get_named_type(field.type)
        errors = payload.fields["errors"].type
        assert isinstance(errors, GraphQLNonNull) and isinstance(errors.of_type, GraphQLList), name
        assert isinstance(errors.of_type.of_type, GraphQLNonNull), name
        error = get_named_type(errors)
        assert error.name.endswith("Error"), name
        assert str(error.fields["field"].type) == "String", error.name
        assert str(error.fields["message"].type) == "String", error.name
        code = error.fields["code"].type
        assert isinstance(code, GraphQLNonNull) and isinstance(code.of_type, GraphQLEnumType), error.name
