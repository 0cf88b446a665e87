"""Saleor's transactions API: ``paymentGatewayInitialize``, ``transactionInitialize`` and
``transactionProcess``, for a checkout (the buyer's capability is its ID, as for every
checkout mutation; a customer's checkout is that customer's only)."""

import ipaddress

import graphene
from django.core.exceptions import ValidationError
from graphql_relay import from_global_id

from marketplace.accounts.actors import is_app
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.core.clients import client_of
from marketplace.payments import transactions
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_uuid_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.core.scalars import JSON, PositiveDecimal
from storefront_api.payments.types import (
    PaymentGatewayConfig,
    PaymentGatewayConfigError,
    PaymentGatewayInitializeError,
    PaymentGatewayToInitialize,
    TransactionEvent,
    TransactionFlowStrategyEnum,
    TransactionInitializeError,
    TransactionItem,
    TransactionProcessError,
)

SOURCE_ID = graphene.ID(required=True, description="The ID of the checkout (or order: not supported yet).")
APP_ONLY = (
    "The field can be used only by an app that has `MANAGE_ORDERS` permission (Saleor: HANDLE_PAYMENTS)."
)


def _checkout_token(global_id: str):
    """The checkout's token; a typed INVALID error for an ID of another type (Saleor's)."""
    try:
        kind = from_global_id(global_id)[0]
    except Exception:
        kind = ""
    if kind == "Order":
        raise ValidationError(
            {
                "id": ValidationError(
                    "Paying a placed order through transactions is not supported; pay the checkout.",
                    code="INVALID",
                )
            }
        )
    if kind and kind != "Checkout":
        raise ValidationError(
            {
                "id": ValidationError(
                    f"Invalid ID: {global_id[:100]}. Expected one of: Checkout, Order, "
                    f"received: {kind[:40]}.",
                    code="INVALID",
                )
            }
        )
    return decode_uuid_id(global_id, only_type="Checkout")  # garbage: a top-level INVALID_ID


def _app_only(info, field: str, value) -> None:
    """``action`` and ``customerIpAddress`` are for payment apps only (Saleor's rule)."""
    actor = principal(info)
    if value is not None and not (is_app(actor) and has_permissions(actor, [PermissionEnum.MANAGE_ORDERS])):
        raise api_error(f"Only a payment app may set {field}.", "PermissionDenied")


def _customer_ip(info, given: str | None) -> str | None:
    _app_only(info, "customerIpAddress", given)
    if given is None:
        return client_of(info.context.META).ip
    try:
        return str(ipaddress.ip_address(given))
    except ValueError:
        raise ValidationError(
            {"customer_ip_address": ValidationError("Enter a valid IPv4 or IPv6 address.", code="INVALID")}
        ) from None


class PaymentGatewayInitialize(BaseMutation):
    gateway_configs = graphene.List(
        graphene.NonNull(PaymentGatewayConfig), description="List of payment gateway configurations."
    )

    class Arguments:
        id = SOURCE_ID
        amount = graphene.Argument(
            PositiveDecimal, description="The amount requested; by default what is still due."
        )
        payment_gateways = graphene.List(
            graphene.NonNull(PaymentGatewayToInitialize),
            description="List of payment gateways to initialize.",
        )

    class Meta:
        description = (
            "Initializes payment gateway sessions for a checkout: what each gateway needs before "
            "transactionInitialize (ours need nothing: data is null). An unknown gateway gets a "
            "NOT_FOUND config error."
        )
        public = True
        error_type_class = PaymentGatewayInitializeError

    @classmethod
    def perform_mutation(cls, root, info, id, amount=None, payment_gateways=None):
        configs = transactions.payment_gateway_initialize(
            actor=principal(info),
            checkout_token=_checkout_token(id),
            gateways=None
            if payment_gateways is None
            else [(gateway["id"], gateway.get("data")) for gateway in payment_gateways],
            amount=amount,
        )
        return cls.success(
            gateway_configs=[
                PaymentGatewayConfig(
                    id=config.id,
                    data=config.data,
                    errors=[
                        PaymentGatewayConfigError(field=f, code=c, message=str(m))
                        for f, c, m in config.errors
                    ],
                )
                for config in configs
            ]
        )


class TransactionInitialize(BaseMutation):
    transaction = graphene.Field(TransactionItem, description="The initialized transaction.")
    transaction_event = graphene.Field(
        TransactionEvent, description="The event created for the initialized transaction."
    )
    data = graphene.Field(JSON, description="The JSON data required to finalize the payment.")

    class Arguments:
        id = SOURCE_ID
        amount = graphene.Argument(
            PositiveDecimal,
            description="The amount requested; by default the checkout's total less what its "
            "transactions cover.",
        )
        idempotency_key = graphene.String(
            description="The idempotency key of the action: the same key again returns the first outcome."
        )
        action = graphene.Argument(
            TransactionFlowStrategyEnum, description="The expected action (CHARGE by default). " + APP_ONLY
        )
        customer_ip_address = graphene.String(description="The customer's IP address. " + APP_ONLY)
        payment_gateway = graphene.Argument(
            PaymentGatewayToInitialize,
            required=True,
            description="Payment gateway used to initialize the transaction.",
        )

    class Meta:
        description = (
            "Initializes a transaction on the checkout through a gateway: vn.cod (authorizes the whole "
            "amount; each shop charges its part when it collects the cash), vn.vnpay (action required: "
            "data.redirectUrl, confirmed by VNPay's IPN), saleor.io.dummy-payment-app or "
            "mirumee.payments.dummy (the dummy app's contract: data.event.type is the result). At most "
            "what is still due; 100 transactions per checkout."
        )
        public = True
        error_type_class = TransactionInitializeError

    @classmethod
    def perform_mutation(
        cls,
        root,
        info,
        id,
        payment_gateway,
        amount=None,
        idempotency_key=None,
        action=None,
        customer_ip_address=None,
    ):
        _app_only(info, "action", action)
        result = transactions.transaction_initialize(
            actor=principal(info),
            checkout_token=_checkout_token(id),
            gateway_id=payment_gateway["id"],
            data=payment_gateway.get("data"),
            amount=amount,
            action=getattr(action, "value", action),
            idempotency_key=idempotency_key,
            client_ip=_customer_ip(info, customer_ip_address),
        )
        return cls.success(transaction=result.transaction, transaction_event=result.event, data=result.data)


class TransactionProcess(BaseMutation):
    transaction = graphene.Field(TransactionItem, description="The processed transaction.")
    transaction_event = graphene.Field(
        TransactionEvent, description="The event created for the processed transaction."
    )
    data = graphene.Field(JSON, description="The json data required to finalize the payment.")

    class Arguments:
        id = graphene.ID(
            description="The ID of the transaction to process. One of field id or token is required."
        )
        token = graphene.UUID(
            description="The token of the transaction to process. One of field id or token is required."
        )
        data = graphene.Argument(JSON, description="The data that will be passed to the payment gateway.")
        customer_ip_address = graphene.String(description="The customer's IP address. " + APP_ONLY)

    class Meta:
        description = (
            "Processes a transaction session: the final event once the transaction has one (a VNPay "
            "transaction's from VNPay's IPN; until then its action-required event and a fresh "
            "redirectUrl), else the gateway's answer to data. A transaction of another customer's "
            "checkout or order is NOT_FOUND."
        )
        public = True
        error_type_class = TransactionProcessError

    @classmethod
    def perform_mutation(cls, root, info, id=None, token=None, data=None, customer_ip_address=None):
        if bool(id) == bool(token):
            message = (
                "Argument 'id' cannot be combined with 'token'"
                if id
                else "At least one of arguments is required: 'id', 'token'."
            )
            raise ValidationError(message, code="GRAPHQL_ERROR")
        result = transactions.transaction_process(
            actor=principal(info),
            transaction_token=token or decode_uuid_id(id, only_type="TransactionItem"),
            data=data,
            client_ip=_customer_ip(info, customer_ip_address),
        )
        return cls.success(transaction=result.transaction, transaction_event=result.event, data=result.data)
