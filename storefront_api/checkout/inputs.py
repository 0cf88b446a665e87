import graphene

from marketplace.checkout.services import AddressRules
from storefront_api.account.inputs import AddressInput
from storefront_api.core.enums import LanguageCodeEnum


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    variant_id = graphene.ID(required=True, description="ID of the product variant.")


class CheckoutLineUpdateInput(graphene.InputObjectType):
    line_id = graphene.ID(description="ID of the checkout line.")
    variant_id = graphene.ID(description="ID of the product variant (when the line ID is not known).")
    quantity = graphene.Int(description="The number of items purchased; 0 removes the line.")


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String(description="Slug of a channel in which to create a checkout.")
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)
    email = graphene.String(description="The customer's email address.")
    shipping_address = AddressInput(description="The mailing address to where the checkout will be shipped.")
    billing_address = AddressInput(description="Billing address of the customer.")
    language_code = graphene.Argument(LanguageCodeEnum, description="Checkout language code.")


class PaymentInput(graphene.InputObjectType):
    gateway = graphene.String(required=True, description="A gateway to use with that payment.")
    token = graphene.String(description="Client-side generated payment token (dummy gateway: 'declined').")
    amount = graphene.Field(
        "storefront_api.core.scalars.PositiveDecimal",
        description="Total amount of the transaction; must equal the checkout's total (defaults to it).",
    )
    return_url = graphene.String(description="Unused: VNPay returns to VNPAY_RETURN_URL.")


class CheckoutAddressValidationRules(graphene.InputObjectType):
    check_required_fields = graphene.Boolean(
        default_value=True,
        description="Raise an error when the address lacks a required field (see addressValidationRules).",
    )
    check_fields_format = graphene.Boolean(
        default_value=True,
        description="Raise an error when a field does not match the expected format (an unknown province "
        "or commune, a postal code that is not 5 digits, a malformed phone).",
    )
    enable_fields_normalization = graphene.Boolean(
        default_value=True,
        description="Store the official spellings (province, commune) and the phone in E.164.",
    )

    class Meta:
        description = (
            "Saleor's address validation rules. Whatever they let through is validated in full (and "
            "normalised) when the order is placed."
        )


def address_rules(rules: dict | None) -> AddressRules:
    rules = rules or {}
    return AddressRules(
        check_required=rules.get("check_required_fields", True) is not False,
        check_format=rules.get("check_fields_format", True) is not False,
        normalize=rules.get("enable_fields_normalization", True) is not False,
    )
