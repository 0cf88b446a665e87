"""The transactions API with Saleor's dummy payment app contract: every result the app can
answer, what it does to the checkout's statuses and to ``checkoutComplete``; bad input
(unknown gateways, amounts beyond what is due, idempotency keys, app-only arguments, other
customers' checkouts and transactions) answered with typed errors, nothing written."""

import uuid

import pytest

from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.permissions import PermissionEnum
from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from marketplace.payments.models import Payment, TransactionEvent, TransactionItem
from tests.checkout_helpers import gid, op, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, error_codes, grant
from tests.factories import UserFactory
from tests.storefront_api.checkout.documents import (
    CHECKOUT,
    GATEWAYS_INITIALIZE,
    TRANSACTION_INITIALIZE,
    TRANSACTION_PROCESS,
    complete,
    dummy,
    initialize,
    payload,
    run,
)

pytestmark = pytest.mark.django_db

TOTAL = 225_000  # 2 x 100,000 and one Hà Nội parcel of 1 kg (25,000)


@pytest.fixture(autouse=True)
def dummy_gateways(settings):
    settings.PAYMENT_DUMMY_ENABLED = True


@pytest.fixture
def checkout_id(seeded_channels) -> str:
    _, product = shop_with_product(price=100_000, stock=5)
    return ready_checkout(ApiClient(), [(product, 2)])


def statuses(client: ApiClient, checkout_id: str) -> tuple[str, str]:
    checkout = run(client, CHECKOUT, id=checkout_id)["checkout"]
    return checkout["authorizeStatus"], checkout["chargeStatus"]


def nothing_written() -> None:
    assert TransactionItem.objects.count() == 0 and TransactionEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("result", "amounts", "status", "actions"),
    [
        ("CHARGE_SUCCESS", {"chargedAmount": TOTAL}, ("FULL", "FULL"), ["REFUND"]),
        ("AUTHORIZATION_SUCCESS", {"authorizedAmount": TOTAL}, ("FULL", "NONE"), ["CHARGE", "CANCEL"]),
        ("CHARGE_REQUEST", {"chargePendingAmount": TOTAL}, ("FULL", "FULL"), ["REFUND"]),
        ("CHARGE_FAILURE", {}, ("NONE", "NONE"), ["REFUND", "CHARGE", "CANCEL"]),
        ("CHARGE_ACTION_REQUIRED", {}, ("NONE", "NONE"), []),
    ],
)
def test_each_dummy_result_sets_the_checkout_statuses(checkout_id, result, amounts, status, actions):
    client = ApiClient()
    answer = initialize(client, checkout_id, dummy(result))
    assert answer["errors"] == []
    assert answer["transactionEvent"]["type"] == result
    assert answer["transactionEvent"]["amount"] == {"currency": "VND", "amount": TOTAL}
    transaction = answer["transaction"]
    assert transaction["actions"] == actions
    for field in ("authorizedAmount", "chargedAmount", "chargePendingAmount"):
        assert transaction[field]["amount"] == amounts.get(field, 0), field
    assert statuses(client, checkout_id) == status
    completed = complete(client, checkout_id)
    if status[0] == "FULL":
        assert completed["errors"] == []
        order = Order.objects.get()
        assert order.total_charged_amount == amounts.get("chargedAmount", 0)
        assert order.total_authorized_amount == amounts.get("authorizedAmount", 0)
    else:
        assert completed["errors"] == [
            {
                "field": None,
                "code": "CHECKOUT_NOT_FULLY_PAID",
                "message": "Provided payment methods can not cover the checkout's total amount.",
            }
        ]
        assert Order.objects.count() == 0 and Checkout.objects.count() == 1


def test_action_required_then_processed_with_the_storefronts_data(checkout_id):
    client = ApiClient()
    first = initialize(client, checkout_id, dummy("CHARGE_ACTION_REQUIRED"))
    transaction_id = first["transaction"]["id"]
    processed = payload(client, TRANSACTION_PROCESS, id=transaction_id, data=dummy("CHARGE_SUCCESS")["data"])
    assert processed["errors"] == []
    assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert processed["transaction"]["chargedAmount"]["amount"] == TOTAL
    assert statuses(client, checkout_id) == ("FULL", "FULL")
    # Processing again changes nothing: the final event comes back, no data.
    again = payload(client, TRANSACTION_PROCESS, id=transaction_id, data=dummy("CHARGE_SUCCESS")["data"])
    assert again["transactionEvent"] == processed["transactionEvent"] and again["data"] is None
    assert TransactionItem.objects.get().charged_value == TOTAL
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    # The token works as the ID does.
    by_token = payload(client, TRANSACTION_PROCESS, token=str(TransactionItem.objects.get().token))
    assert by_token["transactionEvent"]["type"] == "CHARGE_SUCCESS"


def test_data_the_app_cannot_read_and_results_a_session_may_not_give_are_failures(checkout_id):
    client = ApiClient()
    garbage = initialize(client, checkout_id, {"id": "saleor.io.dummy-payment-app", "data": {"event": "x"}})
    assert garbage["errors"] == [] and garbage["transactionEvent"]["type"] == "CHARGE_FAILURE"
    assert garbage["transactionEvent"]["message"].startswith("Invalid data: event.type must be one of")
    refund = initialize(client, checkout_id, dummy("REFUND_SUCCESS"))
    assert refund["transactionEvent"]["type"] == "CHARGE_FAILURE"
    assert refund["transactionEvent"]["message"].startswith(
        "Missing or invalid value for `result`: REFUND_SUCCESS"
    )
    no_reference = initialize(client, checkout_id, dummy("CHARGE_SUCCESS", psp=False))
    assert no_reference["transactionEvent"] == {
        "message": "Missing value for field: pspReference.",
        "type": "CHARGE_FAILURE",
        "amount": {"currency": "VND", "amount": TOTAL},
        "pspReference": "",
    }
    assert statuses(client, checkout_id) == ("NONE", "NONE")
    assert sum(t.covered for t in TransactionItem.objects.all()) == 0


def test_partial_payments_add_up_and_never_beyond_the_total(checkout_id):
    client = ApiClient()
    part = initialize(client, checkout_id, dummy("CHARGE_SUCCESS"), amount=100_000)
    assert part["errors"] == [] and part["transaction"]["chargedAmount"]["amount"] == 100_000
    assert statuses(client, checkout_id) == ("PARTIAL", "PARTIAL")
    assert complete(client, checkout_id)["errors"][0]["code"] == "CHECKOUT_NOT_FULLY_PAID"
    too_much = initialize(client, checkout_id, dummy("CHARGE_SUCCESS"), amount=TOTAL)
    assert too_much == {
        "transaction": None,
        "transactionEvent": None,
        "data": None,
        "errors": [
            {
                "field": "amount",
                "code": "INVALID",
                "message": "The amount is more than what is still due (125000).",
            }
        ],
    }
    rest = initialize(client, checkout_id, dummy("AUTHORIZATION_SUCCESS"))  # by default what is due
    assert rest["transaction"]["authorizedAmount"]["amount"] == 125_000
    assert statuses(client, checkout_id) == ("FULL", "PARTIAL")
    nothing_due = initialize(client, checkout_id, dummy("CHARGE_SUCCESS"))
    assert nothing_due["errors"] == [
        {
            "field": "amount",
            "code": "INVALID",
            "message": "Nothing is due: the checkout's transactions already cover its total.",
        }
    ]
    assert TransactionItem.objects.count() == 2
    assert complete(client, checkout_id)["errors"] == []
    order = Order.objects.get()
    assert (order.total_charged_amount, order.total_authorized_amount) == (100_000, 125_000)
    assert order.charge_status == "PARTIALLY_CHARGED"


def test_an_unknown_gateway_is_not_found_and_nothing_is_written(checkout_id, settings):
    client = ApiClient()
    for gateway in ("stripe.payments", "vn.vnpay"):  # VNPay is not configured here
        answer = initialize(client, checkout_id, {"id": gateway})
        assert answer["errors"] == [
            {
                "field": "paymentGateway",
                "code": "NOT_FOUND",
                "message": "App with provided identifier not found.",
            }
        ]
    settings.PAYMENT_DUMMY_ENABLED = False
    assert initialize(client, checkout_id, dummy())["errors"][0]["code"] == "NOT_FOUND"
    nothing_written()
    configs = payload(
        client, GATEWAYS_INITIALIZE, id=checkout_id, gateways=[{"id": "stripe.payments"}, {"id": "vn.cod"}]
    )
    assert configs["gatewayConfigs"] == [
        {
            "id": "stripe.payments",
            "data": None,
            "errors": [
                {
                    "field": "id",
                    "code": "NOT_FOUND",
                    "message": "Active app with `HANDLE_PAYMENT` permissions or app webhook not found.",
                }
            ],
        },
        {"id": "vn.cod", "data": None, "errors": []},
    ]
    every = payload(client, GATEWAYS_INITIALIZE, id=checkout_id)
    assert [c["id"] for c in every["gatewayConfigs"]] == ["vn.cod"]
    nothing_written()


def test_the_same_idempotency_key_returns_the_first_outcome(checkout_id):
    client = ApiClient()
    first = initialize(client, checkout_id, dummy("AUTHORIZATION_SUCCESS"), key="pay-1", amount=100_000)
    again = initialize(client, checkout_id, dummy("AUTHORIZATION_SUCCESS"), key="pay-1", amount=100_000)
    assert again["errors"] == [] and again["transaction"]["id"] == first["transaction"]["id"]
    assert again["transactionEvent"] == first["transactionEvent"]
    assert TransactionItem.objects.count() == 1 and TransactionItem.objects.get().authorized_value == 100_000
    other = initialize(client, checkout_id, dummy("AUTHORIZATION_SUCCESS"), key="pay-1", amount=50_000)
    assert other["errors"] == [
        {
            "field": "idempotencyKey",
            "code": "UNIQUE",
            "message": "Different transaction with provided idempotency key already exists.",
        }
    ]
    empty = initialize(client, checkout_id, dummy(), key="")
    assert empty["errors"] == [
        {"field": "idempotencyKey", "code": "INVALID", "message": "Cannot be provided as an empty string."}
    ]
    assert TransactionItem.objects.count() == 1


def test_bad_ids_and_the_transactions_limit(checkout_id, settings):
    client = ApiClient()
    wrong_type = initialize(client, gid("Product", 1), dummy())
    assert wrong_type["errors"] == [
        {
            "field": "id",
            "code": "INVALID",
            "message": f"Invalid ID: {gid('Product', 1)}. Expected one of: Checkout, Order, received: Product.",
        }
    ]
    an_order = initialize(client, gid("Order", uuid.uuid4()), dummy())
    assert an_order["errors"][0]["field"] == "id" and an_order["errors"][0]["code"] == "INVALID"
    missing = initialize(client, gid("Checkout", uuid.uuid4()), dummy())
    assert missing["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": "`Order` or `Checkout` not found."}
    ]
    garbage = client.graphql(TRANSACTION_INITIALIZE, {"id": "not-an-id", "gateway": dummy()})
    assert error_codes(garbage) == ["INVALID_ID"]
    nothing_written()
    settings.TRANSACTION_ITEMS_LIMIT = 2
    for _ in range(2):
        initialize(client, checkout_id, dummy("CHARGE_FAILURE"))
    limited = initialize(client, checkout_id, dummy())
    assert limited["errors"] == [
        {"field": "id", "code": "INVALID", "message": "Checkout transactions limit of 2 reached."}
    ]
    assert TransactionItem.objects.count() == 2


def test_action_and_customer_ip_are_for_payment_apps_only(checkout_id):
    customer = client_for(UserFactory())
    for variables in ({"action": "AUTHORIZATION"}, {"ip": "203.0.113.9"}):
        answer = customer.graphql(
            TRANSACTION_INITIALIZE, {"id": checkout_id, "gateway": dummy(), **variables}
        )
        assert error_codes(answer) == ["PermissionDenied"] and answer["data"]["transactionInitialize"] is None
    nothing_written()
    _, token = app_create(name="Cổng thanh toán", permissions=[PermissionEnum.MANAGE_ORDERS])
    app_client = ApiClient(token=token)
    bad_ip = initialize(app_client, checkout_id, dummy(), ip="999.1.1.1")
    assert bad_ip["errors"] == [
        {"field": "customerIpAddress", "code": "INVALID", "message": "Enter a valid IPv4 or IPv6 address."}
    ]
    authorized = initialize(
        app_client, checkout_id, dummy("AUTHORIZATION_SUCCESS"), action="AUTHORIZATION", ip="203.0.113.9"
    )
    assert authorized["errors"] == []
    item = TransactionItem.objects.get()
    assert str(item.customer_ip_address) == "203.0.113.9"
    assert item.events.order_by("pk").first().type == "AUTHORIZATION_REQUEST"


def test_another_customers_checkout_and_transaction_are_not_found(
    seeded_channels, staff_user, vendor_api_client
):
    _, product = shop_with_product(price=100_000, stock=5)
    owner = client_for(UserFactory(email="chu@example.vn"))
    checkout_id = ready_checkout(owner, [(product, 1)])
    stranger, other_customer = ApiClient(), client_for(UserFactory(email="khac@example.vn"))
    manager = UserFactory(email="quanly@langnghe.vn", is_staff=True)
    grant(manager, PermissionEnum.MANAGE_ORDERS)
    others = (stranger, other_customer, vendor_api_client, client_for(staff_user), client_for(manager))
    for client in others:
        answer = initialize(client, checkout_id, dummy())
        assert answer["errors"] == [
            {"field": "id", "code": "NOT_FOUND", "message": "`Order` or `Checkout` not found."}
        ]
        configs = payload(client, GATEWAYS_INITIALIZE, id=checkout_id)
        assert configs["errors"][0]["code"] == "NOT_FOUND" and configs["gatewayConfigs"] is None
    nothing_written()
    started = initialize(owner, checkout_id, dummy("CHARGE_ACTION_REQUIRED"))
    transaction_id = started["transaction"]["id"]
    for client in others:  # a checkout's transaction: its checkout's rule, staff included
        answer = payload(client, TRANSACTION_PROCESS, id=transaction_id, data=dummy()["data"])
        assert answer == {
            "transaction": None,
            "transactionEvent": None,
            "data": None,
            "errors": [{"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a transaction."}],
        }
    assert TransactionItem.objects.get().charged_value == 0
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 0
    assert payload(owner, TRANSACTION_PROCESS, id=transaction_id, data=dummy()["data"])["errors"] == []
    # Once the checkout is an order, its transactions are the buyer's (and MANAGE_ORDERS staff's).
    assert complete(owner, checkout_id)["errors"] == []
    for client in others[:-1]:
        assert payload(client, TRANSACTION_PROCESS, id=transaction_id)["errors"][0]["code"] == "NOT_FOUND"
    for client in (owner, client_for(manager)):
        answer = payload(client, TRANSACTION_PROCESS, id=transaction_id)
        assert answer["transactionEvent"]["type"] == "CHARGE_SUCCESS"


def test_transaction_process_arguments(checkout_id):
    client = ApiClient()
    neither = payload(client, TRANSACTION_PROCESS)
    assert neither["errors"] == [
        {
            "field": None,
            "code": "GRAPHQL_ERROR",
            "message": "At least one of arguments is required: 'id', 'token'.",
        }
    ]
    unknown = payload(client, TRANSACTION_PROCESS, id=gid("TransactionItem", uuid.uuid4()))
    assert unknown["errors"][0]["code"] == "NOT_FOUND"
    assert error_codes(client.graphql(TRANSACTION_PROCESS, {"id": checkout_id})) == ["INVALID_ID"]


def test_a_legacy_payment_is_set_aside_by_a_transaction_and_never_charged(seeded_channels):
    """One payment flow per checkout, as in Saleor: the older API's payment is deactivated."""
    _, product = shop_with_product(price=100_000, stock=5)
    client = ApiClient()
    checkout_id = ready_checkout(client, [(product, 1)])
    op(
        client,
        "CheckoutPaymentCreate",
        id=checkout_id,
        gateway="mirumee.payments.dummy",
        amount=None,
        token=None,
    )
    assert initialize(client, checkout_id, dummy("CHARGE_FAILURE"))["errors"] == []
    assert Payment.objects.get().is_active is True  # a failure gives it back
    assert initialize(client, checkout_id, dummy("CHARGE_SUCCESS"))["errors"] == []
    assert Payment.objects.get().is_active is False
    assert complete(client, checkout_id)["errors"] == []
    payment = Payment.objects.get()
    assert (payment.order_id, payment.charge_status, payment.captured_amount) == (None, "NOT_CHARGED", 0)
    assert Order.objects.get().total_charged_amount == 125_000


MATRIX = {
    "deliveryOptionsCalculate": (
        "mutation ($id: ID!) { deliveryOptionsCalculate(id: $id) { errors { code } } }",
        {},
    ),
    "paymentGatewayInitialize": (
        "mutation ($id: ID!) { paymentGatewayInitialize(id: $id) { errors { code } } }",
        {},
    ),
    "transactionInitialize": (
        "mutation ($id: ID!, $g: PaymentGatewayToInitialize!) { transactionInitialize(id: $id, paymentGateway: $g) { errors { code } } }",
        {"g": {"id": "vn.cod"}},
    ),
    "checkoutLineDelete": (
        "mutation ($id: ID!, $l: ID) { checkoutLineDelete(id: $id, lineId: $l) { errors { code } } }",
        {"l": gid("CheckoutLine", uuid.uuid4())},
    ),
    "checkoutAddPromoCode": (
        'mutation ($id: ID!) { checkoutAddPromoCode(id: $id, promoCode: "TET") { errors { code } } }',
        {},
    ),
    "checkoutRemovePromoCode": (
        'mutation ($id: ID!) { checkoutRemovePromoCode(id: $id, promoCode: "TET") { errors { code } } }',
        {},
    ),
    "updateMetadata": (
        'mutation ($id: ID!) { updateMetadata(id: $id, input: [{key: "k", value: "v"}]) { errors { code } } }',
        {},
    ),
}
# What the customer gets on their own checkout (a transaction, or Saleor's answer to an unknown code).
OWNER_CODES = {
    "deliveryOptionsCalculate": [],
    "paymentGatewayInitialize": [],
    "transactionInitialize": [],
    "checkoutLineDelete": ["NOT_FOUND"],  # the line is not there
    "checkoutAddPromoCode": ["INVALID"],
    "checkoutRemovePromoCode": ["NOT_FOUND"],
    "updateMetadata": [],
}


@pytest.mark.parametrize("mutation", list(MATRIX))
def test_a_customers_checkout_is_theirs_only(seeded_channels, staff_user, vendor_api_client, mutation):
    """Anonymous, another customer, a vendor member, staff without and with MANAGE_ORDERS:
    NOT_FOUND (the checkout is not theirs to see), nothing written; the customer: served."""
    _, product = shop_with_product(price=100_000, stock=5)
    owner = client_for(UserFactory(email="chu@example.vn"))
    checkout_id = ready_checkout(owner, [(product, 1)])
    document, extra = MATRIX[mutation]
    manager = UserFactory(email="quanly@langnghe.vn", is_staff=True)
    grant(manager, PermissionEnum.MANAGE_ORDERS)
    for client in (
        ApiClient(),
        client_for(UserFactory()),
        vendor_api_client,
        client_for(staff_user),
        client_for(manager),
    ):
        answer = client.graphql(document, {"id": checkout_id, **extra})["data"][mutation]
        assert [e["code"] for e in answer["errors"]] == ["NOT_FOUND"], client
    checkout = Checkout.objects.get()
    assert checkout.metadata == {} and TransactionItem.objects.count() == 0 and checkout.lines.count() == 1
    answer = owner.graphql(document, {"id": checkout_id, **extra})["data"][mutation]
    assert [e["code"] for e in answer["errors"]] == OWNER_CODES[mutation]


def test_a_transaction_whose_checkout_is_gone_stays_its_customers(seeded_channels):
    _, product = shop_with_product(price=100_000, stock=5)
    owner = client_for(UserFactory(email="chu@example.vn"))
    checkout_id = ready_checkout(owner, [(product, 1)])
    transaction_id = initialize(owner, checkout_id, dummy("CHARGE_FAILURE"))["transaction"]["id"]
    Checkout.objects.all().delete()  # abandoned and cleaned up
    stranger = payload(
        client_for(UserFactory(email="khac@example.vn")), TRANSACTION_PROCESS, id=transaction_id
    )
    assert stranger["errors"][0]["code"] == "NOT_FOUND"
    mine = payload(owner, TRANSACTION_PROCESS, id=transaction_id)
    assert mine["transactionEvent"]["type"] == "CHARGE_FAILURE" and mine["errors"] == []


def test_finishing_a_session_after_the_checkout_was_paid_otherwise_is_refused(checkout_id):
    client = ApiClient()
    pending = initialize(client, checkout_id, dummy("CHARGE_ACTION_REQUIRED"))["transaction"]["id"]
    assert initialize(client, checkout_id, dummy("CHARGE_SUCCESS"))["errors"] == []  # paid another way
    refused = payload(client, TRANSACTION_PROCESS, id=pending, data=dummy()["data"])
    assert refused["errors"] == [
        {
            "field": "id",
            "code": "INVALID",
            "message": "The checkout's other transactions already cover what this one would pay.",
        }
    ]
    assert sum(i.charged_value for i in TransactionItem.objects.all()) == TOTAL
    assert statuses(client, checkout_id) == ("FULL", "FULL")
