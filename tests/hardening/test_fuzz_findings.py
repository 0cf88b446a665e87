"""What the GraphQL fuzzer (test_graphql_fuzz.py) found, each fixed at its root:

- a scalar refusing malformed input (graphene's JSONString raises ValueError) is the
  client's error (400, with the scalar's message), not an ``INTERNAL_ERROR``; a resolver's
  own failure still is one, with its message hidden;
- a NUL character, which PostgreSQL cannot store in text, reaching a lookup or a write is
  the client's error (``BAD_REQUEST``), not an ``INTERNAL_ERROR`` (search drops control
  characters before the database, as before);
- ``Vendor.description`` is nullable, as the contract says: a shop without a description
  answered an error for a non-nullable field."""

import pytest

from tests.conftest import ApiClient, client_for
from tests.factories import UserFactory

INLINE = (
    'mutation { collectionCreate(input: {name: "Quà Tết", description: "not json"}) { errors { code } } }'
)
WITH_VARIABLE = (
    "mutation Create($description: JSONString) {"
    ' collectionCreate(input: {name: "Quà Tết", description: $description}) { errors { code } } }'
)


def codes(content):
    return [(e.get("extensions") or {}).get("exception", {}).get("code") for e in content["errors"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "variables"),
    [(INLINE, None), (WITH_VARIABLE, {"description": "{not json"})],
    ids=["inline", "variable"],
)
def test_a_badly_formed_json_string_is_a_client_error(query, variables):
    response = ApiClient().post_graphql(query, variables)

    assert response.status_code == 400
    content = response.json()
    assert "INTERNAL_ERROR" not in codes(content)
    assert "JSONString" in content["errors"][0]["message"]


@pytest.mark.django_db
def test_a_failing_resolver_is_still_masked(monkeypatch):
    from storefront_api.schema import schema

    def broken(root, info):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(schema.graphql_schema.type_map["Shop"].fields["name"], "resolve", broken)

    content = ApiClient().post_graphql("{ shop { name } }").json()

    assert codes(content) == ["INTERNAL_ERROR"]
    assert content["errors"][0]["message"] == "Internal Server Error"


NUL = "Bình\u0000gốm"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query Find($slug: String) { product(slug: $slug) { id } }", {"slug": NUL}),
        ('{ product(slug: "binh\\u0000gom") { id } }', None),
        (
            "query List($channel: String) { products(channel: $channel, first: 1) { totalCount } }",
            {"channel": NUL},
        ),
        ("query Find($sku: String) { productVariant(sku: $sku) { id } }", {"sku": NUL}),
    ],
    ids=["product-slug", "inline-escape", "channel", "variant-sku"],
)
def test_a_nul_character_is_the_clients_error(seeded_channels, query, variables):
    """PostgreSQL cannot store U+0000 in text (the driver refuses it): every slug lookup
    answered INTERNAL_ERROR."""
    staff = UserFactory(is_staff=True, is_superuser=True)
    response = client_for(staff).post_graphql(query, variables)

    content = response.json()
    assert response.status_code == 200
    assert codes(content) == ["BAD_REQUEST"]
    assert content["errors"][0]["message"] == "Strings may not contain the NUL character (U+0000)."


@pytest.mark.django_db
def test_a_vendor_without_a_description_reads_null():
    from tests.factories import VendorFactory

    VendorFactory(slug="xuong-gom", description="")

    response = ApiClient().post_graphql('{ vendor(slug: "xuong-gom") { name description } }')

    assert response.status_code == 200
    assert response.json()["data"]["vendor"]["description"] is None
