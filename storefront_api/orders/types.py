import graphene

from marketplace.orders.models import Order as OrderModel
from storefront_api.catalog.types.pricing import taxed_money
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.types import CountableConnection, TaxedMoney, connection_for


class OrderStatus(graphene.Enum):
    UNCONFIRMED = "UNCONFIRMED"
    UNFULFILLED = "UNFULFILLED"
    PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED"
    FULFILLED = "FULFILLED"
    CANCELED = "CANCELED"


class Order(ModelObjectType):
    number = graphene.String(required=True, description="The order number.")
    status = graphene.Field(OrderStatus, required=True)
    created = graphene.DateTime(required=True)
    user_email = graphene.String()
    total = graphene.Field(TaxedMoney, required=True, description="Total amount of the order.")

    class Meta:
        model = OrderModel
        fields = ("id",)
        description = "Represents an order in the shop."

    @staticmethod
    def resolve_number(root: OrderModel, info):  # type: ignore[no-untyped-def]
        return str(root.number)

    @staticmethod
    def resolve_status(root: OrderModel, info):  # type: ignore[no-untyped-def]
        return str(root.status)

    @staticmethod
    def resolve_created(root: OrderModel, info):  # type: ignore[no-untyped-def]
        return root.created_at

    @staticmethod
    def resolve_user_email(root: OrderModel, info):  # type: ignore[no-untyped-def]
        return root.user_email or None

    @staticmethod
    def resolve_total(root: OrderModel, info):  # type: ignore[no-untyped-def]
        return taxed_money(root.total_gross_amount, root.currency)


OrderCountableConnection: type[CountableConnection] = connection_for(Order)
