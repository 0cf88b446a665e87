"""Bad input gets a typed error with Saleor's code, and nothing is half-written."""

import pytest
from django.utils import timezone

from marketplace.catalog.models import ProductChannelListing
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.inventory.models import Reservation
from marketplace.orders.models import Order
from marketplace.payments.models import Payment
from marketplace.shipping.models import ShippingMethod
from tests.checkout_helpers import (
    ADDRESS,
    CHECKOUT,
    create,
    design_centre,
    gid,
    op,
    ready_checkout,
    shop_with_product,
    variant_id,
)
from tests.conftest import ApiClient, client_for, data, run_operation
from tests.factories import UserFactory
from vendors.shops.models import VendorStatus

pytestmark = pytest.mark.django_db


def nothing_written() -> None:
    assert (Checkout.objects.count(), CheckoutLine.objects.count(), Reservation.objects.count()) == (0, 0, 0)


def first_error(result):
    assert result["errors"], result
    return {k: result["errors"][0][k] for k in ("field", "code")}


@pytest.fixture
def product(seeded_channels):
    return shop_with_product(price=150_000, stock=60)[1]


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (0, {"field": "quantity", "code": "ZERO_QUANTITY"}),
        (-3, {"field": "quantity", "code": "ZERO_QUANTITY"}),
        (51, {"field": "quantity", "code": "QUANTITY_GREATER_THAN_LIMIT"}),
        (2_000_000_000, {"field": "quantity", "code": "QUANTITY_GREATER_THAN_LIMIT"}),
    ],
)
def test_quantities_out_of_range(api_client, product, quantity, expected):
    result = create(api_client, [(product, quantity)])
    assert first_error(result) == expected
    assert result["errors"][0]["variants"] == [variant_id(product)]
    assert result["checkout"] is None
    nothing_written()


def test_a_quantity_beyond_a_32_bit_int_is_refused_by_validation(api_client, product):
    response = api_client.post_graphql(
        'mutation($l: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "default-channel", lines: $l}) { errors { code } } }',
        {"l": [{"variantId": variant_id(product), "quantity": 2**40}]},
    )
    assert response.status_code == 400
    nothing_written()


def test_more_than_in_stock(api_client, seeded_channels):
    _, product = shop_with_product(stock=2)
    result = create(api_client, [(product, 3)])
    assert first_error(result) == {"field": "quantity", "code": "INSUFFICIENT_STOCK"}
    assert result["errors"][0]["message"] == "Could not add items. Only 2 remaining in stock."
    nothing_written()


def test_same_variant_twice_adds_up_and_is_checked_as_one(api_client, product):
    result = create(api_client, [(product, 30), (product, 30)])
    assert first_error(result) == {"field": "quantity", "code": "QUANTITY_GREATER_THAN_LIMIT"}
    ok = create(api_client, [(product, 20), (product, 5)])
    assert ok["errors"] == [] and [line["quantity"] for line in ok["checkout"]["lines"]] == [25]


def test_unpublished_product_and_suspended_shop(api_client, seeded_channels):
    vendor, hidden = shop_with_product(published=False)
    assert first_error(create(api_client, [(hidden, 1)])) == {
        "field": "lines",
        "code": "PRODUCT_NOT_PUBLISHED",
    }
    suspended, product = shop_with_product()
    suspended.status = VendorStatus.SUSPENDED
    suspended.save()
    assert first_error(create(api_client, [(product, 1)])) == {
        "field": "lines",
        "code": "PRODUCT_NOT_PUBLISHED",
    }
    nothing_written()


def test_variant_of_another_channel(api_client, seeded_channels):
    _, showcase_only = shop_with_product(channel_slug="design-centre")
    result = create(api_client, [(showcase_only, 1)])
    assert first_error(result) == {"field": "lines", "code": "UNAVAILABLE_VARIANT_IN_CHANNEL"}
    nothing_written()


def test_not_yet_available_for_purchase(api_client, product):
    ProductChannelListing.objects.update(
        available_for_purchase_at=timezone.now() + timezone.timedelta(days=3)
    )
    result = create(api_client, [(product, 1)])
    assert first_error(result) == {"field": "lines", "code": "PRODUCT_UNAVAILABLE_FOR_PURCHASE"}
    nothing_written()


def test_unknown_variant_and_wrong_id_type(api_client, product):
    assert first_error(create(api_client, [(gid("ProductVariant", 999_999), 1)])) == {
        "field": "variantId",
        "code": "NOT_FOUND",
    }
    assert first_error(create(api_client, [(gid("Product", product.pk), 1)])) == {
        "field": "variantId",
        "code": "INVALID",
    }
    nothing_written()


def test_unknown_channel(api_client, product):
    content = run_operation(
        api_client, CHECKOUT, "CheckoutCreate", {"channel": "nope", "email": None, "lines": []}
    )
    assert content["errors"][0]["extensions"]["exception"]["code"] == "CHANNEL_NOT_FOUND"
    nothing_written()


def test_invalid_email(api_client, product):
    result = create(api_client, [(product, 1)], email="not-an-email")
    assert first_error(result) == {"field": "email", "code": "INVALID"}
    nothing_written()


def test_an_address_outside_vietnam(api_client, product):
    checkout_id = create(api_client, [(product, 1)])["checkout"]["id"]
    result = op(
        api_client, "CheckoutShippingAddressUpdate", id=checkout_id, address={**ADDRESS, "country": "FR"}
    )
    payload = result["checkoutShippingAddressUpdate"]
    assert first_error(payload) == {"field": "country", "code": "INVALID"}
    assert "Vietnam" in payload["errors"][0]["message"]
    assert Checkout.objects.get().shipping_address is None
    bad_ward = op(
        api_client, "CheckoutShippingAddressUpdate", id=checkout_id, address={**ADDRESS, "city": "Atlantis"}
    )
    assert first_error(bad_ward["checkoutShippingAddressUpdate"]) == {"field": "city", "code": "INVALID"}


def test_completing_without_each_required_step(api_client, product):
    checkout_id = create(api_client, [(product, 1)], email=None)["checkout"]["id"]

    def complete():
        return first_error(op(api_client, "CheckoutComplete", id=checkout_id)["checkoutComplete"])

    assert complete() == {"field": "email", "code": "EMAIL_NOT_SET"}
    op(api_client, "CheckoutEmailUpdate", id=checkout_id, email="lan@example.vn")
    assert complete() == {"field": "billingAddress", "code": "BILLING_ADDRESS_NOT_SET"}
    op(api_client, "CheckoutBillingAddressUpdate", id=checkout_id, address=ADDRESS)
    assert complete() == {"field": "shippingAddress", "code": "SHIPPING_ADDRESS_NOT_SET"}
    shipped = op(api_client, "CheckoutShippingAddressUpdate", id=checkout_id, address=ADDRESS)
    assert complete() == {"field": "shippingMethod", "code": "SHIPPING_METHOD_NOT_SET"}
    method = shipped["checkoutShippingAddressUpdate"]["checkout"]["shippingMethods"][0]["id"]
    op(api_client, "CheckoutDeliveryMethodUpdate", id=checkout_id, deliveryMethodId=method)
    assert complete() == {"field": None, "code": "CHECKOUT_NOT_FULLY_PAID"}
    assert Order.objects.count() == 0 and Checkout.objects.count() == 1


def test_payment_amount_must_match_the_total(api_client, product):
    checkout_id = ready_checkout(api_client, [(product, 1)])
    total = op(api_client, "CheckoutFind", id=checkout_id)["checkout"]["totalPrice"]["gross"]["amount"]
    for amount in (str(int(total) - 1), str(int(total) + 1), f"{int(total)}.5"):
        result = op(
            api_client, "CheckoutPaymentCreate", id=checkout_id, gateway="vn.cod", amount=amount, token=None
        )
        assert first_error(result["checkoutPaymentCreate"]) == {
            "field": "amount",
            "code": "PARTIAL_PAYMENT_NOT_ALLOWED",
        }
    unknown = op(
        api_client, "CheckoutPaymentCreate", id=checkout_id, gateway="stripe", amount=None, token=None
    )
    assert first_error(unknown["checkoutPaymentCreate"]) == {
        "field": "gateway",
        "code": "NOT_SUPPORTED_GATEWAY",
    }
    assert Payment.objects.count() == 0
    paid = op(
        api_client,
        "CheckoutPaymentCreate",
        id=checkout_id,
        gateway="vn.cod",
        amount=f"{int(total)}.0",
        token=None,
    )
    assert paid["checkoutPaymentCreate"]["errors"] == []
    assert paid["checkoutPaymentCreate"]["payment"]["total"] == {"amount": total, "currency": "VND"}


def test_a_cart_changed_after_payment_is_not_fully_paid(api_client, product):
    checkout_id = ready_checkout(api_client, [(product, 1)])
    op(api_client, "CheckoutPaymentCreate", id=checkout_id, gateway="vn.cod", amount=None, token=None)
    op(
        api_client,
        "CheckoutLinesAdd",
        id=checkout_id,
        lines=[{"variantId": variant_id(product), "quantity": 1}],
    )
    result = op(api_client, "CheckoutComplete", id=checkout_id)["checkoutComplete"]
    assert first_error(result) == {"field": None, "code": "CHECKOUT_NOT_FULLY_PAID"}
    assert Order.objects.count() == 0


def test_a_price_change_is_seen_and_the_old_payment_no_longer_covers_it(api_client, product):
    checkout_id = ready_checkout(api_client, [(product, 1)])
    op(api_client, "CheckoutPaymentCreate", id=checkout_id, gateway="vn.cod", amount=None, token=None)
    product.variants.get().channel_listings.update(price_amount=200_000)
    found = op(api_client, "CheckoutFind", id=checkout_id)["checkout"]
    assert found["lines"][0]["unitPrice"]["gross"]["amount"] == 200_000
    result = op(api_client, "CheckoutComplete", id=checkout_id)["checkoutComplete"]
    assert first_error(result) == {"field": None, "code": "CHECKOUT_NOT_FULLY_PAID"}


def test_a_declined_dummy_payment_writes_nothing(api_client, product, settings):
    settings.PAYMENT_DUMMY_ENABLED = True
    checkout_id = ready_checkout(api_client, [(product, 1)])
    op(
        api_client,
        "CheckoutPaymentCreate",
        id=checkout_id,
        gateway="mirumee.payments.dummy",
        amount=None,
        token="declined",
    )
    result = op(api_client, "CheckoutComplete", id=checkout_id)["checkoutComplete"]
    assert first_error(result) == {"field": None, "code": "PAYMENT_ERROR"}
    assert Order.objects.count() == 0 and Checkout.objects.count() == 1
    op(
        api_client,
        "CheckoutPaymentCreate",
        id=checkout_id,
        gateway="mirumee.payments.dummy",
        amount=None,
        token="ok",
    )
    charged = op(api_client, "CheckoutComplete", id=checkout_id)["checkoutComplete"]
    assert charged["errors"] == [] and charged["order"]["isPaid"] is True
    assert charged["order"]["paymentStatus"] == "FULLY_CHARGED"


def test_a_pickup_point_that_cannot_serve_every_shop(api_client, seeded_channels):
    vendor_a, a = shop_with_product(pickup=True)
    _, b = shop_with_product()
    checkout_id = create(api_client, [(a, 1), (b, 1)])["checkout"]["id"]
    workshop = vendor_a.warehouses.get()
    found = op(api_client, "CheckoutFind", id=checkout_id)["checkout"]
    assert found["availableCollectionPoints"] == []  # a workshop serves its own shop only
    result = op(
        api_client,
        "CheckoutDeliveryMethodUpdate",
        id=checkout_id,
        deliveryMethodId=gid("Warehouse", workshop.pk),
    )
    assert first_error(result["checkoutDeliveryMethodUpdate"]) == {
        "field": "deliveryMethodId",
        "code": "DELIVERY_METHOD_NOT_APPLICABLE",
    }
    assert Checkout.objects.get().collection_point is None
    centre = design_centre()
    found = op(api_client, "CheckoutFind", id=checkout_id)["checkout"]
    assert [p["name"] for p in found["availableCollectionPoints"]] == [centre.name]


def test_a_shipping_method_of_another_zone_or_before_the_address(api_client, product):
    checkout_id = create(api_client, [(product, 1)])["checkout"]["id"]
    nationwide = ShippingMethod.objects.get(name="Giao hàng tiêu chuẩn toàn quốc")
    early = op(
        api_client,
        "CheckoutDeliveryMethodUpdate",
        id=checkout_id,
        deliveryMethodId=gid("ShippingMethod", nationwide.pk),
    )
    assert first_error(early["checkoutDeliveryMethodUpdate"]) == {
        "field": "deliveryMethodId",
        "code": "SHIPPING_ADDRESS_NOT_SET",
    }
    op(api_client, "CheckoutShippingAddressUpdate", id=checkout_id, address=ADDRESS)  # Hà Nội
    wrong_zone = op(
        api_client,
        "CheckoutDeliveryMethodUpdate",
        id=checkout_id,
        deliveryMethodId=gid("ShippingMethod", nationwide.pk),
    )
    assert first_error(wrong_zone["checkoutDeliveryMethodUpdate"]) == {
        "field": "deliveryMethodId",
        "code": "DELIVERY_METHOD_NOT_APPLICABLE",
    }
    garbage = op(api_client, "CheckoutDeliveryMethodUpdate", id=checkout_id, deliveryMethodId="garbage")
    assert first_error(garbage["checkoutDeliveryMethodUpdate"]) == {
        "field": "deliveryMethodId",
        "code": "INVALID",
    }


def test_a_customers_checkout_is_read_by_its_id_and_changed_by_them_only(product):
    """Saleor's rule for reading: the checkout's ID is the credential (Saleor's storefront reads
    the checkout page without the buyer's session); who it belongs to is the owner's to see,
    and changing it is the owner's only."""
    owner, stranger = UserFactory(), UserFactory()
    owner_client = client_for(owner)
    checkout_id = create(owner_client, [(product, 1)], email=None)["checkout"]["id"]
    assert Checkout.objects.get().user == owner and Checkout.objects.get().email == owner.email
    whose = "query($id: ID!) { checkout(id: $id) { id quantity user { id email } } }"
    for other in (ApiClient(), client_for(stranger)):
        read = data(other.post_graphql(whose, {"id": checkout_id}).json())
        assert read["checkout"] == {"id": checkout_id, "quantity": 1, "user": None}
        result = op(
            other,
            "CheckoutLinesAdd",
            id=checkout_id,
            lines=[{"variantId": variant_id(product), "quantity": 1}],
        )
        assert first_error(result["checkoutLinesAdd"]) == {"field": "id", "code": "NOT_FOUND"}
    assert CheckoutLine.objects.get().quantity == 1
    assert op(owner_client, "CheckoutFind", id=checkout_id)["checkout"]["quantity"] == 1
    mine = data(owner_client.post_graphql(whose, {"id": checkout_id}).json())
    assert mine["checkout"]["user"]["email"] == owner.email


def test_customer_attach_and_detach(api_client, product, customer_user, customer_api_client):
    checkout_id = create(api_client, [(product, 1)], email=None)["checkout"]["id"]
    attach = "mutation($id: ID!) { checkoutCustomerAttach(id: $id) { checkout { email user { email } } errors { code } } }"
    detach = "mutation($id: ID!) { checkoutCustomerDetach(id: $id) { checkout { user { email } } errors { code } } }"
    assert (
        api_client.graphql(attach, {"id": checkout_id})["errors"][0]["extensions"]["exception"]["code"]
        == "PermissionDenied"
    )
    attached = data(customer_api_client.graphql(attach, {"id": checkout_id}))["checkoutCustomerAttach"]
    assert attached == {
        "checkout": {"email": customer_user.email, "user": {"email": customer_user.email}},
        "errors": [],
    }
    # no longer a guest checkout: its ID still reads it (Saleor's rule), no longer changes it
    changed = op(api_client, "CheckoutEmailUpdate", id=checkout_id, email="lay@example.vn")[
        "checkoutEmailUpdate"
    ]
    assert first_error(changed) == {"field": "id", "code": "NOT_FOUND"}
    assert op(api_client, "CheckoutFind", id=checkout_id)["checkout"]["email"] == customer_user.email
    detached = data(customer_api_client.graphql(detach, {"id": checkout_id}))["checkoutCustomerDetach"]
    assert detached == {"checkout": {"user": None}, "errors": []}
    assert op(api_client, "CheckoutFind", id=checkout_id)["checkout"]["email"] == customer_user.email


def test_lines_update_and_delete(api_client, product):
    created = create(api_client, [(product, 2)])["checkout"]
    line_id = created["lines"][0]["id"]
    shipped = op(api_client, "CheckoutShippingAddressUpdate", id=created["id"], address=ADDRESS)
    assert shipped["checkoutShippingAddressUpdate"]["errors"] == []  # from now on its stock is held
    assert Reservation.objects.get().quantity_reserved == 2
    updated = op(
        api_client, "CheckoutLinesUpdate", id=created["id"], lines=[{"lineId": line_id, "quantity": 5}]
    )
    assert updated["checkoutLinesUpdate"]["checkout"]["lines"][0]["quantity"] == 5
    assert Reservation.objects.get().quantity_reserved == 5
    negative = op(
        api_client, "CheckoutLinesUpdate", id=created["id"], lines=[{"lineId": line_id, "quantity": -1}]
    )
    assert first_error(negative["checkoutLinesUpdate"]) == {"field": "quantity", "code": "ZERO_QUANTITY"}
    unknown = op(
        api_client,
        "CheckoutLinesDelete",
        id=created["id"],
        linesIds=[gid("CheckoutLine", "00000000-0000-0000-0000-000000000000")],
    )
    assert first_error(unknown["checkoutLinesDelete"]) == {"field": "lineId", "code": "NOT_FOUND"}
    assert CheckoutLine.objects.count() == 1
    zero = op(api_client, "CheckoutLinesUpdate", id=created["id"], lines=[{"lineId": line_id, "quantity": 0}])
    assert zero["checkoutLinesUpdate"]["checkout"]["lines"] == []
    assert Reservation.objects.count() == 0
    again = create(api_client, [(product, 1)])["checkout"]
    deleted = op(api_client, "CheckoutLinesDelete", id=again["id"], linesIds=[again["lines"][0]["id"]])
    assert deleted["checkoutLinesDelete"]["checkout"]["quantity"] == 0


def test_a_malformed_checkout_id(api_client, product):
    content = run_operation(api_client, CHECKOUT, "CheckoutFind", {"id": "garbage"})
    assert content["errors"][0]["extensions"]["exception"]["code"] == "INVALID_ID"
    result = op(api_client, "CheckoutEmailUpdate", id=gid("Checkout", "not-a-uuid"), email="a@b.vn")
    assert first_error(result["checkoutEmailUpdate"]) == {"field": "id", "code": "INVALID"}


def test_a_customer_finds_their_carts_on_another_device(product, customer_user, staff_user):
    first = create(client_for(customer_user), [(product, 1)], email=None)["checkout"]["id"]
    create(ApiClient(), [(product, 1)])  # someone's guest cart
    query = "{ me { checkouts(first: 10) { totalCount edges { node { id quantity } } } } }"
    found = data(client_for(customer_user).graphql(query))["me"]["checkouts"]
    assert found == {"totalCount": 1, "edges": [{"node": {"id": first, "quantity": 1}}]}
    assert data(client_for(staff_user).graphql(query))["me"]["checkouts"]["totalCount"] == 0
    other_channel = '{ me { checkouts(first: 10, channel: "design-centre") { totalCount } } }'
    assert data(client_for(customer_user).graphql(other_channel))["me"]["checkouts"]["totalCount"] == 0
