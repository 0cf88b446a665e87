"""Saleor's promo-code mutations: the codes are vouchers' (``marketplace.checkout.promotions``);
the marketplace sells no gift cards, so a gift card code is an unknown code."""

import graphene
from django.core.exceptions import ValidationError
from graphql_relay import from_global_id

from marketplace.checkout import promotions
from storefront_api.checkout.mutations.base import CheckoutMutation
from storefront_api.checkout.types import Checkout, CheckoutError
from storefront_api.core.permissions import principal

CHECKOUT_ID_DEPRECATED = graphene.ID(
    description="The ID of the checkout.", deprecation_reason="Use `id` instead."
)


class CheckoutAddPromoCode(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        checkout_id = CHECKOUT_ID_DEPRECATED
        id = graphene.ID(description="The checkout's ID.")
        promo_code = graphene.String(required=True, description="Gift card code or voucher code.")

    class Meta:
        description = (
            "Adds a voucher to a checkout: one code per checkout (remove the applied one first). "
            "An unknown, expired, not yet started or used-up code is INVALID; a code that does not "
            "fit the checkout (minimum spend, the shop's products, once per buyer) is VOUCHER_NOT_APPLICABLE."
        )
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, promo_code, id=None, checkout_id=None):
        checkout = cls.get_checkout_by(info, id=id, checkout_id=checkout_id)
        return cls.success(
            checkout=promotions.add_promo_code(checkout=checkout, code=promo_code, actor=principal(info))
        )


class CheckoutRemovePromoCode(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        checkout_id = CHECKOUT_ID_DEPRECATED
        id = graphene.ID(description="The checkout's ID.")
        promo_code = graphene.String(description="Gift card code or voucher code.")
        promo_code_id = graphene.ID(description="Gift card or voucher ID.")

    class Meta:
        description = "Remove a gift card or a voucher from a checkout."
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id=None, checkout_id=None, promo_code=None, promo_code_id=None):
        if promo_code and promo_code_id:
            raise ValidationError(
                "Argument 'promo_code' cannot be combined with 'promo_code_id'", code="GRAPHQL_ERROR"
            )
        if not (promo_code or promo_code_id):
            raise ValidationError(
                "At least one of arguments is required: 'promo_code', 'promo_code_id'.", code="GRAPHQL_ERROR"
            )
        checkout = cls.get_checkout_by(info, id=id, checkout_id=checkout_id)
        if promo_code:
            return cls.success(checkout=promotions.remove_promo_code(checkout=checkout, code=promo_code))
        try:
            kind = from_global_id(promo_code_id)[0]
        except Exception:
            kind = None
        if kind is None:
            message = f"Couldn't resolve id: {str(promo_code_id)[:100]}."
            raise ValidationError({"promoCodeId": ValidationError(message, code="GRAPHQL_ERROR")})
        if kind not in ("Voucher", "GiftCard"):
            message = "Must receive Voucher or GiftCard id."
            raise ValidationError({"promoCodeId": ValidationError(message, code="NOT_FOUND")})
        if kind == "GiftCard":
            return cls.success(checkout=checkout)  # none is ever applied: nothing to remove (Saleor)
        voucher_id = cls.decode_id(promo_code_id, only_type="Voucher", field="promo_code_id")
        return cls.success(checkout=promotions.remove_voucher(checkout=checkout, voucher_id=voucher_id))
