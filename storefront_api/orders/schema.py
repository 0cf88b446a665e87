import graphene

from marketplace.orders.selectors import order_by_id, vendor_orders_of
from marketplace.payouts.selectors import payout_summary
from storefront_api.catalog.types.pricing import money
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id, decode_uuid_id
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import principal
from storefront_api.core.types import Money, page_args
from storefront_api.orders.mutations.cancel import OrderCancel
from storefront_api.orders.mutations.vendor_orders import (
    VendorOrderFulfill,
    VendorOrderMarkPaid,
    VendorOrderMarkReadyForPickup,
)
from storefront_api.orders.types import (
    Order,
    VendorOrderCountableConnection,
    VendorOrderStatusEnum,
    order_context,
)
from vendors.shops.policies import VendorAction, vendors_for

MEMBERS_OR_STAFF = "\n\nRequires a member of that shop or staff with MANAGE_ORDERS."


class VendorPayoutSummary(graphene.ObjectType):
    vendor = graphene.Field("storefront_api.vendors.types.Vendor", required=True)
    period = graphene.String(required=True, description='The month, "2026-11".')
    gross_sales = graphene.Field(
        Money,
        required=True,
        description="The shop's goods in paid, uncanceled orders, at their listed prices.",
    )
    shop_discounts = graphene.Field(
        Money, required=True, description="The shop's own vouchers: the shop pays them (off gross sales)."
    )
    marketplace_discounts = graphene.Field(
        Money,
        required=True,
        description="The marketplace's vouchers on the shop's parts: the marketplace pays them (no change "
        "to the payout).",
    )
    net_sales = graphene.Field(
        Money, required=True, description="Gross sales - shop discounts: commission and tax are on these."
    )
    commission = graphene.Field(Money, required=True)
    shipping = graphene.Field(Money, required=True, description="Shipping collected for the shop's parcels.")
    tax_withheld = graphene.Field(
        Money,
        required=True,
        description="Decree 117/2025: VAT 1% + PIT 0.5% of net sales less refunds (household sellers).",
    )
    payout_amount = graphene.Field(
        Money,
        required=True,
        description="Net sales - refunds - (commission - commissionRefunded) + shipping - shippingRefunded "
        "- taxWithheld.",
    )
    order_count = graphene.Int(required=True)
    refunds = graphene.Field(
        Money, required=True, description="The shop's goods refunded in the month (taken off its sales)."
    )
    shipping_refunded = graphene.Field(Money, required=True, description="Its parcels' shipping refunded.")
    commission_refunded = graphene.Field(
        Money, required=True, description="The commission on the refunded goods, given back to the shop."
    )
    refund_count = graphene.Int(required=True)

    class Meta:
        description = (
            "What a shop earned in a month and what it is paid: payoutAmount = netSales - refunds "
            "- (commission - commissionRefunded) + shipping - shippingRefunded - taxWithheld (withheld "
            "on net sales less refunds); netSales = grossSales - shopDiscounts."
        )

    @staticmethod
    def from_summary(summary) -> "VendorPayoutSummary":
        currency = summary.currency
        return VendorPayoutSummary(
            vendor=summary.vendor,
            period=summary.period,
            gross_sales=money(summary.gross_sales, currency),
            shop_discounts=money(summary.shop_discounts, currency),
            marketplace_discounts=money(summary.marketplace_discounts, currency),
            net_sales=money(summary.net_sales, currency),
            commission=money(summary.commission, currency),
            shipping=money(summary.shipping, currency),
            tax_withheld=money(summary.tax_withheld, currency),
            payout_amount=money(summary.payout, currency),
            order_count=summary.order_count,
            refunds=money(summary.refunds, currency),
            shipping_refunded=money(summary.shipping_refunded, currency),
            commission_refunded=money(summary.commission_refunded, currency),
            refund_count=summary.refund_count,
        )


def _readable_vendor(info, vendor_id: str, action: VendorAction):
    """The shop, if the caller may read its orders (or payouts); a PermissionDenied error otherwise."""
    pk = decode_id(vendor_id, only_type="Vendor")
    vendor = vendors_for(principal(info), action).filter(pk=pk).first()
    if vendor is None:
        raise api_error("You cannot read this shop's orders.", "PermissionDenied")
    return vendor


class OrderQueries(graphene.ObjectType):
    order = graphene.Field(
        Order,
        id=graphene.ID(description="The order's ID (optional in the schema as in Saleor)."),
        description=(
            "Look up an order by its ID (unguessable); the buyer's details only for the buyer and staff. "
            "Null without an ID."
        ),
    )
    order_by_token = graphene.Field(
        Order,
        token=graphene.UUID(required=True, description="The order's token (its ID's UUID)."),
        description="Look up an order by token; as order(id), the same rules.",
        deprecation_reason="Use `order(id)` instead.",
    )
    vendor_orders = graphene.Field(
        VendorOrderCountableConnection,
        vendor=graphene.ID(required=True),
        status=VendorOrderStatusEnum(),
        **page_args(),
        description="A shop's parts of orders, newest first." + MEMBERS_OR_STAFF,
    )
    vendor_payout_summary = graphene.Field(
        VendorPayoutSummary,
        vendor=graphene.ID(required=True),
        period=graphene.String(required=True, description='A month: "2026-11".'),
        description="A shop's payout statement for a month." + MEMBERS_OR_STAFF,
    )

    @staticmethod
    def resolve_order(root, info, id=None):
        if id is None:
            return None
        order = order_by_id(decode_uuid_id(id, only_type="Order"))
        return order_context(order) if order else None

    @staticmethod
    def resolve_order_by_token(root, info, token):
        order = order_by_id(token)
        return order_context(order) if order else None

    @staticmethod
    def resolve_vendor_orders(root, info, vendor, status=None, **args):
        qs = vendor_orders_of(_readable_vendor(info, vendor, VendorAction.VIEW_ORDERS))
        if status is not None:
            qs = qs.filter(status=getattr(status, "value", status))
        page = paginate(
            qs, sort=[SortKey("created_at", descending=True)], connection_name="vendorOrders", **args
        )
        return VendorOrderCountableConnection.from_page(page)

    @staticmethod
    def resolve_vendor_payout_summary(root, info, vendor, period):
        shop = _readable_vendor(info, vendor, VendorAction.VIEW_PAYOUTS)
        try:
            summary = payout_summary(vendor=shop, period=period)
        except ValueError as error:
            raise api_error(str(error), "INVALID") from None
        return VendorPayoutSummary.from_summary(summary)


class OrderMutations(graphene.ObjectType):
    order_cancel = OrderCancel.Field()
    vendor_order_fulfill = VendorOrderFulfill.Field()
    vendor_order_mark_ready_for_pickup = VendorOrderMarkReadyForPickup.Field()
    vendor_order_mark_paid = VendorOrderMarkPaid.Field()
