"""What the back office reads, through GraphQL with Saleor's names: product types and
attributes (public), a product's channel listings and a variant's stocks (its shop's members
and MANAGE_PRODUCTS / MANAGE_ORDERS staff; null for others), a shop's own drafts, and the
Design Centre's draft and scheduled collections (curators). Permission matrices and query
counts equal for one and many rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import (
    Attribute,
    AttributeProduct,
    AttributeVariant,
    CollectionChannelListing,
    CollectionProduct,
    ProductType,
)
from marketplace.channels.models import Channel
from tests.conftest import client_for, grant
from tests.factories import CollectionFactory, UserFactory, VendorFactory, listed_product
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db


def _gid(kind: str, pk: int) -> str:
    from graphql_relay import to_global_id

    return to_global_id(kind, pk)


def _count(client, query: str, variables: dict | None = None) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        content = client.graphql(query, variables)
    return len(captured), content


# ---------------------------------------------------------------- product types and attributes

TYPES = """
query ($first: Int, $search: String) {
  productTypes(first: $first, filter: {search: $search}) {
    totalCount
    edges { node { id name slug hasVariants isShippingRequired
      productAttributes { slug name inputType }
      variantAttributes(variantSelection: VARIANT_SELECTION) { slug } } }
  }
}
"""


def _product_type(index: int) -> ProductType:
    product_type = ProductType.objects.create(name=f"Gốm {index}", slug=f"gom-{index}")
    glaze = Attribute.objects.create(slug=f"men-{index}", name="Men", input_type="DROPDOWN")
    size = Attribute.objects.create(slug=f"co-{index}", name="Cỡ", input_type="DROPDOWN")
    AttributeProduct.objects.create(product_type=product_type, attribute=glaze, sort_order=0)
    AttributeVariant.objects.create(product_type=product_type, attribute=size, variant_selection=True)
    return product_type


def test_product_types_are_public_and_cost_the_same_for_one_and_many(api_client):
    _product_type(0)
    one, content = _count(api_client, TYPES, {"first": 100})
    assert "errors" not in content
    node = content["data"]["productTypes"]["edges"][0]["node"]
    assert node["productAttributes"] == [{"slug": "men-0", "name": "Men", "inputType": "DROPDOWN"}]
    assert node["variantAttributes"] == [{"slug": "co-0"}]
    for index in range(1, 12):
        _product_type(index)
    many, content = _count(api_client, TYPES, {"first": 100})
    assert content["data"]["productTypes"]["totalCount"] == 12
    assert one == many
    found = api_client.graphql(TYPES, {"first": 5, "search": "gom 3"})["data"]["productTypes"]
    assert [e["node"]["slug"] for e in found["edges"]] == ["gom-3"]


def test_one_product_type_and_one_attribute(api_client):
    product_type = _product_type(0)
    query = """query ($id: ID!, $aid: ID, $slug: String) {
      productType(id: $id) { slug }
      byId: attribute(id: $aid) { slug withChoices }
      bySlug: attribute(slug: $slug) { slug }
    }"""
    glaze = Attribute.objects.get(slug="men-0")
    result = api_client.graphql(
        query,
        {"id": _gid("ProductType", product_type.pk), "aid": _gid("Attribute", glaze.pk), "slug": "co-0"},
    )["data"]
    assert result == {
        "productType": {"slug": "gom-0"},
        "byId": {"slug": "men-0", "withChoices": True},
        "bySlug": {"slug": "co-0"},
    }
    wrong = api_client.graphql(query, {"id": _gid("Product", product_type.pk)})
    assert wrong["errors"][0]["extensions"]["exception"]["code"] == "INVALID_ID"
    both = api_client.graphql(
        "query ($id: ID, $slug: String) { attribute(id: $id, slug: $slug) { slug } }",
        {"id": _gid("Attribute", glaze.pk), "slug": "men-0"},
    )
    assert both["errors"][0]["message"] == "Argument 'id' cannot be combined with 'slug'."


def test_attributes_list_costs_the_same_for_one_and_many(api_client):
    query = "query ($s: String) { attributes(first: 100, search: $s) { totalCount edges { node { slug name inputType } } } }"
    _product_type(0)
    one, content = _count(api_client, query)
    assert content["data"]["attributes"]["totalCount"] == 2
    for index in range(1, 20):
        _product_type(index)
    many, content = _count(api_client, query)
    assert content["data"]["attributes"]["totalCount"] == 40 and one == many
    assert api_client.graphql(query, {"s": "men 13"})["data"]["attributes"]["totalCount"] == 1


def test_page_size_is_capped(api_client):
    content = api_client.graphql("{ productTypes(first: 500) { totalCount } }")
    assert content["errors"]


# ---------------------------------------------------------------- listings, stocks, drafts

PRODUCT = """
query ($id: ID!) {
  product(id: $id, channel: "default-channel") {
    name
    channelListings { id isPublished publishedAt visibleInListings isAvailableForPurchase channel { slug } }
    variants { sku stocks { id quantity quantityAllocated quantityReserved warehouse { slug } productVariant { sku } } }
  }
}
"""


@pytest.fixture
def shop_product(seeded_channels):  # type: ignore[no-untyped-def]
    vendor = VendorFactory(name="Gốm Chu Đậu")
    product = listed_product(vendor=vendor, prices=(100_000, 200_000), stock=7, name="Chén")
    owner = UserFactory(email="owner@chudau.vn")
    VendorMember.objects.create(vendor=vendor, user=owner, role=VendorMemberRole.OWNER)
    return product, owner


def _matrix_users(staff_user):  # type: ignore[no-untyped-def]
    other = UserFactory(email="other@example.vn")
    VendorMember.objects.create(vendor=VendorFactory(), user=other, role=VendorMemberRole.OWNER)
    curator = UserFactory(email="cur@example.vn", is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    products_staff = UserFactory(email="p@example.vn", is_staff=True)
    grant(products_staff, PermissionEnum.MANAGE_PRODUCTS)
    orders_staff = UserFactory(email="o@example.vn", is_staff=True)
    grant(orders_staff, PermissionEnum.MANAGE_ORDERS)
    return other, curator, products_staff, orders_staff


def test_listings_and_stocks_permission_matrix(api_client, customer_api_client, staff_user, shop_product):
    product, owner = shop_product
    other, curator, products_staff, orders_staff = _matrix_users(staff_user)
    variables = {"id": _gid("Product", product.pk)}
    expected = {  # who: (channelListings visible, stocks visible)
        "anonymous": (api_client, False, False),
        "customer": (customer_api_client, False, False),
        "other shop": (client_for(other), False, False),
        "curator": (client_for(curator), False, False),
        "staff without permission": (client_for(staff_user), False, False),
        "MANAGE_ORDERS": (client_for(orders_staff), False, True),
        "MANAGE_PRODUCTS": (client_for(products_staff), True, True),
        "owner": (client_for(owner), True, True),
    }
    for who, (client, listings, stocks) in expected.items():
        content = client.graphql(PRODUCT, variables)
        assert "errors" not in content, (who, content)
        node = content["data"]["product"]
        assert (node["channelListings"] is not None) == listings, who
        assert all((v["stocks"] is not None) == stocks for v in node["variants"]), who
    node = client_for(owner).graphql(PRODUCT, variables)["data"]["product"]
    assert node["channelListings"] == [
        {
            "id": node["channelListings"][0]["id"],
            "isPublished": True,
            "publishedAt": None,
            "visibleInListings": True,
            "isAvailableForPurchase": True,
            "channel": {"slug": "default-channel"},
        }
    ]
    stock = node["variants"][0]["stocks"][0]
    assert stock["quantity"] == 7 and stock["quantityAllocated"] == 0 and stock["quantityReserved"] == 0
    assert stock["productVariant"]["sku"] == node["variants"][0]["sku"]


def test_an_artisan_reads_its_drafts_and_not_another_shops(seeded_channels, shop_product):
    product, owner = shop_product
    draft = listed_product(vendor=product.vendor, published=False, name="Bát nháp")
    stranger = listed_product(published=False, name="Nháp của người khác")
    query = """query ($id: ID!) { product(id: $id, channel: "default-channel") { name channelListings { isPublished } } }"""
    mine = client_for(owner).graphql(query, {"id": _gid("Product", draft.pk)})["data"]["product"]
    assert mine == {"name": "Bát nháp", "channelListings": [{"isPublished": False}]}
    assert client_for(owner).graphql(query, {"id": _gid("Product", stranger.pk)})["data"]["product"] is None
    listing = client_for(owner).graphql(
        '{ products(first: 50, channel: "default-channel", filter: {isPublished: false}) { edges { node { name } } } }'
    )["data"]["products"]["edges"]
    assert [e["node"]["name"] for e in listing] == ["Bát nháp"]


LIST = """
{ products(first: 100, channel: "default-channel") { edges { node {
    channelListings { isPublished channel { slug } }
    variants { stocks { quantity warehouse { slug } } } } } } }
"""


def test_listings_and_stocks_cost_the_same_for_one_and_many_products(seeded_channels, shop_product):
    product, owner = shop_product
    client = client_for(owner)
    one, content = _count(client, LIST)
    assert "errors" not in content and len(content["data"]["products"]["edges"]) == 1
    for index in range(10):
        listed_product(vendor=product.vendor, prices=(100_000, 150_000, 90_000), name=f"Bình {index}")
    many, content = _count(client, LIST)
    assert len(content["data"]["products"]["edges"]) == 11
    assert one == many


# ---------------------------------------------------------------- curators' unpublished collections

COLLECTIONS = """
query ($channel: String) { collections(first: 100, channel: $channel) {
  edges { node { slug channelListings { isPublished publishedAt channel { slug } } } } } }
"""


def _showcase(slug: str, *, published: bool, at: datetime.datetime | None = None):  # type: ignore[no-untyped-def]
    collection = CollectionFactory(slug=slug, name=slug)
    CollectionChannelListing.objects.create(
        collection=collection,  # type: ignore[misc]
        channel=Channel.objects.get(slug="design-centre"),
        is_published=published,
        published_at=at,
    )
    return collection


def test_curators_see_the_showcase_drafts_and_scheduled(
    api_client, customer_api_client, staff_user, seeded_channels
):
    _showcase("live", published=True)
    _showcase("draft", published=False)
    _showcase("scheduled", published=True, at=timezone.now() + datetime.timedelta(days=3))
    other, curator, products_staff, orders_staff = _matrix_users(staff_user)
    variables = {"channel": "design-centre"}

    def slugs(client):  # type: ignore[no-untyped-def]
        edges = client.graphql(COLLECTIONS, variables)["data"]["collections"]["edges"]
        return sorted(e["node"]["slug"] for e in edges), [e["node"]["channelListings"] for e in edges]

    for client in (api_client, customer_api_client, client_for(other), client_for(orders_staff)):
        assert slugs(client) == (["live"], [None])
    seen, listings = slugs(client_for(curator))
    assert seen == ["draft", "live", "scheduled"]
    assert all(item and item[0]["channel"]["slug"] == "design-centre" for item in listings)
    assert slugs(client_for(products_staff))[0] == ["draft", "live", "scheduled"]
    # in the open marketplace's channel a curator sees only what is public there
    assert (
        client_for(curator).graphql(COLLECTIONS, {"channel": "default-channel"})["data"]["collections"][
            "edges"
        ]
        == []
    )
    one = client_for(curator).graphql(
        'query ($slug: String) { collection(slug: $slug, channel: "design-centre") { slug } }',
        {"slug": "scheduled"},
    )
    assert one["data"]["collection"] == {"slug": "scheduled"}
    assert (
        api_client.graphql(
            'query ($slug: String) { collection(slug: $slug, channel: "design-centre") { slug } }',
            {"slug": "scheduled"},
        )["data"]["collection"]
        is None
    )


def test_collection_listings_cost_the_same_for_one_and_many(staff_user, seeded_channels):
    curator = UserFactory(email="cur2@example.vn", is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    client = client_for(curator)
    product = listed_product(name="Khay sơn mài")
    first = _showcase("c0", published=False)
    CollectionProduct.objects.create(collection=first, product=product, sort_order=0)
    one, content = _count(client, COLLECTIONS, {"channel": "design-centre"})
    assert len(content["data"]["collections"]["edges"]) == 1
    for index in range(1, 12):
        _showcase(f"c{index}", published=index % 2 == 0)
    many, content = _count(client, COLLECTIONS, {"channel": "design-centre"})
    assert len(content["data"]["collections"]["edges"]) == 12
    assert one == many
