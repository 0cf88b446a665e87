from marketplace.reviews.error_codes import ReviewErrorCode
from storefront_api.core.mutations import error_type

ReviewError = error_type("ReviewError", ReviewErrorCode)
