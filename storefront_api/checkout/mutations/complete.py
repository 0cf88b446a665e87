import graphene

from marketplace.checkout import complete
from storefront_api.checkout.mutations.base import CheckoutMutation
from storefront_api.checkout.mutations.lines import CHECKOUT_ID
from storefront_api.checkout.types import CheckoutError
from storefront_api.core.permissions import principal
from storefront_api.orders.types import Order, order_context, reveal_order


class CheckoutComplete(CheckoutMutation):
    order = graphene.Field(Order, description="Placed order.")
    confirmation_needed = graphene.Boolean(
        required=True, description="True when the buyer must confirm the payment (VNPay: go to redirectUrl)."
    )
    confirmation_data = graphene.JSONString(
        description="For VNPay: {gateway, redirectUrl, txnRef, expiresAt}; the order waits for VNPay's IPN."
    )

    class Arguments:
        id = CHECKOUT_ID

    class Meta:
        description = (
            "Place the order: one order for the buyer, one part per artisan shop, stock allocated, "
            "the checkout deleted, in one transaction. Calling it again returns the same order to "
            "whoever the first call would have served (a customer's order to that customer only), "
            "shown as to any other reader: the email masked and no addresses or payments unless "
            "the caller is the buyer or has MANAGE_ORDERS."
        )
        public = True
        error_type_class = CheckoutError

    @staticmethod
    def resolve_confirmation_needed(root, info):
        return bool(root.confirmation_needed)  # also false on a payload of errors

    @classmethod
    def perform_mutation(cls, root, info, id):
        token = cls.decode_uuid(id, only_type="Checkout", field="id")
        result = complete.checkout_complete(token=token, actor=principal(info))
        if result.placed:  # a repeat shows the order as any other read does (Saleor's rule)
            reveal_order(info, result.order)
        return cls.success(
            order=order_context(result.order),
            confirmation_needed=result.confirmation_needed,
            confirmation_data=result.confirmation_data,
        )
