"""Refunds, with Saleor's names: ``orderGrantRefundCreate``/``orderGrantRefundUpdate`` grant,
``transactionRequestRefundForGrantedRefund`` requests (or retries) a granted refund,
``transactionRequestAction(REFUND)`` and ``orderRefund`` refund at once; ours,
``orderGrantedRefundConfirmTransfer``, records a cash-on-delivery refund's transfer."""

import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.orders.models import Order as OrderModel
from marketplace.orders.models import OrderGrantedRefund as GrantedRefundModel
from marketplace.orders.selectors import granted_refund_by_id, order_by_id
from marketplace.payments import refunds
from marketplace.payments.models import TransactionItem as TransactionItemModel
from marketplace.payments.selectors import transaction_by_id, transaction_by_token
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.orders.errors import OrderError
from storefront_api.orders.types import Order, order_context
from storefront_api.payments.types import TransactionActionEnum, TransactionItem
from storefront_api.returns.errors import (
    OrderGrantRefundCreateError,
    OrderGrantRefundUpdateError,
    OrderReturnError,
    TransactionRequestActionError,
    TransactionRequestRefundForGrantedRefundError,
)
from storefront_api.returns.inputs import OrderGrantRefundCreateInput, OrderGrantRefundUpdateInput
from storefront_api.returns.types import OrderGrantedRefund

MAX_LINES = 100


def _missing(field: str, what: str) -> ValidationError:
    return ValidationError({field: ValidationError(f"Couldn't find that {what}.", code="NOT_FOUND")})


class RefundMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_order(cls, global_id: str) -> OrderModel:
        order = order_by_id(cls.decode_uuid(global_id, only_type="Order", field="id"))
        if order is None:
            raise _missing("id", "order")
        return order

    @classmethod
    def get_grant(cls, global_id: str, field: str = "id") -> GrantedRefundModel:
        pk = cls.decode_id(global_id, only_type="OrderGrantedRefund", field=field)
        grant = granted_refund_by_id(pk)
        if grant is None:
            raise _missing(field, "granted refund")
        return grant

    @classmethod
    def get_transaction(cls, global_id: str | None, token=None, field: str = "id") -> TransactionItemModel:  # type: ignore[no-untyped-def]
        if token is None:
            token = cls.decode_uuid(global_id, only_type="TransactionItem", field=field)
        item = transaction_by_token(token)
        if item is None:
            raise _missing(field, "transaction")
        return item


class OrderGrantRefundCreate(RefundMutation):
    order = graphene.Field(Order)
    granted_refund = graphene.Field(OrderGrantedRefund)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order.")
        input = OrderGrantRefundCreateInput(required=True)

    class Meta:
        description = (
            "Adds granted refund to the order: held at once (granted refunds stay within what was "
            "charged); request it with transactionRequestRefundForGrantedRefund."
        )
        permissions = (PermissionEnum.MANAGE_ORDERS,)
        error_type_class = OrderGrantRefundCreateError

    @classmethod
    def perform_mutation(cls, root, info, id, input):  # type: ignore[no-untyped-def]
        order = cls.get_order(id)
        lines = input.get("lines") or []
        if len(lines) > MAX_LINES:
            raise ValidationError({"lines": ValidationError(f"At most {MAX_LINES} lines.", code="INVALID")})
        transaction_id = None
        if input.get("transaction_id"):
            transaction_id = cls.get_transaction(input["transaction_id"], field="transactionId").pk
        grant = refunds.order_grant_refund_create(
            actor=principal(info),
            order=order,
            amount=input.get("amount"),
            lines=[
                (cls.decode_uuid(line["id"], only_type="OrderLine", field="lines"), line["quantity"])
                for line in lines
            ],
            include_shipping=bool(input.get("grant_refund_for_shipping")),
            reason=input.get("reason") or "",
            transaction_id=transaction_id,
        )
        order = order_by_id(order.pk) or order
        return cls.success(order=order_context(order), granted_refund=grant)


class OrderGrantRefundUpdate(RefundMutation):
    order = graphene.Field(Order)
    granted_refund = graphene.Field(OrderGrantedRefund)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the granted refund.")
        input = OrderGrantRefundUpdateInput(required=True)

    class Meta:
        description = "Updates a granted refund not requested yet (or failed)."
        permissions = (PermissionEnum.MANAGE_ORDERS,)
        error_type_class = OrderGrantRefundUpdateError

    @classmethod
    def perform_mutation(cls, root, info, id, input):  # type: ignore[no-untyped-def]
        grant = refunds.order_grant_refund_update(
            actor=principal(info),
            granted_refund=cls.get_grant(id),
            amount=input.get("amount"),
            reason=input.get("reason"),
        )
        order = order_by_id(grant.order_id)
        assert order is not None  # a granted refund's order is never deleted
        return cls.success(order=order_context(order), granted_refund=grant)


class TransactionRequestRefundForGrantedRefund(RefundMutation):
    transaction = graphene.Field(TransactionItem)
    granted_refund = graphene.Field(OrderGrantedRefund)

    class Arguments:
        granted_refund_id = graphene.ID(required=True, description="The ID of the granted refund.")

    class Meta:
        description = (
            "Request (or retry) a granted refund through what paid for it: VNPay's refund API, the shop's "
            "transfer for cash on delivery. A refund already answered is not sent again."
        )
        permissions = (PermissionEnum.MANAGE_ORDERS,)
        error_type_class = TransactionRequestRefundForGrantedRefundError

    @classmethod
    def perform_mutation(cls, root, info, granted_refund_id):  # type: ignore[no-untyped-def]
        grant = refunds.request_granted_refund(
            actor=principal(info), granted_refund=cls.get_grant(granted_refund_id, field="grantedRefundId")
        )
        item = transaction_by_id(grant.transaction_id) if grant.transaction_id else None
        return cls.success(transaction=item, granted_refund=grant)


class TransactionRequestAction(RefundMutation):
    transaction = graphene.Field(TransactionItem)

    class Arguments:
        id = graphene.ID(description="The ID of the transaction. One of field id or token is required.")
        token = graphene.UUID(
            description="The token of the transaction. One of field id or token is required."
        )
        action_type = TransactionActionEnum(required=True, description="Determines the action type.")
        amount = PositiveDecimal(
            description="Transaction request amount. If empty, all that can be refunded."
        )
        refund_reason = graphene.String(description="Reason of the refund.")

    class Meta:
        description = (
            "Request an action on an order's transaction: REFUND (CHARGE and CANCEL are not offered)."
        )
        permissions = (PermissionEnum.MANAGE_ORDERS,)
        error_type_class = TransactionRequestActionError

    @classmethod
    def perform_mutation(cls, root, info, action_type, id=None, token=None, amount=None, refund_reason=None):  # type: ignore[no-untyped-def]
        if (id is None) == (token is None):
            raise ValidationError({"id": ValidationError("Give either id or token.", code="GRAPHQL_ERROR")})
        if getattr(action_type, "value", action_type) != "REFUND":
            raise ValidationError(
                {"actionType": ValidationError("Only REFUND can be requested here.", code="INVALID")}
            )
        item = cls.get_transaction(id, token)
        refunds.transaction_request_refund(actor=principal(info), transaction_item=item, amount=amount)
        item = transaction_by_token(item.token) or item
        return cls.success(transaction=item)


class OrderRefund(RefundMutation):
    order = graphene.Field(Order)
    granted_refund = graphene.Field(OrderGrantedRefund)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to refund.")
        amount = PositiveDecimal(required=True, description="Amount of money to refund.")

    class Meta:
        description = "Refund an amount of an order at once, through what paid for it."
        permissions = (PermissionEnum.MANAGE_ORDERS,)
        error_type_class = OrderError

    @classmethod
    def perform_mutation(cls, root, info, id, amount):  # type: ignore[no-untyped-def]
        order = cls.get_order(id)
        grant = refunds.order_refund(actor=principal(info), order=order, amount=amount)
        order = order_by_id(order.pk) or order
        return cls.success(order=order_context(order), granted_refund=grant)


class OrderGrantedRefundConfirmTransfer(RefundMutation):
    granted_refund = graphene.Field(OrderGrantedRefund)

    class Arguments:
        id = graphene.ID(required=True, description="The pending cash-on-delivery granted refund.")
        transfer_reference = graphene.String(
            required=True, description="The reference of the transfer to the buyer."
        )

    class Meta:
        description = (
            "A cash-on-delivery refund: the shop transferred the money back to the buyer.\n\nRequires a "
            "member of the refunded part's shop or staff with MANAGE_ORDERS (staff only for a refund of"
            " no shop)."
        )
        auth_required = True
        error_type_class = OrderReturnError

    @classmethod
    def perform_mutation(cls, root, info, id, transfer_reference):  # type: ignore[no-untyped-def]
        grant = cls.get_grant(id)
        done = refunds.confirm_transfer(
            actor=principal(info), granted_refund=grant, reference=transfer_reference
        )
        return cls.success(granted_refund=done)
