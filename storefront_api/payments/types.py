"""Payments as Saleor shows them: gateways, the older ``Payment``, and the transactions
API's ``TransactionItem`` and ``TransactionEvent``."""

import graphene

from marketplace.checkout.services import checkout_for
from marketplace.payments.error_codes import (
    PaymentErrorCode,
    PaymentGatewayConfigErrorCode,
    PaymentGatewayInitializeErrorCode,
    TransactionInitializeErrorCode,
    TransactionProcessErrorCode,
)
from marketplace.payments.gateways import Gateway
from marketplace.payments.models import ChargeStatus, TransactionEventType
from marketplace.payments.models import Payment as PaymentModel
from marketplace.payments.models import TransactionEvent as TransactionEventModel
from marketplace.payments.models import TransactionItem as TransactionItemModel
from storefront_api.catalog.types.pricing import money, money_field
from storefront_api.core.mutations import error_type
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.permissions import principal
from storefront_api.core.scalars import JSON
from storefront_api.orders.types import order_context
from storefront_api.payments.dataloaders import TransactionEventsByTransactionIdLoader

PaymentChargeStatusEnum = graphene.Enum("PaymentChargeStatusEnum", [(c, c) for c in ChargeStatus.values])
TransactionEventTypeEnum = graphene.Enum(
    "TransactionEventTypeEnum", [(t, t) for t in TransactionEventType.values]
)
TransactionActionEnum = graphene.Enum(
    "TransactionActionEnum", [("CHARGE", "CHARGE"), ("REFUND", "REFUND"), ("CANCEL", "CANCEL")]
)
TransactionFlowStrategyEnum = graphene.Enum(
    "TransactionFlowStrategyEnum", [("AUTHORIZATION", "AUTHORIZATION"), ("CHARGE", "CHARGE")]
)

PaymentError = error_type("PaymentError", PaymentErrorCode)
TransactionInitializeError = error_type("TransactionInitializeError", TransactionInitializeErrorCode)
TransactionProcessError = error_type("TransactionProcessError", TransactionProcessErrorCode)
PaymentGatewayInitializeError = error_type("PaymentGatewayInitializeError", PaymentGatewayInitializeErrorCode)
PaymentGatewayConfigError = error_type("PaymentGatewayConfigError", PaymentGatewayConfigErrorCode)


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True, description="Gateway config key.")
    value = graphene.String(description="Gateway config value for key.")

    class Meta:
        description = "Payment gateway client configuration key and value pair."


class PaymentGateway(graphene.ObjectType):
    id = graphene.ID(required=True, description="Payment gateway ID.")
    name = graphene.String(required=True, description="Payment gateway name.")
    config = graphene.List(
        graphene.NonNull(GatewayConfigLine),
        required=True,
        description="Payment gateway client configuration (nothing secret).",
    )
    currencies = graphene.List(graphene.NonNull(graphene.String), required=True)

    class Meta:
        description = "Available payment gateway backend with configuration necessary to setup client."

    @staticmethod
    def of(gateway: Gateway) -> "PaymentGateway":
        return PaymentGateway(
            id=gateway.id,
            name=gateway.name,
            currencies=list(gateway.currencies),
            config=[GatewayConfigLine(field=key, value=value) for key, value in gateway.config],
        )


class Payment(ModelObjectType):
    charge_status = graphene.Field(PaymentChargeStatusEnum, required=True)
    total = money_field("total", description="Total amount of the payment.")
    captured_amount = money_field("captured_amount", description="Total amount captured for this payment.")
    created = graphene.DateTime(required=True)
    modified = graphene.DateTime(required=True)

    class Meta:
        model = PaymentModel
        fields = ("id", "gateway", "is_active")
        description = "Represents a payment of a given type (cash on delivery, VNPay...)."

    @staticmethod
    def resolve_charge_status(root: PaymentModel, info):
        return str(root.charge_status)

    @staticmethod
    def resolve_created(root: PaymentModel, info):
        return root.created_at

    @staticmethod
    def resolve_modified(root: PaymentModel, info):
        return root.modified_at


class TransactionEvent(ModelObjectType):
    created_at = graphene.DateTime(required=True)
    psp_reference = graphene.String(required=True, description="PSP reference of transaction.")
    message = graphene.String(required=True, description="Message related to the transaction's event.")
    external_url = graphene.String(required=True)
    amount = graphene.Field("storefront_api.core.types.Money", required=True)
    type = graphene.Field(TransactionEventTypeEnum, description="The type of action related to this event.")
    idempotency_key = graphene.String(description="Idempotency key assigned to the event.")

    class Meta:
        model = TransactionEventModel
        fields = ("id",)
        description = "Represents transaction's event."

    @staticmethod
    def resolve_amount(root: TransactionEventModel, info):
        return money(root.amount_value, root.currency)

    @staticmethod
    def resolve_type(root: TransactionEventModel, info):
        return str(root.type)

    @staticmethod
    def resolve_idempotency_key(root: TransactionEventModel, info):
        return root.idempotency_key or None


def _amount(attr: str, description: str) -> graphene.Field:
    return graphene.Field(
        "storefront_api.core.types.Money",
        required=True,
        description=description,
        resolver=lambda root, info: money(getattr(root, attr), root.currency),
    )


def _zero(description: str) -> graphene.Field:
    return graphene.Field(
        "storefront_api.core.types.Money",
        required=True,
        description=description,
        resolver=lambda root, info: money(0, root.currency),  # type: ignore[arg-type]
    )


class TransactionItem(ModelObjectType):
    token = graphene.UUID(required=True, description="The transaction token.")
    created_at = graphene.DateTime(required=True)
    modified_at = graphene.DateTime(required=True)
    actions = graphene.List(
        graphene.NonNull(TransactionActionEnum),
        required=True,
        description="List of actions that can be performed in the current state of a payment.",
    )
    authorized_amount = _amount("authorized_value", "Total amount authorized for this payment.")
    authorize_pending_amount = _amount(
        "authorize_pending_value", "Total amount of ongoing authorization requests."
    )
    refunded_amount = _amount("refunded_value", "Total amount refunded for this payment.")
    refund_pending_amount = _zero("Total amount of ongoing refund requests for the transaction.")
    canceled_amount = _amount("canceled_value", "Total amount canceled for this payment.")
    cancel_pending_amount = _zero("Total amount of ongoing cancel requests for the transaction.")
    charged_amount = _amount("charged_value", "Total amount charged for this payment.")
    charge_pending_amount = _amount("charge_pending_value", "Total amount of ongoing charge requests.")
    name = graphene.String(required=True, description="Name of the transaction.")
    message = graphene.String(required=True, description="Message related to the transaction.")
    psp_reference = graphene.String(required=True, description="PSP reference of transaction.")
    order = graphene.Field("storefront_api.orders.types.Order", description="The related order.")
    checkout = graphene.Field("storefront_api.checkout.types.Checkout", description="The related checkout.")
    events = graphene.List(
        graphene.NonNull(TransactionEvent), required=True, description="List of all transaction's events."
    )
    external_url = graphene.String(required=True)

    class Meta:
        model = TransactionItemModel
        fields = ("id",)
        description = "Represents a payment transaction."

    @staticmethod
    def resolve_id(root: TransactionItemModel, info):
        return str(root.token)

    @staticmethod
    def resolve_actions(root: TransactionItemModel, info):
        return [a for a in root.available_actions if a in ("CHARGE", "REFUND", "CANCEL")]

    @staticmethod
    def resolve_order(root: TransactionItemModel, info):
        return order_context(root.order) if root.order_id else None  # type: ignore[arg-type]

    @staticmethod
    def resolve_checkout(root: TransactionItemModel, info):
        return checkout_for(root.checkout_id, actor=principal(info)) if root.checkout_id else None

    @staticmethod
    def resolve_events(root: TransactionItemModel, info):
        return TransactionEventsByTransactionIdLoader(info.context).load(root.pk)


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True, description="The app identifier.")
    data = graphene.Field(JSON, description="The JSON data required to initialize the payment gateway.")
    errors = graphene.List(graphene.NonNull(PaymentGatewayConfigError))


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(
        required=True, description="The identifier of the payment gateway app to initialize."
    )
    data = graphene.Field(JSON, description="The data that will be passed to the payment gateway.")
