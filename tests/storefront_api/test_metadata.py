"""Saleor's metadata on checkouts, orders and users: who may write and read it (an
authorization matrix per object), the bounds on keys and values, typed errors, nothing
half-written."""

import uuid

import pytest

from marketplace.accounts.permissions import PermissionEnum
from marketplace.checkout.models import Checkout
from marketplace.core import metadata
from marketplace.orders.models import Order
from tests.checkout_helpers import gid, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import UserFactory
from tests.storefront_api.checkout.documents import DELETE_METADATA, UPDATE_METADATA, UPDATE_PRIVATE_METADATA

pytestmark = pytest.mark.django_db

ITEM = [{"key": "gift", "value": "Gói quà giúp mình"}]
READ_CHECKOUT = """query ($id: ID!) { checkout(id: $id) { metadata { key value } metafield(key: "gift")
  metafields(keys: ["gift", "none"]) } }"""
READ_PRIVATE_CHECKOUT = "query ($id: ID!) { checkout(id: $id) { privateMetadata { key value } } }"
READ_ORDER = 'query ($id: ID!) { order(id: $id) { metadata { key value } metafield(key: "gift") } }'
READ_ME = "{ me { metadata { key value } metafields } }"


def update(client: ApiClient, object_id: str, items=ITEM) -> dict:
    return client.graphql(UPDATE_METADATA, {"id": object_id, "input": items})


def written(content: dict) -> list:
    payload = data(content)["updateMetadata"]
    assert payload["errors"] == [], payload["errors"]
    return payload["item"]["metadata"]


def refused(content: dict) -> list:
    return error_codes(content)


@pytest.fixture
def manager():
    user = UserFactory(email="quanly@langnghe.vn", is_staff=True)
    grant(user, PermissionEnum.MANAGE_ORDERS)
    return client_for(user)


@pytest.fixture
def customers(seeded_channels):
    owner = UserFactory(email="chu@example.vn")
    return client_for(owner), client_for(UserFactory(email="khac@example.vn")), owner


def test_checkout_metadata_matrix(customers, manager, staff_api_client, vendor_api_client):
    owner, other, _ = customers
    _, product = shop_with_product(price=100_000)
    guest_checkout = ready_checkout(ApiClient(), [(product, 1)])
    for client in (ApiClient(), other, vendor_api_client, staff_api_client):
        assert written(update(client, guest_checkout)) == [{"key": "gift", "value": "Gói quà giúp mình"}]
    theirs = ready_checkout(owner, [(product, 1)])
    for client in (ApiClient(), other, vendor_api_client, staff_api_client, manager):
        payload = data(update(client, theirs))["updateMetadata"]
        assert payload["errors"] == [
            {"field": "id", "code": "NOT_FOUND", "message": f"Couldn't resolve to a node: {theirs}"}
        ]
    assert Checkout.objects.get(user__isnull=False).metadata == {}
    assert written(update(owner, theirs)) == [{"key": "gift", "value": "Gói quà giúp mình"}]
    read = data(owner.graphql(READ_CHECKOUT, {"id": theirs}))["checkout"]
    assert read["metafield"] == "Gói quà giúp mình" and read["metafields"] == {"gift": "Gói quà giúp mình"}
    assert data(owner.graphql(DELETE_METADATA, {"id": theirs, "keys": ["gift"]}))["deleteMetadata"] == {
        "errors": [],
        "item": {"metadata": []},
    }


def test_private_metadata_is_staff_only(customers, manager, staff_api_client):
    owner, _, _ = customers
    _, product = shop_with_product(price=100_000)
    checkout_id = ready_checkout(ApiClient(), [(product, 1)])
    for client in (ApiClient(), owner, staff_api_client):
        content = client.graphql(UPDATE_PRIVATE_METADATA, {"id": checkout_id, "input": ITEM})
        assert refused(content) == ["PermissionDenied"]
        assert refused(client.graphql(READ_PRIVATE_CHECKOUT, {"id": checkout_id})) == ["PermissionDenied"]
    assert Checkout.objects.get().private_metadata == {}
    done = data(manager.graphql(UPDATE_PRIVATE_METADATA, {"id": checkout_id, "input": ITEM}))
    assert done["updatePrivateMetadata"]["item"]["privateMetadata"] == ITEM
    assert (
        data(manager.graphql(READ_PRIVATE_CHECKOUT, {"id": checkout_id}))["checkout"]["privateMetadata"]
        == ITEM
    )
    assert data(ApiClient().graphql(READ_CHECKOUT, {"id": checkout_id}))["checkout"]["metadata"] == []


def test_order_metadata_matrix(customers, manager, staff_api_client, vendor_api_client):
    owner, other, _ = customers
    _, product = shop_with_product(price=100_000)
    assert pay_and_complete(owner, ready_checkout(owner, [(product, 1)]))["errors"] == []
    order = Order.objects.get()
    order_id = gid("Order", order.pk)
    for client in (ApiClient(), other, vendor_api_client, staff_api_client):
        assert refused(update(client, order_id)) == ["PermissionDenied"]
    order.refresh_from_db()
    assert order.metadata == {}
    assert written(update(owner, order_id)) == ITEM
    assert written(update(manager, str(order.pk), [{"key": "note", "value": "giao giờ hành chính"}])) == [
        *ITEM,
        {"key": "note", "value": "giao giờ hành chính"},
    ]  # a bare UUID is the order's ID too (Saleor's shortcut)
    # Readers who see the order masked do not see its metadata.
    assert data(other.graphql(READ_ORDER, {"id": order_id}))["order"] == {"metadata": [], "metafield": None}
    assert data(owner.graphql(READ_ORDER, {"id": order_id}))["order"]["metafield"] == "Gói quà giúp mình"


def test_user_metadata_matrix(customers, staff_api_client, staff_user):
    owner, other, owner_user = customers
    user_id = gid("User", owner_user.pk)
    assert refused(update(other, user_id)) == ["PermissionDenied"]
    assert refused(update(ApiClient(), user_id)) == ["PermissionDenied"]
    assert refused(update(staff_api_client, user_id)) == ["PermissionDenied"]
    assert written(update(owner, user_id)) == ITEM
    assert data(owner.graphql(READ_ME))["me"] == {
        "metadata": ITEM,
        "metafields": {"gift": "Gói quà giúp mình"},
    }
    grant(staff_user, PermissionEnum.MANAGE_USERS)
    assert written(update(client_for(staff_user), user_id, [{"key": "vip", "value": "1"}]))[-1] == {
        "key": "vip",
        "value": "1",
    }
    colleague = UserFactory(email="dongnghiep@langnghe.vn", is_staff=True)
    assert refused(update(client_for(staff_user), gid("User", colleague.pk))) == ["PermissionDenied"]


@pytest.mark.parametrize(
    ("items", "code", "message"),
    [
        ([{"key": "", "value": "x"}], "REQUIRED", "Metadata key cannot be empty."),
        ([{"key": "  ", "value": "x"}], "REQUIRED", "Metadata key cannot be empty."),
        ([{"key": "k" * 257, "value": "x"}], "INVALID", "A metadata key has at most 256 characters."),
        ([{"key": "k", "value": "v" * 10_001}], "INVALID", "A metadata value has at most 10000 characters."),
        (
            [{"key": f"k{i}", "value": "v"} for i in range(101)],
            "INVALID",
            "At most 100 metadata items at once.",
        ),
    ],
)
def test_metadata_beyond_sane_bounds_is_refused_whole(seeded_channels, items, code, message):
    _, product = shop_with_product(price=100_000)
    client = ApiClient()
    checkout_id = ready_checkout(client, [(product, 1)])
    payload = data(update(client, checkout_id, [*ITEM, *items]))["updateMetadata"]
    assert payload == {"errors": [{"field": "input", "code": code, "message": message}], "item": None}
    assert Checkout.objects.get().metadata == {}


def test_an_object_keeps_at_most_100_keys_and_64_kb(seeded_channels):
    _, product = shop_with_product(price=100_000)
    client = ApiClient()
    checkout_id = ready_checkout(client, [(product, 1)])
    assert written(update(client, checkout_id, [{"key": f"k{i}", "value": "v"} for i in range(100)]))
    payload = data(update(client, checkout_id, [{"key": "one-more", "value": "v"}]))["updateMetadata"]
    assert payload["errors"] == [
        {"field": "input", "code": "INVALID", "message": "An object keeps at most 100 metadata keys."}
    ]
    assert len(Checkout.objects.get().metadata) == 100
    data(client.graphql(DELETE_METADATA, {"id": checkout_id, "keys": [f"k{i}" for i in range(100)]}))
    big = [{"key": f"b{i}", "value": "v" * 9_000} for i in range(8)]
    assert data(update(client, checkout_id, big))["updateMetadata"]["errors"] == [
        {
            "field": "input",
            "code": "INVALID",
            "message": f"An object keeps at most {metadata.MAX_BYTES // 1024} KB of metadata.",
        }
    ]
    assert Checkout.objects.get().metadata == {}


def test_ids_that_name_nothing_with_metadata(seeded_channels):
    client = ApiClient()
    assert data(update(client, gid("Product", 1)))["updateMetadata"]["errors"] == [
        {
            "field": "id",
            "code": "NOT_FOUND",
            "message": f"Couldn't resolve to a item with meta: {gid('Product', 1)}",
        }
    ]
    missing = gid("Checkout", uuid.uuid4())
    assert data(update(client, missing))["updateMetadata"]["errors"][0]["code"] == "NOT_FOUND"
    assert data(update(client, str(uuid.uuid4())))["updateMetadata"]["errors"][0]["code"] == "NOT_FOUND"
    assert data(update(client, "not an id"))["updateMetadata"]["errors"] == [
        {"field": "id", "code": "GRAPHQL_ERROR", "message": "Couldn't resolve to a node."}
    ]
