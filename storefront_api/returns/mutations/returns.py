"""The returns workflow: the buyer asks (``orderReturnRequest``), the shop accepts, refuses or
receives the goods back (``orderReturnAccept``, ``orderReturnRefuse``, ``orderReturnReceive``),
and staff record a return Saleor's way (``orderFulfillmentReturnProducts``)."""

import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.orders.models import Order as OrderModel
from marketplace.orders.selectors import order_by_id
from marketplace.returns import services
from marketplace.returns.models import ReturnRequest as ReturnRequestModel
from marketplace.returns.selectors import return_by_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.core.upload import Upload
from storefront_api.orders.errors import OrderError
from storefront_api.orders.types import Fulfillment, Order, order_context
from storefront_api.returns.errors import OrderReturnError
from storefront_api.returns.inputs import OrderReturnProductsInput, OrderReturnRequestInput
from storefront_api.returns.types import OrderReturn

SHOP = "\n\nRequires a member of the returned part's shop (an ACTIVE shop) or staff with MANAGE_ORDERS."
MAX_LINES = 50


def _not_found(field: str) -> ValidationError:
    return ValidationError({field: ValidationError("Couldn't find that order.", code="NOT_FOUND")})


class ReturnMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_order(cls, global_id: str, field: str = "id") -> OrderModel:
        order = order_by_id(cls.decode_uuid(global_id, only_type="Order", field=field))
        if order is None:
            raise _not_found(field)
        return order

    @classmethod
    def get_return(cls, global_id: str) -> ReturnRequestModel:
        pk = cls.decode_id(global_id, only_type="OrderReturn", field="id")
        found = return_by_id(pk)
        if found is None:
            raise ValidationError({"id": ValidationError("Couldn't find that return.", code="NOT_FOUND")})
        return found

    @classmethod
    def lines(cls, lines: list) -> list:  # type: ignore[type-arg]
        if len(lines or []) > MAX_LINES:
            raise ValidationError({"lines": ValidationError(f"At most {MAX_LINES} lines.", code="INVALID")})
        return [
            (cls.decode_uuid(line["order_line_id"], only_type="OrderLine", field="lines"), line["quantity"])
            for line in lines or []
        ]


class OrderReturnRequest(ReturnMutation):
    order_return = graphene.Field(OrderReturn)
    order = graphene.Field(Order)

    class Arguments:
        id = graphene.ID(required=True, description="The order.")
        input = OrderReturnRequestInput(required=True)
        photos = graphene.List(
            graphene.NonNull(Upload),
            description="Up to 5 photos (JPEG, PNG, WEBP or HEIC; multipart request).",
        )

    class Meta:
        description = (
            "Ask to return delivered lines of one shop's parcel within the return window (RETURN_WINDOW_DAYS "
            "after delivery), with a reason and photos. Requires the order's buyer (signed in)."
        )
        auth_required = True
        error_type_class = OrderReturnError

    @classmethod
    def perform_mutation(cls, root, info, id, input, photos=None):  # type: ignore[no-untyped-def]
        order = cls.get_order(id)
        request = services.order_return_request(
            actor=principal(info),
            order=order,
            lines=cls.lines(input.get("lines")),
            reason=input.get("reason") or "",
            photos=list(photos or []),
        )
        return cls.success(order_return=request, order=order_context(order))


class OrderReturnAccept(ReturnMutation):
    order_return = graphene.Field(OrderReturn)

    class Arguments:
        id = graphene.ID(required=True, description="The return.")
        note = graphene.String(description="A note to the buyer (how to send the parcel back).")
        keep_items = graphene.Boolean(
            default_value=False, description="Refund at once; the buyer keeps the items (KEPT)."
        )

    class Meta:
        description = "Accept a requested return: the goods are to come back, or the buyer keeps them." + SHOP
        auth_required = True
        error_type_class = OrderReturnError

    @classmethod
    def perform_mutation(cls, root, info, id, note=None, keep_items=False):  # type: ignore[no-untyped-def]
        request = services.order_return_accept(
            actor=principal(info),
            return_request=cls.get_return(id),
            note=note or "",
            keep_items=bool(keep_items),
        )
        return cls.success(order_return=request)


class OrderReturnRefuse(ReturnMutation):
    order_return = graphene.Field(OrderReturn)

    class Arguments:
        id = graphene.ID(required=True, description="The return.")
        note = graphene.String(required=True, description="Why (required).")

    class Meta:
        description = "Refuse a requested return, saying why." + SHOP
        auth_required = True
        error_type_class = OrderReturnError

    @classmethod
    def perform_mutation(cls, root, info, id, note):  # type: ignore[no-untyped-def]
        request = services.order_return_refuse(
            actor=principal(info), return_request=cls.get_return(id), note=note
        )
        return cls.success(order_return=request)


class OrderReturnReceive(ReturnMutation):
    order_return = graphene.Field(OrderReturn)

    class Arguments:
        id = graphene.ID(required=True, description="The return.")
        restock = graphene.Boolean(
            required=True, description="The items can be sold again: their units go back to the shop's stock."
        )

    class Meta:
        description = "The returned goods are back: a RETURNED fulfilment, and the refund." + SHOP
        auth_required = True
        error_type_class = OrderReturnError

    @classmethod
    def perform_mutation(cls, root, info, id, restock):  # type: ignore[no-untyped-def]
        request = services.order_return_receive(
            actor=principal(info), return_request=cls.get_return(id), restock=bool(restock)
        )
        return cls.success(order_return=request)


class OrderFulfillmentReturnProducts(ReturnMutation):
    return_fulfillment = graphene.Field(Fulfillment, description="A returned fulfillment.")
    order = graphene.Field(Order, description="Order which fulfillment was returned.")
    order_return = graphene.Field(OrderReturn)

    class Arguments:
        order = graphene.ID(required=True, description="ID of the order to be returned.")
        input = OrderReturnProductsInput(required=True, description="Fields required to return products.")

    class Meta:
        description = "Return products (of one shop's parcel), refunded when `refund` is set."
        permissions = (PermissionEnum.MANAGE_ORDERS,)
        error_type_class = OrderError

    @classmethod
    def perform_mutation(cls, root, info, order, input):  # type: ignore[no-untyped-def]
        found = cls.get_order(order, field="order")
        request = services.order_fulfillment_return_products(
            actor=principal(info),
            order=found,
            lines=cls.lines(input.get("order_lines")),
            refund=bool(input.get("refund")),
            amount=input.get("amount_to_refund"),
            include_shipping=bool(input.get("include_shipping_costs")),
            reason=input.get("reason") or "",
        )
        found = order_by_id(found.pk) or found
        return cls.success(
            return_fulfillment=request.fulfillment, order=order_context(found), order_return=request
        )
