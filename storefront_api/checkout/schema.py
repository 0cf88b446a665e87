import graphene

from marketplace.checkout.services import checkout_to_read
from storefront_api.checkout.mutations.buyer import (
    CheckoutBillingAddressUpdate,
    CheckoutCustomerAttach,
    CheckoutCustomerDetach,
    CheckoutEmailUpdate,
    CheckoutShippingAddressUpdate,
)
from storefront_api.checkout.mutations.complete import CheckoutComplete
from storefront_api.checkout.mutations.create import CheckoutCreate
from storefront_api.checkout.mutations.delivery import CheckoutDeliveryMethodUpdate, DeliveryOptionsCalculate
from storefront_api.checkout.mutations.lines import (
    CheckoutLineDelete,
    CheckoutLinesAdd,
    CheckoutLinesDelete,
    CheckoutLinesUpdate,
)
from storefront_api.checkout.mutations.payment import CheckoutPaymentCreate
from storefront_api.checkout.mutations.promo import CheckoutAddPromoCode, CheckoutRemovePromoCode
from storefront_api.checkout.types import Checkout
from storefront_api.core.ids import decode_uuid_id


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        id=graphene.ID(description="The checkout's ID (optional in the schema as in Saleor)."),
        description=(
            "Look up a checkout by its ID (the buyer's capability, as in Saleor: a customer's "
            "checkout too, whose `user` only that customer sees; changing it is theirs only). "
            "Null without an ID."
        ),
    )

    @staticmethod
    def resolve_checkout(root, info, id=None):
        if id is None:
            return None
        return checkout_to_read(decode_uuid_id(id, only_type="Checkout"))


class CheckoutMutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_line_delete = CheckoutLineDelete.Field(deprecation_reason="Use `checkoutLinesDelete` instead.")
    checkout_add_promo_code = CheckoutAddPromoCode.Field()
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field()
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_customer_attach = CheckoutCustomerAttach.Field()
    checkout_customer_detach = CheckoutCustomerDetach.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    delivery_options_calculate = DeliveryOptionsCalculate.Field()
    checkout_payment_create = CheckoutPaymentCreate.Field()
    checkout_complete = CheckoutComplete.Field()
