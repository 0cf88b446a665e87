"""An artisan shop acting on its own part of an order."""

import graphene
from django.core.exceptions import ValidationError

from marketplace.orders import services
from marketplace.orders.models import VendorOrder as VendorOrderModel
from marketplace.orders.selectors import vendor_order_by_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.orders.errors import OrderError
from storefront_api.orders.inputs import OrderFulfillLineInput
from storefront_api.orders.types import Fulfillment, VendorOrder

ACCESS = "\n\nRequires a member of the order part's shop (an ACTIVE shop) or staff with MANAGE_ORDERS."
LINES_LIMIT = 100


class VendorOrderMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_vendor_order(cls, global_id: str) -> VendorOrderModel:
        pk = cls.decode_id(global_id, only_type="VendorOrder", field="id")
        part = vendor_order_by_id(pk)
        if part is None:
            raise ValidationError({"id": ValidationError("Couldn't find that order.", code="NOT_FOUND")})
        return part


class VendorOrderFulfill(VendorOrderMutation):
    vendor_order = graphene.Field(VendorOrder)
    fulfillment = graphene.Field(Fulfillment)

    class Arguments:
        id = graphene.ID(required=True, description="The VendorOrder.")
        tracking_number = graphene.String(description="The courier's tracking number.")
        lines = graphene.List(
            graphene.NonNull(OrderFulfillLineInput),
            description="What leaves; every remaining unit when omitted.",
        )

    class Meta:
        description = "Fulfil (ship, or hand over at pickup) the shop's part of an order." + ACCESS
        auth_required = True
        error_type_class = OrderError

    @classmethod
    def perform_mutation(cls, root, info, id, tracking_number=None, lines=None):
        part = cls.get_vendor_order(id)
        wanted = None
        if lines is not None:
            if len(lines) > LINES_LIMIT:
                raise ValidationError(
                    {"lines": ValidationError(f"At most {LINES_LIMIT} lines.", code="INVALID")}
                )
            wanted = [
                (
                    cls.decode_uuid(line.get("order_line_id"), only_type="OrderLine", field="orderLineId"),
                    cls.stock_inputs(line["stocks"]),
                )
                for line in lines
            ]
        fulfillment = services.vendor_order_fulfill(
            actor=principal(info), vendor_order=part, lines=wanted, tracking_number=tracking_number or ""
        )
        return cls.success(vendor_order=vendor_order_by_id(part.pk), fulfillment=fulfillment)

    @classmethod
    def stock_inputs(cls, stocks: list[dict]) -> list[tuple[int | None, int]]:
        if len(stocks) > LINES_LIMIT:
            raise ValidationError(
                {"stocks": ValidationError(f"At most {LINES_LIMIT} stocks.", code="INVALID")}
            )
        return [
            (
                cls.decode_id(item["warehouse"], only_type="Warehouse", field="warehouse")
                if item.get("warehouse")
                else None,
                item["quantity"],
            )
            for item in stocks
        ]


class VendorOrderMarkReadyForPickup(VendorOrderMutation):
    vendor_order = graphene.Field(VendorOrder)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = (
            "The shop's items of a pickup order are at the collection point; the buyer is emailed." + ACCESS
        )
        auth_required = True
        error_type_class = OrderError

    @classmethod
    def perform_mutation(cls, root, info, id):
        part = services.vendor_order_mark_ready_for_pickup(
            actor=principal(info), vendor_order=cls.get_vendor_order(id)
        )
        return cls.success(vendor_order=part)


class VendorOrderMarkPaid(VendorOrderMutation):
    vendor_order = graphene.Field(VendorOrder)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Cash on delivery collected for the shop's parcel (goods and shipping)." + ACCESS
        auth_required = True
        error_type_class = OrderError

    @classmethod
    def perform_mutation(cls, root, info, id):
        part = services.vendor_order_mark_paid(actor=principal(info), vendor_order=cls.get_vendor_order(id))
        return cls.success(vendor_order=part)
