import graphene

from marketplace.checkout.fetch import fetch_checkout_info
from marketplace.core.clients import client_of
from marketplace.payments import services
from storefront_api.checkout.inputs import PaymentInput
from storefront_api.checkout.mutations.base import CheckoutMutation
from storefront_api.checkout.mutations.lines import CHECKOUT_ID
from storefront_api.checkout.types import Checkout
from storefront_api.payments.types import Payment, PaymentError


class CheckoutPaymentCreate(CheckoutMutation):
    checkout = graphene.Field(Checkout)
    payment = graphene.Field(Payment)

    class Arguments:
        id = CHECKOUT_ID
        input = PaymentInput(required=True, description="Data required to create a new payment.")

    class Meta:
        description = (
            "Create a payment for the checkout's total: vn.cod (cash on delivery), vn.vnpay (when "
            "configured) or the dummy gateway (demo and tests). The amount, when given, must equal the total."
        )
        public = True
        error_type_class = PaymentError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        checkout = cls.get_checkout(info, id)
        payment = services.checkout_payment_create(
            info=fetch_checkout_info(checkout),
            gateway=input["gateway"],
            amount=input.get("amount"),
            token=input.get("token") or "",
            ip_address=client_of(info.context.META).ip,
        )
        return cls.success(checkout=checkout, payment=payment)
