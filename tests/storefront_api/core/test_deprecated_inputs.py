"""Deprecated arguments and input fields stay visible to clients that do not ask for
deprecated input values (graphql-js's default introspection, graphql-codegen's), as in
Saleor: Saleor's storefront still sends ``checkoutAddPromoCode(checkoutId: …)``."""

from graphql import build_client_schema, get_introspection_query

from storefront_api.schema import schema
from tests.conftest import ApiClient


def default_introspection() -> dict:
    # graphql-js 16's getIntrospectionQuery() defaults: descriptions only
    query = get_introspection_query(descriptions=True)
    response = ApiClient().post_graphql(query)
    assert response.status_code == 200, response.content
    return response.json()["data"]


def test_every_argument_and_input_field_is_visible_without_asking_for_deprecated_ones(db):
    client_schema = build_client_schema(default_introspection())
    server = schema.graphql_schema
    missing = []
    for name, named in server.type_map.items():
        if name.startswith("__"):
            continue
        seen = client_schema.type_map[name]
        for field_name, field in getattr(named, "fields", {}).items():
            client_field = seen.fields.get(field_name)
            if client_field is None:  # an input field (deprecated output fields are listed)
                missing.append(f"{name}.{field_name}")
                continue
            for arg in getattr(field, "args", {}):
                if arg not in client_field.args:
                    missing.append(f"{name}.{field_name}({arg})")
    assert missing == []
    promo = client_schema.mutation_type.fields["checkoutAddPromoCode"]
    assert {"checkoutId", "id", "promoCode"} <= set(promo.args)
    assert "DEPRECATED" in promo.args["checkoutId"].description


def test_no_argument_or_input_field_carries_a_deprecation_reason():
    reasons = []
    for name, named in schema.graphql_schema.type_map.items():
        for field_name, field in getattr(named, "fields", {}).items():
            if getattr(field, "deprecation_reason", None) and not hasattr(field, "args"):
                reasons.append(f"{name}.{field_name}")  # an input field
            for arg_name, arg in getattr(field, "args", {}).items():
                if arg.deprecation_reason:
                    reasons.append(f"{name}.{field_name}({arg_name})")
    assert reasons == []


def test_saleors_enum_values_the_storefront_types_against_are_ours_too():
    """Saleor's storefront maps every OrderStatus to a label and lists countries typed with
    CountryCode; TypeScript refuses the build when one of Saleor's values is missing."""
    order_status = set(schema.graphql_schema.type_map["OrderStatus"].values)
    assert {
        "DRAFT",
        "UNCONFIRMED",
        "UNFULFILLED",
        "PARTIALLY_FULFILLED",
        "PARTIALLY_RETURNED",
    } <= order_status
    assert {"RETURNED", "FULFILLED", "CANCELED", "EXPIRED"} <= order_status
    countries = set(schema.graphql_schema.type_map["CountryCode"].values)
    assert {"EU", "XK", "VN", "FR", "JP", "US"} <= countries and len(countries) == 251
