from marketplace.orders.error_codes import OrderErrorCode
from storefront_api.core.mutations import error_type

OrderError = error_type("OrderError", OrderErrorCode)
