import graphene

from storefront_api.core.scalars import PositiveDecimal


class OrderReturnLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(required=True, description="The ID of the order line to return.")
    quantity = graphene.Int(required=True, description="The number of items to return.")


class OrderReturnRequestInput(graphene.InputObjectType):
    lines = graphene.List(
        graphene.NonNull(OrderReturnLineInput),
        required=True,
        description="Delivered lines of one shop's parcel.",
    )
    reason = graphene.String(required=True, description="Why (plain text, at most 2,000 characters).")


class OrderReturnProductsInput(graphene.InputObjectType):
    order_lines = graphene.List(
        graphene.NonNull(OrderReturnLineInput), description="List of lines to return."
    )
    amount_to_refund = PositiveDecimal(description="Amount to refund (by default the lines' value).")
    include_shipping_costs = graphene.Boolean(
        default_value=False, description="Refund the parcel's shipping."
    )
    refund = graphene.Boolean(default_value=False, description="Refund the returned lines.")
    reason = graphene.String(description="Reason for returning this order.")


class OrderGrantRefundCreateLineInput(graphene.InputObjectType):
    id = graphene.ID(required=True, description="The ID of the order line.")
    quantity = graphene.Int(required=True, description="The quantity of line items to be marked to refund.")
    reason = graphene.String(description="Reason of the granted refund for the line.")


class OrderGrantRefundCreateInput(graphene.InputObjectType):
    amount = graphene.Decimal(description="Amount of the granted refund (by default the lines' value).")
    reason = graphene.String(description="Reason of the granted refund.")
    lines = graphene.List(
        graphene.NonNull(OrderGrantRefundCreateLineInput), description="Lines to assign to granted refund."
    )
    grant_refund_for_shipping = graphene.Boolean(
        description="Determine if granted refund should include shipping costs."
    )
    transaction_id = graphene.ID(
        description="The transaction the money goes back through (by default the one that charged most)."
    )


class OrderGrantRefundUpdateInput(graphene.InputObjectType):
    amount = graphene.Decimal(description="Amount of the granted refund.")
    reason = graphene.String(description="Reason of the granted refund.")
