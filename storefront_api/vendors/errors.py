from storefront_api.core.mutations import error_type
from vendors.shops.error_codes import VendorErrorCode

VendorError = error_type("VendorError", VendorErrorCode)
