from marketplace.shipping.error_codes import ShippingErrorCode
from storefront_api.core.mutations import error_type

ShippingError = error_type("ShippingError", ShippingErrorCode)
