import graphene

from marketplace.checkout import services
from marketplace.core.clients import client_of
from storefront_api.account.inputs import address_data
from storefront_api.catalog.types.translations import language_value
from storefront_api.channels.resolvers import channel_or_error
from storefront_api.checkout.inputs import CheckoutCreateInput
from storefront_api.checkout.mutations.base import CheckoutMutation
from storefront_api.checkout.types import Checkout, CheckoutError
from storefront_api.core.permissions import principal


class CheckoutCreate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        input = CheckoutCreateInput(required=True, description="Fields required to create checkout.")

    class Meta:
        description = (
            "Create a new checkout (a guest's, or the signed-in customer's). Its ID is the buyer's "
            "capability. Once it has an email and a shipping address or delivery method, it holds "
            "its lines' stock (within per-checkout and per-client caps) for CHECKOUT_RESERVATION_MINUTES. "
            "Throttled per client: CHECKOUT_CREATION_DELAYED."
        )
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, input):
        channel = channel_or_error(info, input.get("channel"))
        checkout = services.checkout_create(
            actor=principal(info),
            channel=channel,
            lines=cls.line_inputs(input.get("lines") or []),
            email=input.get("email"),
            language_code=language_value(input.get("language_code") or "vi"),
            shipping_address=address_data(input["shipping_address"])
            if input.get("shipping_address")
            else None,
            billing_address=address_data(input["billing_address"]) if input.get("billing_address") else None,
            client_ip=client_of(info.context.META).limited_ip,
        )
        return cls.success(checkout=checkout)
