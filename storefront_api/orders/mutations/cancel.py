import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.orders import services
from marketplace.orders.selectors import order_by_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.orders.errors import OrderError
from storefront_api.orders.types import Order, order_context


class OrderCancel(BaseMutation):
    order = graphene.Field(Order)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to cancel.")

    class Meta:
        description = "Cancel an order nothing of which has been fulfilled; its stock returns to the shops."
        permissions = (PermissionEnum.MANAGE_ORDERS,)
        error_type_class = OrderError

    @classmethod
    def perform_mutation(cls, root, info, id):
        order = order_by_id(cls.decode_uuid(id, only_type="Order", field="id"))
        if order is None:
            raise ValidationError({"id": ValidationError("Couldn't find that order.", code="NOT_FOUND")})
        return cls.success(order=order_context(services.order_cancel(actor=principal(info), order=order)))
