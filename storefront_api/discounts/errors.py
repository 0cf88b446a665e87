from marketplace.discounts.error_codes import DiscountErrorCode
from storefront_api.core.mutations import error_type

DiscountError = error_type("DiscountError", DiscountErrorCode)
