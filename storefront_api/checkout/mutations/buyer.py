import graphene
from django.core.exceptions import PermissionDenied

from marketplace.checkout import services
from storefront_api.account.inputs import AddressInput, address_data
from storefront_api.checkout.inputs import CheckoutAddressValidationRules, address_rules
from storefront_api.checkout.mutations.base import CheckoutMutation
from storefront_api.checkout.mutations.lines import CHECKOUT_ID
from storefront_api.checkout.types import Checkout, CheckoutError
from storefront_api.core.permissions import principal

SAVE_ADDRESS = graphene.Boolean(
    default_value=True,
    description=(
        "Whether the address is saved to the customer's address book when the order is placed "
        "(the default; never a pickup point)."
    ),
)


class CheckoutEmailUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = CHECKOUT_ID
        email = graphene.String(required=True, description="The customer's email.")

    class Meta:
        description = "Updates the email of the checkout (where the order confirmation goes)."
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, email):
        checkout = cls.get_checkout(info, id)
        return cls.success(checkout=services.email_update(checkout=checkout, email=email))


class _AddressUpdate(CheckoutMutation):
    address_type = ""

    class Meta:
        abstract = True

    @classmethod
    def errors_from(cls, error):
        errors = super().errors_from(error)
        for item in errors:
            item.address_type = cls.address_type
        return errors


class CheckoutShippingAddressUpdate(_AddressUpdate):
    checkout = graphene.Field(Checkout)
    address_type = "SHIPPING"

    class Arguments:
        id = CHECKOUT_ID
        shipping_address = AddressInput(required=True, description="The mailing address where to ship.")
        save_address = SAVE_ADDRESS
        validation_rules = CheckoutAddressValidationRules(
            description="The rules for changing validation for received shipping address data."
        )

    class Meta:
        description = (
            "Update the shipping address (Vietnam only: 2025 provinces and communes). A chosen shipping "
            "method of another zone is cleared."
        )
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, shipping_address, save_address=True, validation_rules=None):
        checkout = cls.get_checkout(info, id)
        return cls.success(
            checkout=services.shipping_address_update(
                checkout=checkout,
                data=address_data(shipping_address),
                save_address=save_address is not False,
                rules=address_rules(validation_rules),
            )
        )


class CheckoutBillingAddressUpdate(_AddressUpdate):
    checkout = graphene.Field(Checkout)
    address_type = "BILLING"

    class Arguments:
        id = CHECKOUT_ID
        billing_address = AddressInput(required=True, description="The billing address of the checkout.")
        save_address = SAVE_ADDRESS
        validation_rules = CheckoutAddressValidationRules(
            description="The rules for changing validation for received billing address data."
        )

    class Meta:
        description = "Update the billing address (required to complete the checkout)."
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, billing_address, save_address=True, validation_rules=None):
        checkout = cls.get_checkout(info, id)
        return cls.success(
            checkout=services.billing_address_update(
                checkout=checkout,
                data=address_data(billing_address),
                save_address=save_address is not False,
                rules=address_rules(validation_rules),
            )
        )


class CheckoutCustomerAttach(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = CHECKOUT_ID

    class Meta:
        description = (
            "Attach the signed-in customer to a guest checkout: from then on only that customer can use it."
        )
        auth_required = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id):
        checkout = cls.get_checkout(info, id)
        return cls.success(checkout=services.customer_attach(actor=principal(info), checkout=checkout))


class CheckoutCustomerDetach(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = CHECKOUT_ID

    class Meta:
        description = "Detach the signed-in customer from their checkout (it becomes a guest checkout)."
        auth_required = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id):
        checkout = cls.get_checkout(info, id)
        if checkout.user_id is None:
            raise PermissionDenied("The checkout has no customer to detach.")
        return cls.success(checkout=services.customer_detach(checkout=checkout))
