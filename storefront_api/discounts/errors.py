import graphene

from marketplace.discounts.error_codes import DiscountErrorCode
from storefront_api.core.mutations import error_type

# Saleor's shape: its extra fields are there for clients that ask for them (always null here).
DiscountError = error_type(
    "DiscountError",
    DiscountErrorCode,
    products=graphene.List(graphene.NonNull(graphene.ID), description="Always null here."),
    channels=graphene.List(graphene.NonNull(graphene.ID), description="Always null here."),
    voucher_codes=graphene.List(graphene.NonNull(graphene.String), description="Always null here."),
)
