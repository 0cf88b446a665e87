"""Phone numbers over HTTP: buyers (account and checkout addresses) give any country's valid
number, a shop's contact must be Vietnamese; all are stored in E.164, and the rest is a
typed INVALID_PHONE that writes nothing."""

import pytest

from marketplace.accounts.models import Address, User
from marketplace.checkout.models import Checkout
from marketplace.inventory.models import Warehouse
from tests.checkout_helpers import shop_with_product, variant_id
from tests.conftest import client_for, data
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

ADDRESS = {"streetAddress1": "12 Hàng Gai", "city": "phuong hoan kiem", "countryArea": "ha noi"}

FOREIGN_MOBILES = [
    ("+33 6 12 34 56 78", "+33612345678"),  # France
    ("+81 90-1234-5678", "+819012345678"),  # Japan
    ("+1 (415) 555-2671", "+14155552671"),  # United States
    ("0044 7911 123456", "+447911123456"),  # the United Kingdom, with 00 instead of +
]
REFUSED = [
    "0501234567",  # 050: no Vietnamese network has this range (the old rule accepted it)
    "+84 80 123 4567",  # 080: likewise
    "091234567",  # a digit short
    "+33 1",  # too short for France
    "call me",
    "0912 345 678 ext. 9",  # the extension would be lost
    "+84 912 345 678" + " 0" * 40,  # oversized
]

ADDRESS_CREATE = """mutation ($input: AddressInput!) { accountAddressCreate(input: $input) {
  address { phone } errors { field code message } } }"""
CHECKOUT_CREATE = """mutation ($lines: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "default-channel",
  email: "tourist@example.com", lines: $lines}) { checkout { id } errors { field code } } }"""
SHIPPING = """mutation ($id: ID!, $address: AddressInput!) { checkoutShippingAddressUpdate(id: $id,
  shippingAddress: $address) { checkout { shippingAddress { phone } } errors { field code message } } }"""
BILLING = """mutation ($id: ID!, $address: AddressInput!) { checkoutBillingAddressUpdate(id: $id,
  billingAddress: $address) { checkout { billingAddress { phone } } errors { field code message } } }"""
APPLY = """mutation ($input: VendorApplyInput!) { vendorApply(input: $input) {
  vendor { status warehouses { address { phone } } } errors { field code message } } }"""
UPDATE = """mutation ($id: ID!, $input: VendorUpdateInput!) { vendorUpdate(id: $id, input: $input) {
  vendor { name } errors { field code message } } }"""


@pytest.mark.parametrize(("raw", "e164"), [*FOREIGN_MOBILES, ("0912 345 678", "+84912345678")])
def test_an_account_address_takes_any_valid_number_in_e164(customer_api_client, customer_user, raw, e164):
    result = data(customer_api_client.graphql(ADDRESS_CREATE, {"input": {**ADDRESS, "phone": raw}}))
    assert result["accountAddressCreate"] == {"address": {"phone": e164}, "errors": []}
    assert list(customer_user.addresses.values_list("phone", flat=True)) == [e164]


@pytest.mark.parametrize("raw", REFUSED)
def test_an_account_address_refuses_invalid_numbers(customer_api_client, customer_user, raw):
    result = data(customer_api_client.graphql(ADDRESS_CREATE, {"input": {**ADDRESS, "phone": raw}}))
    payload = result["accountAddressCreate"]
    assert payload["address"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("phone", "INVALID_PHONE")]
    assert customer_user.addresses.count() == 0 and Address.objects.count() == 0


@pytest.fixture
def checkout_id(api_client, seeded_channels):
    product = shop_with_product()[1]
    created = data(
        api_client.graphql(CHECKOUT_CREATE, {"lines": [{"variantId": variant_id(product), "quantity": 1}]})
    )
    assert created["checkoutCreate"]["errors"] == []
    return created["checkoutCreate"]["checkout"]["id"]


@pytest.mark.parametrize(("raw", "e164"), FOREIGN_MOBILES)
def test_a_tourist_gives_their_own_mobile_at_checkout(api_client, checkout_id, raw, e164):
    address = {**ADDRESS, "firstName": "Claire", "lastName": "Martin", "phone": raw}
    shipped = data(api_client.graphql(SHIPPING, {"id": checkout_id, "address": address}))
    assert shipped["checkoutShippingAddressUpdate"] == {
        "checkout": {"shippingAddress": {"phone": e164}},
        "errors": [],
    }
    billed = data(api_client.graphql(BILLING, {"id": checkout_id, "address": address}))
    assert billed["checkoutBillingAddressUpdate"]["checkout"] == {"billingAddress": {"phone": e164}}
    checkout = Checkout.objects.select_related("shipping_address", "billing_address").get()
    assert (checkout.shipping_address.phone, checkout.billing_address.phone) == (e164, e164)


@pytest.mark.parametrize("raw", ["0501234567", "not a phone"])
def test_checkout_refuses_invalid_numbers_and_keeps_no_address(api_client, checkout_id, raw):
    """Saleor's CheckoutErrorCode has no INVALID_PHONE: a bad address field is INVALID on it."""
    addresses = Address.objects.count()  # the shop's workshop
    result = data(api_client.graphql(SHIPPING, {"id": checkout_id, "address": {**ADDRESS, "phone": raw}}))
    payload = result["checkoutShippingAddressUpdate"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("phone", "INVALID")]
    assert "phone number" in payload["errors"][0]["message"]
    assert Checkout.objects.get().shipping_address_id is None
    assert Address.objects.count() == addresses


@pytest.fixture
def applicant(db):
    return User.objects.create_user("ung-vien@example.vn", "lang-nghe-2026!")


def test_a_shop_applies_with_a_vietnamese_contact_stored_in_e164(applicant, seeded_channels):
    workshop = {**ADDRESS, "phone": "024 3826 1234"}
    result = data(
        client_for(applicant).graphql(
            APPLY, {"input": {"name": "Xưởng gốm Minh", "phone": "0912 345 678", "address": workshop}}
        )
    )
    assert result["vendorApply"] == {
        "vendor": {"status": "PENDING", "warehouses": [{"address": {"phone": "+842438261234"}}]},
        "errors": [],
    }
    assert Vendor.objects.get().phone == "+84912345678"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "+33 6 12 34 56 78"}, "A Vietnamese phone number is required here"),
        ({"address": {**ADDRESS, "phone": "+81 90-1234-5678"}}, "A Vietnamese phone number is required here"),
        ({"phone": "0501234567"}, "Not a valid phone number"),
        ({"phone": "x" * 500}, "at most 40 characters"),
    ],
)
def test_a_shop_contact_must_be_a_valid_vietnamese_number(applicant, seeded_channels, changes, message):
    apply_input = {"name": "Xưởng gốm Minh", "phone": "0912 345 678", "address": {**ADDRESS, "phone": ""}}
    result = data(client_for(applicant).graphql(APPLY, {"input": {**apply_input, **changes}}))
    payload = result["vendorApply"]
    assert payload["vendor"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("phone", "INVALID_PHONE")]
    assert message in payload["errors"][0]["message"]
    assert not Vendor.objects.exists() and not Warehouse.objects.exists() and not Address.objects.exists()


def test_vendor_update_refuses_a_foreign_contact_and_keeps_the_old_one(seeded_channels):
    vendor = shop_with_product()[0]
    vendor.phone = "+84912345678"
    vendor.save()
    owner = User.objects.create_user("chu-xuong@example.vn", "x")
    VendorMember.objects.create(vendor=vendor, user=owner, role=VendorMemberRole.OWNER)
    client = client_for(owner)
    vendor_id = data(client.graphql("{ me { vendorMemberships { vendor { id } } } }"))["me"][
        "vendorMemberships"
    ][0]["vendor"]["id"]

    refused = data(
        client.graphql(UPDATE, {"id": vendor_id, "input": {"name": "Tên mới", "phone": "+1 415 555 2671"}})
    )
    assert refused["vendorUpdate"]["vendor"] is None
    assert [(e["field"], e["code"]) for e in refused["vendorUpdate"]["errors"]] == [
        ("phone", "INVALID_PHONE")
    ]
    assert "+1 number" in refused["vendorUpdate"]["errors"][0]["message"]
    vendor.refresh_from_db()
    assert (vendor.name, vendor.phone) != ("Tên mới", "+14155552671")
    assert vendor.phone == "+84912345678"

    accepted = data(client.graphql(UPDATE, {"id": vendor_id, "input": {"phone": "0983 000 111"}}))
    assert accepted["vendorUpdate"]["errors"] == []
    vendor.refresh_from_db()
    assert vendor.phone == "+84983000111"
