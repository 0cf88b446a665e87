import graphene

from marketplace.returns.selectors import returns_of
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import principal
from storefront_api.core.types import page_args
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
from storefront_api.returns.types import OrderReturnCountableConnection, OrderReturnStatusEnum
from vendors.shops.policies import VendorAction, vendors_for


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


class ReturnQueries(graphene.ObjectType):
    vendor_returns = graphene.Field(
        OrderReturnCountableConnection,
        vendor=graphene.ID(required=True),
        status=OrderReturnStatusEnum(
            description="Only returns in this state (REQUESTED: waiting for the shop)."
        ),
        **page_args(),
        description="A shop's return requests, newest first.\n\nRequires a member of that shop or staff "
        "with MANAGE_ORDERS.",
    )

    @staticmethod
    def resolve_vendor_returns(root, info, vendor, status=None, **args):  # type: ignore[no-untyped-def]
        pk = decode_id(vendor, only_type="Vendor")
        shop = vendors_for(principal(info), VendorAction.VIEW_ORDERS).filter(pk=pk).first()
        if shop is None:
            raise api_error("You cannot read this shop's returns.", "PermissionDenied")
        qs = returns_of(shop)
        if status is not None:
            qs = qs.filter(status=getattr(status, "value", status))
        page = paginate(
            qs, sort=[SortKey("created_at", descending=True)], connection_name="vendorReturns", **args
        )
        return OrderReturnCountableConnection.from_page(page)
