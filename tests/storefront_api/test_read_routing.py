"""Which GraphQL operations may read a replica, and the read-your-writes pin
(storefront_api/core/read_routing.py, marketplace/core/primary_pin.py). The router's choice
is observed by a spy in place of the replica choice; tests/scale/test_replica.py runs the
same over a real streaming replica."""

import pytest
from django.core.cache import cache
from graphql import get_operation_ast, parse

from marketplace.core import db_routing
from marketplace.core.primary_pin import PIN_COOKIE
from storefront_api.core.read_routing import is_public_read, root_fields
from tests.conftest import ApiClient, client_for


def public(text: str, name: str | None = None) -> bool:
    document = parse(text)
    return is_public_read(get_operation_ast(document, name), document)


def test_public_catalogue_queries_may_read_a_replica():
    assert public('{ products(channel: "default-channel", first: 5) { edges { node { name } } } }')
    assert public("query Q { shop { name } craftVillages(first: 3) { totalCount } __typename }")
    assert public("{ ...Root } fragment Root on Query { categories(first: 1) { totalCount } }")
    assert public("{ __schema { queryType { name } } }")


def test_everything_else_reads_the_primary():
    assert not public('mutation { tokenCreate(email: "a@b.vn", password: "x") { token } }')
    assert not public("{ me { email } }")
    assert not public('{ products(channel: "default-channel", first: 1) { totalCount } me { email } }')
    assert not public('{ checkout(id: "x") { id } }')
    assert not public('{ order(id: "x") { id } }')
    assert not public("{ vendorOrders(first: 1) { totalCount } }")
    assert not public("{ channels { slug } }")
    # hidden behind a fragment or an inline fragment
    assert not public("{ ...F } fragment F on Query { ... on Query { me { email } } }")
    # a field added to the schema later reads the primary until it is listed
    assert not public("{ somethingNew }")


def test_root_fields_follow_fragments_once():
    document = parse(
        "{ ...A ...A shop { name } } fragment A on Query { ... on Query { products { totalCount } } }"
    )
    assert root_fields(get_operation_ast(document), document) == {"products", "shop"}


@pytest.fixture
def replica_choices(monkeypatch):
    """One configured replica; records each time the router would pick one (and answers
    with the primary, the only database this process has)."""
    calls = []
    monkeypatch.setattr(db_routing, "replica_aliases", lambda: ["replica_0"])
    monkeypatch.setattr("storefront_api.core.read_routing.replica_aliases", lambda: ["replica_0"])
    monkeypatch.setattr("marketplace.core.primary_pin.replica_aliases", lambda: ["replica_0"])

    def choose():
        calls.append(1)
        return None

    monkeypatch.setattr(db_routing, "choose_replica", choose)
    return calls


PRODUCTS = '{ products(channel: "default-channel", first: 5) { edges { node { name } } } }'
UPDATE = 'mutation($id: ID!) { productUpdate(id: $id, input: {name: "Bình gốm men lam"}) { product { name } errors { code } } }'


# Transactional: inside the test's own transaction every read would go to the primary.
@pytest.mark.django_db(transaction=True)
def test_anonymous_catalogue_reads_use_the_replica(api_client, replica_choices, seeded_channels):
    response = api_client.post_graphql(PRODUCTS)
    assert response.status_code == 200 and "errors" not in response.json()
    assert len(replica_choices) == 1
    assert PIN_COOKIE not in response.cookies  # nothing was written


@pytest.mark.django_db(transaction=True)
def test_a_write_pins_its_client_to_the_primary(vendor_member, replica_choices, seeded_channels, settings):
    from graphql_relay import to_global_id

    from tests.factories import ProductFactory
    from vendors.shops.models import VendorMember

    settings.DATABASE_PRIMARY_PIN_SECONDS = 30
    product = ProductFactory(vendor=VendorMember.objects.get(user=vendor_member).vendor)
    phone = client_for(vendor_member)
    response = phone.post_graphql(UPDATE, {"id": to_global_id("Product", product.pk)})
    assert response.json()["data"]["productUpdate"]["errors"] == []
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["httponly"] and int(cookie["max-age"]) == 30
    assert cache.get(f"db:pin:user:{vendor_member.pk}") is not None

    # The same person on another device (no cookie) reads the primary: the pin is theirs.
    laptop = client_for(vendor_member)
    assert laptop.post_graphql(PRODUCTS).status_code == 200
    assert replica_choices == []
    # Another client, anonymous and never written, still reads the replica.
    assert ApiClient().post_graphql(PRODUCTS).status_code == 200
    assert len(replica_choices) == 1

    # The cookie alone pins an anonymous client.
    anonymous = ApiClient()
    anonymous.cookies[PIN_COOKIE] = cookie.value
    anonymous.post_graphql(PRODUCTS)
    assert len(replica_choices) == 1

    # Once the pin is over, the same person reads the replica again.
    cache.delete(f"db:pin:user:{vendor_member.pk}")
    laptop.post_graphql(PRODUCTS)
    assert len(replica_choices) == 2


@pytest.mark.django_db(transaction=True)
def test_a_refused_mutation_that_wrote_nothing_pins_nobody(api_client, replica_choices, seeded_channels):
    response = api_client.post_graphql(UPDATE, {"id": "UHJvZHVjdDox"})
    assert response.status_code == 200
    assert PIN_COOKIE not in response.cookies
    assert replica_choices == []  # a mutation never reads a replica
