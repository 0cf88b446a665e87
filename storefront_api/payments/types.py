import graphene

from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.gateways import Gateway
from marketplace.payments.models import ChargeStatus
from marketplace.payments.models import Payment as PaymentModel
from storefront_api.catalog.types.pricing import money_field
from storefront_api.core.mutations import error_type
from storefront_api.core.object_types import ModelObjectType

PaymentChargeStatusEnum = graphene.Enum("PaymentChargeStatusEnum", [(c, c) for c in ChargeStatus.values])

PaymentError = error_type("PaymentError", PaymentErrorCode)


class PaymentGateway(graphene.ObjectType):
    id = graphene.ID(required=True, description="Payment gateway ID.")
    name = graphene.String(required=True, description="Payment gateway name.")
    currencies = graphene.List(graphene.NonNull(graphene.String), required=True)

    class Meta:
        description = "Available payment gateway backend with configuration necessary to setup client."

    @staticmethod
    def of(gateway: Gateway) -> "PaymentGateway":
        return PaymentGateway(id=gateway.id, name=gateway.name, currencies=list(gateway.currencies))


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
    def resolve_charge_status(root: PaymentModel, info):  # type: ignore[no-untyped-def]
        return str(root.charge_status)

    @staticmethod
    def resolve_created(root: PaymentModel, info):  # type: ignore[no-untyped-def]
        return root.created_at

    @staticmethod
    def resolve_modified(root: PaymentModel, info):  # type: ignore[no-untyped-def]
        return root.modified_at
