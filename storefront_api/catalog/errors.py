from marketplace.catalog.error_codes import ProductErrorCode
from storefront_api.core.mutations import error_type

ProductError = error_type("ProductError", ProductErrorCode)
