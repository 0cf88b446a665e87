"""An artisan over HTTP with only their own token: apply, get approved, create a product
with variants, prices and stock, publish it, and see it on the public storefront."""

import json

import pytest
from django.core import mail

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Product
from marketplace.inventory.models import Stock, Warehouse
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data, grant
from tests.factories import CraftVillageFactory, channel
from vendors.shops.models import Vendor

pytestmark = pytest.mark.django_db

APPLY = """mutation ($input: VendorApplyInput!) { vendorApply(input: $input) {
  vendor { id slug status members { role user { email } } warehouses { name address { city countryArea } } }
  errors { field code message } } }"""
APPROVE = "mutation ($id: ID!) { vendorApprove(id: $id) { vendor { status } errors { field code } } }"
SUSPEND = 'mutation ($id: ID!) { vendorSuspend(id: $id, reason: "Vi phạm") { vendor { status } errors { field code } } }'
CREATE = """mutation ($input: ProductCreateInput!) { productCreate(input: $input) { product { id slug name } errors { field code message } } }"""
VARIANT = """mutation ($input: ProductVariantCreateInput!) { productVariantCreate(input: $input) { productVariant { id sku } errors { field code message } } }"""
LISTING = """mutation ($id: ID!, $channel: ID!) { productChannelListingUpdate(id: $id, input: {updateChannels: [
  {channelId: $channel, isPublished: true, visibleInListings: true, isAvailableForPurchase: true}]}) { errors { field code message } } }"""
PRICE = """mutation ($id: ID!, $channel: ID!, $price: PositiveDecimal!) { productVariantChannelListingUpdate(id: $id, input: [{channelId: $channel, price: $price}]) {
  variant { pricing { price { gross { amount currency } } } } errors { field code message } } }"""
PUBLIC = """query ($slug: String!) { product(slug: $slug, channel: "default-channel") {
  name vendor { name } variants { sku quantityAvailable pricing { price { gross { amount } } } } } }"""
WORKSHOP = {
    "streetAddress1": "Số 8 xóm 3",
    "city": "xa bat trang",
    "countryArea": "ha noi",
    "phone": "0983 111 222",
}


@pytest.fixture
def artisan(db):
    return User.objects.create_user("nghenhan@example.vn", "lang-nghe-2026!")


@pytest.fixture
def vendor_admin(db):
    user = User.objects.create_user("duyet@langnghe.vn", "x", is_staff=True)
    grant(user, PermissionEnum.MANAGE_VENDORS)
    return user


def test_artisan_journey(artisan, vendor_admin, seeded_channels):
    village = CraftVillageFactory(slug="bat-trang", name="Bát Tràng")
    me = client_for(artisan)
    applied = data(
        me.graphql(
            APPLY,
            {
                "input": {
                    "name": "Gốm Hương Quê",
                    "villageId": to_id("CraftVillage", village.pk),
                    "phone": "0983111222",
                    "address": WORKSHOP,
                }
            },
        )
    )["vendorApply"]
    assert applied["errors"] == []
    vendor = applied["vendor"]
    assert vendor["status"] == "PENDING" and vendor["slug"] == "gom-huong-que"
    assert vendor["members"] == [{"role": "OWNER", "user": {"email": "nghenhan@example.vn"}}]
    assert vendor["warehouses"] == [
        {
            "name": "Xưởng Gốm Hương Quê",
            "address": {"city": "Xã Bát Tràng", "countryArea": "Thành phố Hà Nội"},
        }
    ]
    assert Vendor.objects.get(slug="gom-huong-que").phone == "+84983111222"

    # Pending: invisible to the public and no catalogue writes yet.
    assert data(ApiClient().graphql('{ vendor(slug: "gom-huong-que") { slug } }'))["vendor"] is None
    denied = me.graphql(CREATE, {"input": {"productType": to_id("ProductType", 1), "name": "x"}})
    assert denied["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"

    approved = data(client_for(vendor_admin).graphql(APPROVE, {"id": vendor["id"]}))["vendorApprove"]
    assert approved == {"vendor": {"status": "ACTIVE"}, "errors": []}
    assert mail.outbox[-1].to == ["nghenhan@example.vn"] and "Gốm Hương Quê" in mail.outbox[-1].subject

    from tests.factories import ProductTypeFactory

    product_type = ProductTypeFactory(slug="am-chen")
    created = data(
        me.graphql(
            CREATE,
            {
                "input": {
                    "productType": to_id("ProductType", product_type.pk),
                    "name": "Ấm chén men rạn",
                    "description": json.dumps(
                        {"blocks": [{"type": "paragraph", "data": {"text": "Nặn tay"}}]}
                    ),
                }
            },
        )
    )["productCreate"]
    assert created["errors"] == [] and created["product"]["slug"] == "am-chen-men-ran"
    product_id = created["product"]["id"]
    warehouse = Warehouse.objects.get(vendor__slug="gom-huong-que")
    made = data(
        me.graphql(
            VARIANT,
            {
                "input": {
                    "product": product_id,
                    "sku": "AM-1",
                    "name": "Bộ 6 chén",
                    "attributes": [],
                    "stocks": [{"warehouse": to_id("Warehouse", warehouse.pk), "quantity": 12}],
                }
            },
        )
    )
    assert made["productVariantCreate"]["errors"] == []
    channel_id = to_id("Channel", channel().pk)
    assert (
        data(me.graphql(LISTING, {"id": product_id, "channel": channel_id}))["productChannelListingUpdate"][
            "errors"
        ]
        == []
    )
    priced = data(
        me.graphql(
            PRICE,
            {
                "id": made["productVariantCreate"]["productVariant"]["id"],
                "channel": channel_id,
                "price": "450000",
            },
        )
    )["productVariantChannelListingUpdate"]
    assert priced == {
        "variant": {"pricing": {"price": {"gross": {"amount": 450000.0, "currency": "VND"}}}},
        "errors": [],
    }

    public = data(ApiClient().graphql(PUBLIC, {"slug": "am-chen-men-ran"}))["product"]
    assert public == {
        "name": "Ấm chén men rạn",
        "vendor": {"name": "Gốm Hương Quê"},
        "variants": [
            {"sku": "AM-1", "quantityAvailable": 12, "pricing": {"price": {"gross": {"amount": 450000.0}}}}
        ],
    }
    search = data(
        ApiClient().graphql('{ products(first: 5, search: "nan tay") { edges { node { slug } } } }')
    )
    assert search["products"]["edges"] == [{"node": {"slug": "am-chen-men-ran"}}]

    suspended = data(client_for(vendor_admin).graphql(SUSPEND, {"id": vendor["id"]}))["vendorSuspend"]
    assert suspended == {"vendor": {"status": "SUSPENDED"}, "errors": []}
    assert data(ApiClient().graphql(PUBLIC, {"slug": "am-chen-men-ran"}))["product"] is None
    rename = me.graphql(
        'mutation ($id: ID!) { productUpdate(id: $id, input: {name: "Khác"}) { errors { code } } }',
        {"id": product_id},
    )
    assert rename["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Product.objects.get(slug="am-chen-men-ran").name == "Ấm chén men rạn"


def test_members_see_their_drafts_the_public_does_not(world):
    draft = Product.objects.create(
        vendor=world.shop, product_type=world.product_type, name="Bản nháp", slug="ban-nhap"
    )
    query = '{ product(slug: "ban-nhap", channel: "default-channel") { name } }'
    assert data(client_for(world.owner).graphql(query))["product"] == {"name": "Bản nháp"}
    assert data(client_for(world.other_owner).graphql(query))["product"] is None
    assert data(ApiClient().graphql(query))["product"] is None
    listing = "{ products(first: 10, filter: {isPublished: false}) { edges { node { slug } } } }"
    assert data(client_for(world.owner).graphql(listing))["products"]["edges"] == [
        {"node": {"slug": draft.slug}}
    ]
    assert data(ApiClient().graphql(listing))["products"]["edges"] == []


@pytest.mark.parametrize(
    ("input", "field", "code"),
    [
        ({"name": "", "address": WORKSHOP}, "name", "REQUIRED"),
        ({"name": "Xưởng", "phone": "+1 415 555 0100", "address": WORKSHOP}, "phone", "INVALID_PHONE"),
        (
            {"name": "Xưởng", "address": {**WORKSHOP, "countryArea": "Hà Tây"}},
            "countryArea",
            "INVALID_ADDRESS",
        ),
        ({"name": "Xưởng"}, "address", "REQUIRED"),
        (
            {"name": "Xưởng", "villageId": to_id("CraftVillage", 999999), "address": WORKSHOP},
            "villageId",
            "NOT_FOUND",
        ),
        ({"name": "Xưởng", "villageId": to_id("Product", 1), "address": WORKSHOP}, "villageId", "INVALID"),
    ],
)
def test_bad_applications(artisan, seeded_channels, input, field, code):
    result = data(client_for(artisan).graphql(APPLY, {"input": input}))["vendorApply"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert not Vendor.objects.exists() and not Warehouse.objects.exists()


def test_one_pending_application_at_a_time(artisan, seeded_channels):
    client = client_for(artisan)
    assert (
        data(client.graphql(APPLY, {"input": {"name": "Một", "address": WORKSHOP}}))["vendorApply"]["errors"]
        == []
    )
    again = data(client.graphql(APPLY, {"input": {"name": "Hai", "address": WORKSHOP}}))["vendorApply"]
    assert [e["code"] for e in again["errors"]] == ["ALREADY_EXISTS"]


def test_approving_twice_and_suspending_a_pending_shop_are_typed_errors(world, vendor_admin):
    client = client_for(vendor_admin)
    shop = to_id("Vendor", world.shop.pk)
    assert [e["code"] for e in data(client.graphql(APPROVE, {"id": shop}))["vendorApprove"]["errors"]] == [
        "INVALID_STATUS"
    ]
    pending = to_id("Vendor", Vendor.objects.get(slug="cho-duyet").pk)
    assert [e["code"] for e in data(client.graphql(SUSPEND, {"id": pending}))["vendorSuspend"]["errors"]] == [
        "INVALID_STATUS"
    ]


def test_stock_never_leaves_the_shops_own_warehouses_or_sane_range(world):
    client = client_for(world.owner)
    variant = world.product.variants.first()
    other = Warehouse.objects.get(slug="xuong-ha")
    update = """mutation ($id: ID!, $stocks: [StockInput!]!) { productVariantStocksUpdate(variantId: $id, stocks: $stocks) { errors { field code } } }"""
    for stocks, code in [
        ([{"warehouse": to_id("Warehouse", other.pk), "quantity": 5}], "NOT_FOUND"),
        ([{"warehouse": to_id("Warehouse", world.warehouse.pk), "quantity": -1}], "OUT_OF_RANGE"),
        ([{"warehouse": to_id("Warehouse", world.warehouse.pk), "quantity": 2_000_000}], "OUT_OF_RANGE"),
    ]:
        result = data(client.graphql(update, {"id": to_id("ProductVariant", variant.pk), "stocks": stocks}))
        assert [e["code"] for e in result["productVariantStocksUpdate"]["errors"]] == [code]
    Stock.objects.filter(product_variant=variant).update(quantity_allocated=3)
    low = [{"warehouse": to_id("Warehouse", world.warehouse.pk), "quantity": 2}]
    result = data(client.graphql(update, {"id": to_id("ProductVariant", variant.pk), "stocks": low}))
    assert [e["code"] for e in result["productVariantStocksUpdate"]["errors"]] == ["STOCK_BELOW_ALLOCATED"]
    assert Stock.objects.get(product_variant=variant).quantity == 10


@pytest.mark.parametrize(
    ("price", "code"),
    [
        ("-5", "INVALID_PRICE"),
        ("0", "INVALID_PRICE"),
        ("1500.5", "INVALID_PRICE"),
        ("2000000000", "INVALID_PRICE"),
    ],
)
def test_vnd_prices_are_whole_positive_and_sane(world, price, code):
    variant = world.product.variants.first()
    response = client_for(world.owner).post_graphql(
        PRICE,
        {
            "id": to_id("ProductVariant", variant.pk),
            "channel": to_id("Channel", channel().pk),
            "price": price,
        },
    )
    if price.startswith("-"):  # a negative PositiveDecimal is refused by the schema itself: 400
        assert response.status_code == 400 and "PositiveDecimal" in response.json()["errors"][0]["message"]
    else:
        result = response.json()
        assert [e["code"] for e in result["data"]["productVariantChannelListingUpdate"]["errors"]] == [code]
    assert variant.channel_listings.get().price_amount == 100_000


COST = """mutation ($id: ID!, $channel: ID!, $cost: PositiveDecimal) { productVariantChannelListingUpdate(id: $id, input: [{channelId: $channel, price: "150000", costPrice: $cost}]) {
  errors { field code message } } }"""


def test_prices_stay_below_one_billion_dong(world):
    """README: prices are below 1,000,000,000 VND: 999,999,999 is the highest, for the price
    and the cost price alike; a refused call changes nothing."""
    variant = world.product.variants.first()
    client = client_for(world.owner)
    ids = {"id": to_id("ProductVariant", variant.pk), "channel": to_id("Channel", channel().pk)}
    for price in ("1000000000", 1_000_000_000):
        refused = data(client.graphql(PRICE, {**ids, "price": price}))["productVariantChannelListingUpdate"]
        assert refused["errors"] == [
            {"field": "price", "code": "INVALID_PRICE", "message": "Prices are below 1,000,000,000 VND."}
        ]
        assert variant.channel_listings.get().price_amount == 100_000
    refused = data(client.graphql(COST, {**ids, "cost": "1000000000"}))["productVariantChannelListingUpdate"]
    assert refused["errors"] == [
        {"field": "costPrice", "code": "INVALID_PRICE", "message": "Prices are below 1,000,000,000 VND."}
    ]
    listing = variant.channel_listings.get()
    assert (listing.price_amount, listing.cost_price_amount) == (100_000, None)
    accepted = data(client.graphql(PRICE, {**ids, "price": "999999999"}))[
        "productVariantChannelListingUpdate"
    ]
    assert accepted["errors"] == []
    assert accepted["variant"]["pricing"]["price"]["gross"] == {"amount": 999_999_999, "currency": "VND"}
    assert (
        data(client.graphql(COST, {**ids, "cost": "999999999"}))["productVariantChannelListingUpdate"][
            "errors"
        ]
        == []
    )
    assert variant.channel_listings.get().cost_price_amount == 999_999_999


def test_members_list_only_in_the_default_channel(world):
    showcase = to_id("Channel", channel("design-centre").pk)
    result = data(
        client_for(world.owner).graphql(
            LISTING, {"id": to_id("Product", world.product.pk), "channel": showcase}
        )
    )
    assert [e["code"] for e in result["productChannelListingUpdate"]["errors"]] == ["CHANNEL_NOT_ALLOWED"]
    assert not world.product.channel_listings.filter(channel__slug="design-centre").exists()


def test_a_variant_id_where_a_product_id_is_expected(world):
    variant = world.product.variants.first()
    result = data(
        client_for(world.owner).graphql(
            'mutation ($id: ID!) { productUpdate(id: $id, input: {name: "x"}) { errors { field code } } }',
            {"id": to_id("ProductVariant", variant.pk)},
        )
    )
    assert result["productUpdate"]["errors"] == [{"field": "id", "code": "INVALID"}]


def test_a_pending_shop_is_visible_to_its_members_and_vendor_staff_only(world, vendor_admin):
    query = '{ vendor(slug: "cho-duyet") { slug status } vendors(first: 20) { totalCount } }'
    pending = Vendor.objects.get(slug="cho-duyet")
    from tests.factories import UserFactory
    from vendors.shops.models import VendorMember, VendorMemberRole

    applicant = UserFactory(email="applicant@example.vn")
    VendorMember.objects.create(vendor=pending, user=applicant, role=VendorMemberRole.OWNER)
    assert data(client_for(applicant).graphql(query)) == {
        "vendor": {"slug": "cho-duyet", "status": "PENDING"},
        "vendors": {"totalCount": 3},
    }
    assert data(client_for(vendor_admin).graphql(query))["vendor"] == {
        "slug": "cho-duyet",
        "status": "PENDING",
    }
    assert data(ApiClient().graphql(query)) == {"vendor": None, "vendors": {"totalCount": 2}}
    assert data(client_for(world.owner).graphql(query))["vendor"] is None
