import graphene


class OrderFulfillStockInput(graphene.InputObjectType):
    quantity = graphene.Int(
        required=True, description="The number of line items to be fulfilled from given warehouse."
    )
    warehouse = graphene.ID(
        description=(
            "ID of the shop's warehouse the items leave from (its allocated units there); "
            "by default, wherever they are allocated (so unlike Saleor it may be omitted)."
        ),
    )


class OrderFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(
        description="The ID of the order line (required; optional in the schema as in Saleor)."
    )
    stocks = graphene.List(
        graphene.NonNull(OrderFulfillStockInput), required=True, description="List of stock items to create."
    )
