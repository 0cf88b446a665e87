"""Returns (ours: ``OrderReturn``) and granted refunds (Saleor's ``OrderGrantedRefund``).

Read through the order: its buyer, the shop of the part concerned (its own only) and staff
with MANAGE_ORDERS; anyone else holding the order's ID sees none.
"""

import graphene

from marketplace.core.storage import private_url
from marketplace.orders.models import GrantedRefundStatus
from marketplace.orders.models import OrderGrantedRefund as GrantedRefundModel
from marketplace.orders.models import OrderGrantedRefundLine as GrantedRefundLineModel
from marketplace.returns.models import ReturnLine as ReturnLineModel
from marketplace.returns.models import ReturnPhoto as ReturnPhotoModel
from marketplace.returns.models import ReturnRequest as ReturnRequestModel
from marketplace.returns.models import ReturnStatus
from storefront_api.catalog.types.pricing import money_field
from storefront_api.core.dataloaders import then
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.types import connection_for
from storefront_api.orders.dataloaders import (
    FulfillmentsByOrderIdLoader,
    OrderLineByIdLoader,
    VendorOrderByIdLoader,
)
from storefront_api.payments.dataloaders import TransactionItemsByOrderIdLoader
from storefront_api.returns.dataloaders import (
    GrantedRefundByIdLoader,
    GrantedRefundLinesByGrantedRefundIdLoader,
    ReturnLinesByReturnRequestIdLoader,
    ReturnPhotosByReturnRequestIdLoader,
)

PHOTO_URL_SECONDS = 300

OrderGrantedRefundStatusEnum = graphene.Enum(
    "OrderGrantedRefundStatusEnum", [(s, s) for s in GrantedRefundStatus.values]
)
OrderReturnStatusEnum = graphene.Enum("OrderReturnStatusEnum", [(s, s) for s in ReturnStatus.values])


class OrderGrantedRefundLine(ModelObjectType):
    quantity = graphene.Int(required=True, description="Number of items to refund.")
    order_line = graphene.Field("storefront_api.orders.types.OrderLine", required=True)
    reason = graphene.String(description="Reason for refunding the line.")

    class Meta:
        model = GrantedRefundLineModel
        fields = ("id",)
        description = "Represents granted refund line."

    @staticmethod
    def resolve_order_line(root: GrantedRefundLineModel, info):  # type: ignore[no-untyped-def]
        return OrderLineByIdLoader(info.context).load(root.order_line_id)


class OrderGrantedRefund(ModelObjectType):
    created_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    amount = money_field("amount_value", required=True, description="Refund amount.")
    reason = graphene.String(description="Reason of the refund.")
    shipping_costs_included = graphene.Boolean(
        required=True, description="If true, the refunded amount includes the shipping price."
    )
    lines = graphene.List(
        graphene.NonNull(OrderGrantedRefundLine), description="Lines assigned to the granted refund."
    )
    status = graphene.Field(
        OrderGrantedRefundStatusEnum,
        required=True,
        description="NONE: granted, not requested; PENDING: sent to the provider or awaiting the shop's "
        "transfer; SUCCESS; FAILURE.",
    )
    transaction = graphene.Field("storefront_api.payments.types.TransactionItem")
    transfer_reference = graphene.String(
        description="A cash-on-delivery refund: the reference of the shop's transfer to the buyer."
    )
    refunded_at = graphene.DateTime(description="When the money went back.")

    class Meta:
        model = GrantedRefundModel
        fields = ("id",)
        description = "The details of granted refund."

    @staticmethod
    def resolve_reason(root: GrantedRefundModel, info):  # type: ignore[no-untyped-def]
        return root.reason or None

    @staticmethod
    def resolve_status(root: GrantedRefundModel, info):  # type: ignore[no-untyped-def]
        return str(root.status)

    @staticmethod
    def resolve_lines(root: GrantedRefundModel, info):  # type: ignore[no-untyped-def]
        return GrantedRefundLinesByGrantedRefundIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_transfer_reference(root: GrantedRefundModel, info):  # type: ignore[no-untyped-def]
        return root.transfer_reference or None

    @staticmethod
    def resolve_transaction(root: GrantedRefundModel, info):  # type: ignore[no-untyped-def]
        if root.transaction_id is None:
            return None
        return then(
            TransactionItemsByOrderIdLoader(info.context).load(root.order_id),
            lambda items: next((i for i in items if i.pk == root.transaction_id), None),
        )


class OrderReturnLine(ModelObjectType):
    quantity = graphene.Int(required=True)
    order_line = graphene.Field("storefront_api.orders.types.OrderLine", required=True)

    class Meta:
        model = ReturnLineModel
        fields = ("id",)
        description = "A line the buyer sends back, and how many of it."

    @staticmethod
    def resolve_order_line(root: ReturnLineModel, info):  # type: ignore[no-untyped-def]
        return OrderLineByIdLoader(info.context).load(root.order_line_id)


class OrderReturnPhoto(graphene.ObjectType):
    url = graphene.String(required=True, description="A signed link, valid for 5 minutes.")

    class Meta:
        description = "A photo the buyer sent with the return (private; read through a short-lived link)."

    @staticmethod
    def resolve_url(root: ReturnPhotoModel, info):  # type: ignore[no-untyped-def]
        return private_url(root.image, expires=PHOTO_URL_SECONDS)


class OrderReturn(ModelObjectType):
    status = graphene.Field(OrderReturnStatusEnum, required=True)
    reason = graphene.String(required=True, description="The buyer's reason.")
    note = graphene.String(description="The shop's answer (why it refused, how to send the parcel back).")
    lines = graphene.List(graphene.NonNull(OrderReturnLine), required=True)
    photos = graphene.List(graphene.NonNull(OrderReturnPhoto), required=True)
    vendor_order = graphene.Field(
        "storefront_api.orders.types.VendorOrder", required=True, description="The shop's part returned to."
    )
    granted_refund = graphene.Field(OrderGrantedRefund, description="The refund of the return, once granted.")
    fulfillment = graphene.Field(
        "storefront_api.orders.types.Fulfillment",
        description="The RETURNED (REFUNDED_AND_RETURNED) or REFUNDED fulfilment of the returned lines.",
    )
    restocked = graphene.Boolean(required=True, description="The shop put the units back on sale.")
    created = graphene.DateTime(required=True)
    decided_at = graphene.DateTime()
    received_at = graphene.DateTime()

    class Meta:
        model = ReturnRequestModel
        fields = ("id",)
        description = "A buyer's request to return delivered items to the shop that sent them."

    @staticmethod
    def resolve_status(root: ReturnRequestModel, info):  # type: ignore[no-untyped-def]
        return str(root.status)

    @staticmethod
    def resolve_note(root: ReturnRequestModel, info):  # type: ignore[no-untyped-def]
        return root.note or None

    @staticmethod
    def resolve_created(root: ReturnRequestModel, info):  # type: ignore[no-untyped-def]
        return root.created_at

    @staticmethod
    def resolve_lines(root: ReturnRequestModel, info):  # type: ignore[no-untyped-def]
        return ReturnLinesByReturnRequestIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_photos(root: ReturnRequestModel, info):  # type: ignore[no-untyped-def]
        return ReturnPhotosByReturnRequestIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_vendor_order(root: ReturnRequestModel, info):  # type: ignore[no-untyped-def]
        return VendorOrderByIdLoader(info.context).load(root.vendor_order_id)

    @staticmethod
    def resolve_granted_refund(root: ReturnRequestModel, info):  # type: ignore[no-untyped-def]
        if root.granted_refund_id is None:
            return None
        return GrantedRefundByIdLoader(info.context).load(root.granted_refund_id)

    @staticmethod
    def resolve_fulfillment(root: ReturnRequestModel, info):  # type: ignore[no-untyped-def]
        if root.fulfillment_id is None:
            return None
        return then(
            FulfillmentsByOrderIdLoader(info.context).load(root.order_id),
            lambda rows: next((f for f in rows if f.pk == root.fulfillment_id), None),
        )


OrderReturnCountableConnection = connection_for(OrderReturn)
