import graphene

from storefront_api.returns.mutations.refunds import (
    OrderGrantedRefundConfirmTransfer,
    OrderGrantRefundCreate,
    OrderGrantRefundUpdate,
    OrderRefund,
    TransactionRequestAction,
    TransactionRequestRefundForGrantedRefund,
)
from storefront_api.returns.mutations.returns import (
    OrderFulfillmentReturnProducts,
    OrderReturnAccept,
    OrderReturnReceive,
    OrderReturnRefuse,
    OrderReturnRequest,
)


class ReturnMutations(graphene.ObjectType):
    order_return_request = OrderReturnRequest.Field()
    order_return_accept = OrderReturnAccept.Field()
    order_return_refuse = OrderReturnRefuse.Field()
    order_return_receive = OrderReturnReceive.Field()
    order_fulfillment_return_products = OrderFulfillmentReturnProducts.Field()
    order_grant_refund_create = OrderGrantRefundCreate.Field()
    order_grant_refund_update = OrderGrantRefundUpdate.Field()
    order_granted_refund_confirm_transfer = OrderGrantedRefundConfirmTransfer.Field()
    order_refund = OrderRefund.Field()
    transaction_request_action = TransactionRequestAction.Field()
    transaction_request_refund_for_granted_refund = TransactionRequestRefundForGrantedRefund.Field()
