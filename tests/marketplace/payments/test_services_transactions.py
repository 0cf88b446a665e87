"""The payment services called directly (no HTTP): the older ``checkout_payment_create``,
and the transactions API's ``payment_gateway_initialize``, ``transaction_initialize`` and
``transaction_process``. Who may use a checkout, the state after, typed errors with
nothing written on a refusal, and what each costs."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.checkout import services as checkout_services
from marketplace.checkout.fetch import fetch_checkout_info
from marketplace.checkout.models import Checkout
from marketplace.payments.models import Payment, TransactionEvent, TransactionItem
from marketplace.payments.services import checkout_payment_create
from marketplace.payments.transactions import (
    payment_gateway_initialize,
    transaction_initialize,
    transaction_process,
)
from tests.checkout_helpers import shop_with_product
from tests.factories import UserFactory, channel
from tests.service_helpers import ADDRESS, error_codes, first_variant_id, ready_checkout

pytestmark = pytest.mark.django_db

TOTAL = Decimal(225_000)  # 2 x 100,000 and one Hà Nội parcel of 1 kg (25,000)


@pytest.fixture(autouse=True)
def dummy_gateways(settings):
    settings.PAYMENT_DUMMY_ENABLED = True


@pytest.fixture
def product(seeded_channels):
    return shop_with_product(price=100_000, stock=5)[1]


@pytest.fixture
def buyer(db) -> User:
    return UserFactory(email="mua@example.vn")  # type: ignore[return-value]


def initialize(checkout: Checkout, *, actor=None, gateway="vn.cod", data=None, amount=None, key=None):
    return transaction_initialize(
        actor=actor,
        checkout_token=checkout.pk,
        gateway_id=gateway,
        data=data,
        amount=amount,
        action=None,
        idempotency_key=key,
        client_ip="203.0.113.7",
    )


def dummy(kind: str) -> dict:
    return {"event": {"type": kind}}


def written() -> tuple[int, int, list]:
    return (
        TransactionItem.objects.count(),
        TransactionEvent.objects.count(),
        list(Payment.objects.order_by("pk").values_list("pk", "is_active")),
    )


# ---------------------------------------------------------------- who may use a checkout


def test_a_customers_checkout_is_that_customers_only(product, buyer):
    """Not another customer's, nor staff's, an app's or SYSTEM's: a checkout is not a
    permission (Saleor's rule); they find nothing."""
    checkout = ready_checkout([(product, 2)], buyer=buyer)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    app, _ = app_create(name="orders", permissions=list(PermissionEnum))
    for actor in (None, UserFactory(), superuser, app, SYSTEM):
        with pytest.raises(ValidationError) as refused:
            initialize(checkout, actor=actor)
        assert error_codes(refused.value) == {"id": ["NOT_FOUND"]}
        with pytest.raises(ValidationError) as refused:
            payment_gateway_initialize(actor=actor, checkout_token=checkout.pk, gateways=None, amount=None)
        assert error_codes(refused.value) == {"id": ["NOT_FOUND"]}
        assert written() == (0, 0, [])
    result = initialize(checkout, actor=buyer)
    assert result.transaction.user_id == buyer.pk
    request = TransactionEvent.objects.get(transaction=result.transaction, type="CHARGE_REQUEST")
    assert (request.user_id, result.event.user_id) == (buyer.pk, None)  # the gateway's answer: nobody


def test_a_guests_checkout_is_whoever_holds_its_token(product):
    checkout = ready_checkout([(product, 2)])
    app, _ = app_create(name="storefront", permissions=[])
    result = initialize(
        checkout, actor=app, gateway="saleor.io.dummy-payment-app", data=dummy("CHARGE_SUCCESS")
    )
    assert (result.transaction.user_id, result.event.user_id, result.event.type) == (
        None,
        None,
        "CHARGE_SUCCESS",
    )
    assert result.transaction.charged_value == TOTAL


# ---------------------------------------------------------------- transactionInitialize


def test_cash_on_delivery_authorizes_the_whole_total(product, buyer):
    checkout = ready_checkout([(product, 2)], buyer=buyer)
    result = initialize(checkout, actor=buyer)
    item = TransactionItem.objects.get()
    assert (item.gateway, item.authorized_value, item.charged_value, item.checkout_id) == (
        "vn.cod",
        TOTAL,
        0,
        checkout.pk,
    )
    assert item.customer_ip_address == "203.0.113.7"
    assert list(
        item.events.order_by("pk").values_list("type", "amount_value", "include_in_calculations")
    ) == [
        ("CHARGE_REQUEST", TOTAL, False),  # the storefront's default flow asks to charge...
        ("AUTHORIZATION_SUCCESS", TOTAL, True),  # ...cash on delivery answers with a promise
    ]
    assert result.event.type == "AUTHORIZATION_SUCCESS" and item.available_actions == ["CHARGE", "CANCEL"]


def test_amounts_that_cannot_be_paid_are_typed_errors(product, buyer):
    checkout = ready_checkout([(product, 2)], buyer=buyer)
    cases = [
        ({"amount": Decimal(1000)}, {"amount": ["INVALID"]}),  # cash pays the whole total only
        (
            {"gateway": "saleor.io.dummy-payment-app", "amount": TOTAL + 1, "data": dummy("CHARGE_SUCCESS")},
            {"amount": ["INVALID"]},
        ),
        (
            {"gateway": "saleor.io.dummy-payment-app", "amount": Decimal(0), "data": dummy("CHARGE_SUCCESS")},
            {"amount": ["INVALID"]},
        ),
        ({"gateway": "acme.pay"}, {"payment_gateway": ["NOT_FOUND"]}),
        ({"gateway": "vn.vnpay"}, {"payment_gateway": ["NOT_FOUND"]}),  # not configured here
        ({"key": ""}, {"idempotency_key": ["INVALID"]}),
        ({"key": "k" * 513}, {"idempotency_key": ["INVALID"]}),
        ({"data": {"blob": "x" * 20_000}}, {"payment_gateway": ["INVALID"]}),
        ({"data": object()}, {"payment_gateway": ["INVALID"]}),
    ]
    for options, expected in cases:
        with pytest.raises(ValidationError) as refused:
            initialize(checkout, actor=buyer, **options)
        assert error_codes(refused.value) == expected, options
        assert written() == (0, 0, [])

    initialize(checkout, actor=buyer, gateway="saleor.io.dummy-payment-app", data=dummy("CHARGE_SUCCESS"))
    before = written()
    with pytest.raises(ValidationError) as nothing_due:
        initialize(checkout, actor=buyer, gateway="saleor.io.dummy-payment-app", data=dummy("CHARGE_SUCCESS"))
    assert error_codes(nothing_due.value) == {"amount": ["INVALID"]}
    assert written() == before


def test_the_same_idempotency_key_replays_the_first_answer(product, buyer):
    checkout = ready_checkout([(product, 2)], buyer=buyer)
    options = {"gateway": "saleor.io.dummy-payment-app", "data": dummy("CHARGE_SUCCESS"), "key": "lan-1"}
    first = initialize(checkout, actor=buyer, **options)
    before = written()
    again = initialize(checkout, actor=buyer, **options)
    assert (again.transaction.pk, again.event.pk) == (first.transaction.pk, first.event.pk)
    assert written() == before
    with pytest.raises(ValidationError) as other_amount:
        initialize(checkout, actor=buyer, **{**options, "amount": Decimal(1000)})
    assert error_codes(other_amount.value) == {"idempotency_key": ["UNIQUE"]}
    assert written() == before


def test_an_older_api_payment_steps_aside(product):
    checkout = ready_checkout([(product, 2)])
    payment = checkout_payment_create(info=fetch_checkout_info(checkout), gateway="vn.cod", amount=None)
    initialize(checkout, gateway="saleor.io.dummy-payment-app", data=dummy("CHARGE_SUCCESS"))
    assert Payment.objects.get(pk=payment.pk).is_active is False
    failed = ready_checkout([(product, 1)])
    kept = checkout_payment_create(info=fetch_checkout_info(failed), gateway="vn.cod", amount=None)
    initialize(failed, gateway="saleor.io.dummy-payment-app", data=dummy("CHARGE_FAILURE"))
    assert Payment.objects.get(pk=kept.pk).is_active is True  # a refused payment changes nothing


def test_initialize_costs(product, buyer, django_assert_num_queries):
    checkout = ready_checkout([(product, 2)], buyer=buyer)
    with django_assert_num_queries(15):
        initialize(checkout, actor=buyer)


# ---------------------------------------------------------------- transactionProcess


def test_a_session_is_finished_once(product, buyer):
    checkout = ready_checkout([(product, 2)], buyer=buyer)
    started = initialize(
        checkout, actor=buyer, gateway="saleor.io.dummy-payment-app", data=dummy("CHARGE_ACTION_REQUIRED")
    )
    item = started.transaction
    assert (item.charged_value, started.event.type) == (0, "CHARGE_ACTION_REQUIRED")
    for actor in (None, UserFactory(), UserFactory(is_staff=True, is_superuser=True), SYSTEM):
        before = written()
        with pytest.raises(ValidationError) as refused:
            transaction_process(
                actor=actor, transaction_token=item.token, data=dummy("CHARGE_SUCCESS"), client_ip=None
            )
        assert error_codes(refused.value) == {"id": ["NOT_FOUND"]}
        assert written() == before
    done = transaction_process(
        actor=buyer, transaction_token=item.token, data=dummy("CHARGE_SUCCESS"), client_ip=None
    )
    assert done.event.type == "CHARGE_SUCCESS"
    assert TransactionItem.objects.get(pk=item.pk).charged_value == TOTAL
    before = written()
    again = transaction_process(
        actor=buyer, transaction_token=item.token, data=dummy("CHARGE_FAILURE"), client_ip=None
    )
    assert again.event.pk == done.event.pk and written() == before  # the final event stands


def test_process_costs(product, buyer, django_assert_num_queries):
    checkout = ready_checkout([(product, 2)], buyer=buyer)
    item = initialize(
        checkout, actor=buyer, gateway="saleor.io.dummy-payment-app", data=dummy("CHARGE_ACTION_REQUIRED")
    ).transaction
    with django_assert_num_queries(15):
        transaction_process(
            actor=buyer, transaction_token=item.token, data=dummy("CHARGE_SUCCESS"), client_ip=None
        )


# ---------------------------------------------------------------- paymentGatewayInitialize


def test_gateway_configs(product, buyer):
    checkout = ready_checkout([(product, 2)], buyer=buyer)
    configs = payment_gateway_initialize(actor=buyer, checkout_token=checkout.pk, gateways=None, amount=None)
    assert [(c.id, c.errors) for c in configs] == [
        ("vn.cod", []),
        ("saleor.io.dummy-payment-app", []),
        ("mirumee.payments.dummy", []),
    ]
    unknown = payment_gateway_initialize(
        actor=buyer, checkout_token=checkout.pk, gateways=[("acme.pay", None)], amount=None
    )
    assert [(c.id, [code for _, code, _ in c.errors]) for c in unknown] == [("acme.pay", ["NOT_FOUND"])]
    for gateways, amount, expected in (
        ([("vn.cod", None)] * 21, None, {"payment_gateways": ["INVALID"]}),
        (None, Decimal(0), {"amount": ["INVALID"]}),
        ([("vn.cod", object())], None, {"payment_gateways": ["INVALID"]}),
    ):
        with pytest.raises(ValidationError) as refused:
            payment_gateway_initialize(
                actor=buyer, checkout_token=checkout.pk, gateways=gateways, amount=amount
            )
        assert error_codes(refused.value) == expected
    assert written() == (0, 0, [])


# ---------------------------------------------------------------- the older payment API


def test_checkout_payment_create_replaces_the_active_payment(product):
    checkout = ready_checkout([(product, 2)])
    first = checkout_payment_create(info=fetch_checkout_info(checkout), gateway="vn.cod", amount=None)
    assert (first.total, first.is_active, first.gateway) == (TOTAL, True, "vn.cod")
    second = checkout_payment_create(
        info=fetch_checkout_info(checkout), gateway="mirumee.payments.dummy", amount=TOTAL, token="tok"
    )
    assert list(Payment.objects.order_by("pk").values_list("pk", "is_active")) == [
        (first.pk, False),
        (second.pk, True),
    ]


def test_checkout_payment_create_refuses_an_unready_checkout(product):
    ready = ready_checkout([(product, 2)])
    bare = checkout_services.checkout_create(
        actor=None, channel=channel(), lines=[(first_variant_id(product), 1)], email=None
    )
    no_method = checkout_services.checkout_create(
        actor=None,
        channel=channel(),
        lines=[(first_variant_id(product), 1)],
        email="lan@example.vn",
        shipping_address=ADDRESS,
        billing_address=ADDRESS,
    )
    no_shipping = checkout_services.checkout_create(
        actor=None,
        channel=channel(),
        lines=[(first_variant_id(product), 1)],
        email="lan@example.vn",
        billing_address=ADDRESS,
    )
    empty = checkout_services.checkout_create(
        actor=None, channel=channel(), lines=[], email="lan@example.vn", billing_address=ADDRESS
    )
    no_billing = checkout_services.checkout_create(
        actor=None, channel=channel(), lines=[(first_variant_id(product), 1)], email="lan@example.vn"
    )
    cases = [
        (ready, {"gateway": "acme.pay"}, {"gateway": ["NOT_SUPPORTED_GATEWAY"]}),
        (ready, {"gateway": "saleor.io.dummy-payment-app"}, {"gateway": ["NOT_SUPPORTED_GATEWAY"]}),
        (ready, {"amount": TOTAL - 1}, {"amount": ["PARTIAL_PAYMENT_NOT_ALLOWED"]}),
        (ready, {"token": "t" * 513}, {"token": ["INVALID"]}),
        (empty, {}, {"__all__": ["NO_CHECKOUT_LINES"]}),
        (bare, {}, {"__all__": ["CHECKOUT_EMAIL_NOT_SET"]}),
        (no_billing, {}, {"__all__": ["BILLING_ADDRESS_NOT_SET"]}),
        (no_shipping, {}, {"__all__": ["SHIPPING_ADDRESS_NOT_SET"]}),
        (no_method, {}, {"__all__": ["SHIPPING_METHOD_NOT_SET"]}),
    ]
    for checkout, options, expected in cases:
        arguments = {"gateway": "vn.cod", "amount": None, **options}
        with pytest.raises(ValidationError) as refused:
            checkout_payment_create(info=fetch_checkout_info(checkout), **arguments)
        assert error_codes(refused.value) == expected, options
    assert not Payment.objects.exists()


def test_checkout_payment_create_costs(product, django_assert_num_queries):
    checkout = ready_checkout([(product, 2)])
    info = fetch_checkout_info(checkout)
    assert info.total == TOTAL  # priced before, as the mutation does when it reads the checkout
    with django_assert_num_queries(5):
        checkout_payment_create(info=info, gateway="vn.cod", amount=None)
