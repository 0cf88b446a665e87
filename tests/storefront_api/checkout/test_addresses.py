"""Addresses as Saleor's storefront handles them: ``addressValidationRules`` describing
Vietnam's two-tier addresses, the ``validationRules`` and ``saveAddress`` arguments of the
checkout's address mutations, and the full check (with normalisation) when the order is
placed, as Saleor does."""

import pytest

from marketplace.accounts.vn_units import find_province, provinces
from marketplace.orders.models import Order
from tests.checkout_helpers import (
    ADDRESS,
    design_centre,
    gid,
    op,
    pay_and_complete,
    ready_checkout,
    shop_with_product,
    variant_id,
)
from tests.conftest import ApiClient, client_for
from tests.factories import UserFactory
from tests.storefront_api.checkout.documents import (
    BILLING_ADDRESS,
    DELIVERY_METHOD,
    DELIVERY_OPTIONS,
    SHIPPING_ADDRESS,
    complete,
    payload,
    run,
)

pytestmark = pytest.mark.django_db

RULES = """query ($code: CountryCode!, $area: String) { addressValidationRules(countryCode: $code, countryArea: $area) {
  countryCode countryName addressFormat addressLatinFormat allowedFields requiredFields upperFields
  countryAreaType countryAreaChoices { raw verbose } cityType cityChoices { raw verbose }
  cityAreaType cityAreaChoices { raw verbose } postalCodeType postalCodeMatchers postalCodeExamples postalCodePrefix
} }"""


def test_vietnams_rules_list_the_provinces_and_a_provinces_communes(api_client):
    rules = run(api_client, RULES, code="VN")["addressValidationRules"]
    assert rules["countryCode"] == "VN" and rules["countryName"] == "VIET NAM"
    assert rules["addressFormat"] == "%N%n%O%n%A%n%C%n%S %Z"
    assert rules["requiredFields"] == ["streetAddress1", "city", "countryArea"]
    assert set(rules["allowedFields"]) == {
        "name",
        "companyName",
        "streetAddress1",
        "streetAddress2",
        "city",
        "countryArea",
        "postalCode",
    }
    assert rules["countryAreaType"] == "province" and rules["postalCodeType"] == "postal"
    assert len(rules["countryAreaChoices"]) == 34 == len(provinces())
    assert {"raw": "Thành phố Hà Nội", "verbose": "Thành phố Hà Nội"} in rules["countryAreaChoices"]
    assert rules["cityChoices"] == []  # until the province is known
    assert rules["postalCodeMatchers"] == [r"^\d{5}$"]
    hanoi = run(api_client, RULES, code="VN", area="ha noi")["addressValidationRules"]
    wards = [choice["raw"] for choice in hanoi["cityChoices"]]
    assert wards == [ward.name for ward in find_province("Hà Nội").wards]
    assert "Xã Bát Tràng" in wards and "Phường Hoàn Kiếm" in wards
    assert run(api_client, RULES, code="VN", area="Atlantis")["addressValidationRules"]["cityChoices"] == []


def test_other_countries_get_neutral_rules(api_client):
    rules = run(api_client, RULES, code="FR")["addressValidationRules"]
    assert rules["countryCode"] == "FR" and rules["countryAreaChoices"] == [] and rules["cityChoices"] == []
    assert api_client.post_graphql(RULES, {"code": "XX"}).status_code == 400  # not a CountryCode


@pytest.fixture
def checkout_id(seeded_channels) -> str:
    _, product = shop_with_product(price=100_000)
    lines = [{"variantId": variant_id(product), "quantity": 1}]
    created = op(
        ApiClient(), "CheckoutCreate", channel="default-channel", email="lan@example.vn", lines=lines
    )
    return created["checkoutCreate"]["checkout"]["id"]


def test_validation_rules_relax_the_checks_as_saleor_does(checkout_id):
    client = ApiClient()
    partial = {"country": "VN", "firstName": "Lan", "countryArea": "ha noi"}
    strict = payload(client, SHIPPING_ADDRESS, id=checkout_id, address=partial)
    assert strict["errors"] == [
        {
            "field": "streetAddress1",
            "code": "REQUIRED",
            "message": "This field is required.",
            "addressType": "SHIPPING",
        }
    ]
    assert strict["checkout"] is None
    relaxed = payload(
        client, SHIPPING_ADDRESS, id=checkout_id, address=partial, rules={"checkRequiredFields": False}
    )
    assert relaxed["errors"] == []
    assert relaxed["checkout"]["shippingAddress"]["streetAddress1"] == ""
    assert relaxed["checkout"]["shippingAddress"]["countryArea"] == "Thành phố Hà Nội"

    unknown = {**ADDRESS, "countryArea": "Atlantis", "postalCode": "ABC"}
    assert (
        payload(client, SHIPPING_ADDRESS, id=checkout_id, address=unknown)["errors"][0]["field"]
        == "countryArea"
    )
    kept = payload(
        client, SHIPPING_ADDRESS, id=checkout_id, address=unknown, rules={"checkFieldsFormat": False}
    )
    assert kept["errors"] == []
    assert (
        kept["checkout"]["shippingAddress"]["countryArea"],
        kept["checkout"]["shippingAddress"]["postalCode"],
    ) == (
        "Atlantis",
        "ABC",
    )

    as_typed = payload(
        client, SHIPPING_ADDRESS, id=checkout_id, address=ADDRESS, rules={"enableFieldsNormalization": False}
    )
    address = as_typed["checkout"]["shippingAddress"]
    assert (address["city"], address["countryArea"], address["phone"]) == (
        "phuong hoan kiem",
        "ha noi",
        "0912345678",
    )
    # Still the Hà Nội zone: zones are matched on the province, however it is spelt.
    options = payload(client, DELIVERY_OPTIONS, id=checkout_id)["deliveries"]
    assert options[0]["shippingMethod"]["name"] == "Giao hàng tiêu chuẩn Hà Nội"


def test_the_order_gets_only_a_complete_normalised_address(checkout_id):
    client = ApiClient()
    payload(client, BILLING_ADDRESS, id=checkout_id, address=ADDRESS)
    payload(
        client,
        SHIPPING_ADDRESS,
        id=checkout_id,
        address={**ADDRESS, "postalCode": "ABC"},
        rules={"checkFieldsFormat": False},
    )
    method = payload(client, DELIVERY_OPTIONS, id=checkout_id)["deliveries"][0]["id"]
    assert payload(client, DELIVERY_METHOD, id=checkout_id, deliveryMethodId=method)["errors"] == []
    op(client, "CheckoutPaymentCreate", id=checkout_id, gateway="vn.cod", amount=None, token=None)
    refused = client.graphql(
        "mutation ($id: ID!) { checkoutComplete(id: $id) { order { id } errors { field code message addressType } } }",
        {"id": checkout_id},
    )["data"]["checkoutComplete"]
    assert refused == {
        "order": None,
        "errors": [
            {
                "field": "postalCode",
                "code": "INVALID",
                "message": "Postal codes have 5 digits.",
                "addressType": "SHIPPING",
            }
        ],
    }
    assert Order.objects.count() == 0
    payload(
        client, SHIPPING_ADDRESS, id=checkout_id, address=ADDRESS, rules={"enableFieldsNormalization": False}
    )
    assert complete(client, checkout_id)["errors"] == []
    order = Order.objects.get()
    assert (
        order.shipping_address.city,
        order.shipping_address.country_area,
        order.shipping_address.phone,
    ) == (
        "Phường Hoàn Kiếm",
        "Thành phố Hà Nội",
        "+84912345678",
    )


def test_save_address_fills_the_customers_address_book_when_the_order_is_placed(seeded_channels):
    _, product = shop_with_product(price=100_000, stock=10)
    user = UserFactory(email="lan@example.vn")
    client = client_for(user)
    checkout_id = ready_checkout(client, [(product, 1)])  # both addresses saved by default
    assert user.addresses.count() == 0  # nothing before the order
    assert pay_and_complete(client, checkout_id)["errors"] == []
    user.refresh_from_db()
    assert user.addresses.count() == 1  # one copy: the same address twice is kept once
    book = user.addresses.get()
    assert user.default_shipping_address_id == book.pk == user.default_billing_address_id
    assert (book.street_address_1, book.city) == ("12 Hàng Gai", "Phường Hoàn Kiếm")

    other = ready_checkout(client, [(product, 1)])
    payload(
        client,
        SHIPPING_ADDRESS,
        id=other,
        address={**ADDRESS, "streetAddress1": "3 Hàng Bạc"},
        saveAddress=False,
    )
    method = payload(client, DELIVERY_OPTIONS, id=other)["deliveries"][0]["id"]
    payload(client, DELIVERY_METHOD, id=other, deliveryMethodId=method)
    assert pay_and_complete(client, other)["errors"] == []
    assert list(user.addresses.values_list("street_address_1", flat=True)) == ["12 Hàng Gai"]


def test_a_pickup_point_never_joins_the_address_book(seeded_channels):
    point = design_centre()
    _, product = shop_with_product(price=100_000)
    user = UserFactory(email="lan@example.vn")
    client = client_for(user)
    checkout_id = ready_checkout(client, [(product, 1)])
    pickup = next(
        d["id"]
        for d in payload(client, DELIVERY_OPTIONS, id=checkout_id)["deliveries"]
        if d["shippingMethod"]["id"] == gid("Warehouse", point.pk)
    )
    assert payload(client, DELIVERY_METHOD, id=checkout_id, deliveryMethodId=pickup)["errors"] == []
    assert pay_and_complete(client, checkout_id)["errors"] == []
    user.refresh_from_db()
    # The billing address is saved; the shipping address (the point's, for a pickup) is not.
    assert list(user.addresses.values_list("street_address_1", flat=True)) == ["12 Hàng Gai"]
    assert user.default_billing_address_id is not None and user.default_shipping_address_id is None
