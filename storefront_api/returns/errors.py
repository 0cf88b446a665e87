from marketplace.payments.error_codes import RefundErrorCode
from marketplace.returns.error_codes import ReturnErrorCode
from storefront_api.core.mutations import error_type

OrderReturnError = error_type("OrderReturnError", ReturnErrorCode)
OrderGrantRefundCreateError = error_type("OrderGrantRefundCreateError", RefundErrorCode)
OrderGrantRefundUpdateError = error_type("OrderGrantRefundUpdateError", RefundErrorCode)
TransactionRequestActionError = error_type("TransactionRequestActionError", RefundErrorCode)
TransactionRequestRefundForGrantedRefundError = error_type(
    "TransactionRequestRefundForGrantedRefundError", RefundErrorCode
)
