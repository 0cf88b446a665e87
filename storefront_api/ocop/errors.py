from storefront_api.core.mutations import error_type
from vendors.ocop.error_codes import OcopErrorCode

OcopError = error_type("OcopError", OcopErrorCode)
