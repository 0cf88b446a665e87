"""Orders as Saleor shows them, and each artisan shop's part of them (``VendorOrder``).

Who sees what: anyone holding an order's unguessable ID reads its status, lines and totals
(Saleor's rule); the buyer's email is masked and the addresses hidden unless the reader is
the buyer, staff with MANAGE_ORDERS, or the shop reading its own part. A shop reaching
the order through its ``VendorOrder`` sees only its own lines, parts and fulfilments.
"""

from dataclasses import dataclass
from typing import Any

import graphene

from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.orders.models import Fulfillment as FulfillmentModel
from marketplace.orders.models import FulfillmentLine as FulfillmentLineModel
from marketplace.orders.models import FulfillmentStatus as FulfillmentStatusValues
from marketplace.orders.models import Order as OrderModel
from marketplace.orders.models import OrderLine as OrderLineModel
from marketplace.orders.models import OrderStatus as OrderStatusValues
from marketplace.orders.models import VendorOrder as VendorOrderModel
from marketplace.orders.models import VendorOrderStatus as VendorOrderStatusValues
from marketplace.payments.statuses import order_statuses
from storefront_api.catalog.dataloaders import MediaByProductIdLoader, ProductVariantByIdLoader
from storefront_api.catalog.types.media import enum_value
from storefront_api.catalog.types.pricing import money, money_field
from storefront_api.channels.dataloaders import ChannelByIdLoader
from storefront_api.checkout.delivery import OrderShipping
from storefront_api.core.context import ChannelContext
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.enums import ThumbnailFormatEnum
from storefront_api.core.errors import api_error
from storefront_api.core.images import resolve_image
from storefront_api.core.metadata import ObjectWithMetadata
from storefront_api.core.object_types import ChannelContextType, ModelObjectType
from storefront_api.core.permissions import principal, request_user
from storefront_api.core.types import CountableConnection, connection_for
from storefront_api.discounts.dataloaders import VoucherByIdLoader
from storefront_api.orders.dataloaders import (
    AddressByIdLoader,
    FulfillmentLinesByFulfillmentIdLoader,
    FulfillmentsByOrderIdLoader,
    OrderByIdLoader,
    OrderLineByIdLoader,
    OrderLinesByOrderIdLoader,
    PaymentsByOrderIdLoader,
    ShippingMethodByIdLoader,
    VendorOrderByIdLoader,
    VendorOrdersByOrderIdLoader,
    WarehouseByIdLoader,
)
from storefront_api.payments.dataloaders import TransactionItemsByOrderIdLoader
from storefront_api.returns.dataloaders import GrantedRefundsByOrderIdLoader, ReturnRequestsByOrderIdLoader
from storefront_api.vendors.dataloaders import VendorByIdLoader, readable_vendor_ids

# Saleor's statuses this marketplace does not produce yet (no draft orders; returns arrive with
# the returns workflow) are listed too, so that clients typed against Saleor's enum (its
# storefront maps every value to a label) compile against ours.
SALEOR_ONLY_ORDER_STATUSES = ("DRAFT", "RETURNED", "PARTIALLY_RETURNED")
OrderStatus = graphene.Enum(
    "OrderStatus",
    [(s, s) for s in OrderStatusValues.values]
    + [(s, s) for s in SALEOR_ONLY_ORDER_STATUSES if s not in OrderStatusValues.values],
)
VendorOrderStatusEnum = graphene.Enum(
    "VendorOrderStatusEnum", [(s, s) for s in VendorOrderStatusValues.values]
)
FulfillmentStatus = graphene.Enum(
    "FulfillmentStatus",
    [(s, s) for s in FulfillmentStatusValues.values] + [("WAITING_FOR_APPROVAL", "WAITING_FOR_APPROVAL")],
)
OrderAuthorizeStatusEnum = graphene.Enum(
    "OrderAuthorizeStatusEnum", [("NONE", "NONE"), ("PARTIAL", "PARTIAL"), ("FULL", "FULL")]
)
OrderChargeStatusEnum = graphene.Enum(
    "OrderChargeStatusEnum",
    [("NONE", "NONE"), ("PARTIAL", "PARTIAL"), ("FULL", "FULL"), ("OVERCHARGED", "OVERCHARGED")],
)
OrderDiscountType = graphene.Enum(
    "OrderDiscountType",
    [(v, v) for v in ("SALE", "VOUCHER", "MANUAL", "PROMOTION", "ORDER_PROMOTION")],
)
# Saleor's labels (``Order.get_status_display()``).
STATUS_DISPLAY = {
    "UNCONFIRMED": "Unconfirmed",
    "UNFULFILLED": "Unfulfilled",
    "PARTIALLY_FULFILLED": "Partially fulfilled",
    "FULFILLED": "Fulfilled",
    "CANCELED": "Canceled",
    "EXPIRED": "Expired",
}


class OrderDiscount(graphene.ObjectType):
    type = graphene.Field(OrderDiscountType, required=True)
    name = graphene.String()
    translated_name = graphene.String()
    value_type = graphene.Field("storefront_api.discounts.enums.DiscountValueTypeEnum", required=True)
    value = graphene.Field(
        "storefront_api.core.scalars.PositiveDecimal",
        required=True,
        description="The voucher's value: a percentage or an amount.",
    )
    reason = graphene.String(description="Explanation for the applied discount (none for a voucher).")
    amount = graphene.Field(
        "storefront_api.core.types.Money", required=True, deprecation_reason="Use `total` instead."
    )
    total = graphene.Field("storefront_api.core.types.Money", required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = (
            "Contains all details related to the applied discount to the order: here, the voucher "
            "it was placed with (its ID is the order's)."
        )

    @staticmethod
    def of(order: OrderModel) -> "OrderDiscount":
        amount = money(order.discount_amount, order.currency)
        return OrderDiscount(
            id=order.pk,
            type="VOUCHER",
            name=order.discount_name or None,
            translated_name=None,
            value_type=order.discount_value_type,
            value=order.discount_value,
            reason=None,
            amount=amount,
            total=amount,
        )


@dataclass(frozen=True)
class OrderContext(ChannelContext):
    """An order as one reader reaches it: ``vendor_order_id`` set when a shop reads its part."""

    vendor_order_id: int | None = None


def order_context(order: OrderModel, vendor_order_id: int | None = None) -> OrderContext:
    return OrderContext(order, None, order.channel_id, vendor_order_id)


def reveal_order(info: Any, order: OrderModel) -> None:
    """The request that placed the order may read all of it (a guest buyer included)."""
    info.context.__dict__.setdefault("_revealed_orders", set()).add(order.pk)


def _may_see_details(root: OrderContext, info: Any) -> bool:
    order = root.node
    if root.vendor_order_id is not None or order.pk in info.context.__dict__.get("_revealed_orders", ()):
        return True
    user = request_user(info)
    if user is not None and order.user_id == user.pk:
        return True
    return has_permissions(principal(info), [PermissionEnum.MANAGE_ORDERS])


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def _scoped(root: OrderContext, rows: list[Any], attr: str = "vendor_order_id") -> Any:
    if root.vendor_order_id is None:
        return rows
    return [row for row in rows if getattr(row, attr) == root.vendor_order_id]


class OrderLine(ModelObjectType):
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    translated_product_name = graphene.String(required=True)
    translated_variant_name = graphene.String(required=True)
    product_sku = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    unit_price = money_field(
        "unit_price_gross_amount",
        taxed=True,
        required=True,
        description="The price of one unit, at purchase time.",
    )
    undiscounted_unit_price = money_field(
        "unit_price_gross_amount",
        taxed=True,
        required=True,
        description="The price of one unit before any discount (none exist yet: the unit price).",
    )
    total_price = money_field("total_price_gross_amount", taxed=True, required=True)
    undiscounted_total_price = money_field("total_price_gross_amount", taxed=True, required=True)
    thumbnail = graphene.Field(
        "storefront_api.core.types.Image",
        size=graphene.Int(description="Size of thumbnail; snapped to 32, 64, ... 4096.", default_value=256),
        format=graphene.Argument(ThumbnailFormatEnum, description="The format of the image."),
        description="The product's first image (null once the variant is deleted).",
    )
    variant = graphene.Field(
        "storefront_api.catalog.types.products.ProductVariant",
        description="The variant bought (null once deleted; the names above stay).",
    )
    vendor = graphene.Field("storefront_api.vendors.types.Vendor", required=True)

    class Meta:
        model = OrderLineModel
        fields = ("id",)
        description = "Represents order line of particular order."

    @staticmethod
    def resolve_product_sku(root: OrderLineModel, info):
        return root.product_sku or None

    @staticmethod
    def resolve_variant(root: OrderLineModel, info):
        if root.variant_id is None:
            return None
        order = OrderByIdLoader(info.context).load(root.order_id)

        def wrap(loaded):
            order, variant = loaded
            return ChannelContext(variant, None, order.channel_id) if variant else None

        return then(gather([order, ProductVariantByIdLoader(info.context).load(root.variant_id)]), wrap)

    @staticmethod
    def resolve_vendor(root: OrderLineModel, info):
        return then(
            VendorOrderByIdLoader(info.context).load(root.vendor_order_id),
            lambda part: VendorByIdLoader(info.context).load(part.vendor_id),
        )

    @staticmethod
    def resolve_thumbnail(root: OrderLineModel, info, size=256, format=None):
        if root.variant_id is None:
            return None

        def first_image(media):
            images = [m for m in media if m.image]
            if not images:
                return None
            return resolve_image(
                info,
                kind="media",
                object_id=images[0].pk,
                file=images[0].image,
                alt=images[0].alt or root.product_name,
                size=size or 256,
                format=enum_value(format),
            )

        return then(
            ProductVariantByIdLoader(info.context).load(root.variant_id),
            lambda variant: (
                then(MediaByProductIdLoader(info.context).load(variant.product_id), first_image)
                if variant
                else None
            ),
        )


class FulfillmentLine(ModelObjectType):
    quantity = graphene.Int(required=True)
    order_line = graphene.Field(OrderLine)

    class Meta:
        model = FulfillmentLineModel
        fields = ("id",)
        description = "Represents line of the fulfillment."

    @staticmethod
    def resolve_order_line(root: FulfillmentLineModel, info):
        return OrderLineByIdLoader(info.context).load(root.order_line_id)


class Fulfillment(ModelObjectType):
    fulfillment_order = graphene.Int(required=True)
    status = graphene.Field(FulfillmentStatus, required=True)
    tracking_number = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(FulfillmentLine))

    class Meta:
        model = FulfillmentModel
        fields = ("id",)
        description = "Represents order fulfillment: what one artisan shop shipped or handed over."

    @staticmethod
    def resolve_status(root: FulfillmentModel, info):
        return str(root.status)

    @staticmethod
    def resolve_created(root: FulfillmentModel, info):
        return root.created_at

    @staticmethod
    def resolve_lines(root: FulfillmentModel, info):
        return FulfillmentLinesByFulfillmentIdLoader(info.context).load(root.pk)


SHOP_TERMS = (
    "\n\nThe shop's commercial terms: for its members and staff with MANAGE_ORDERS or MANAGE_VENDORS;"
    " a PermissionDenied error for others (the buyer included)."
)


def require_shop_terms(info: Any, vendor_id: int) -> None:
    """The shop's members and staff managing orders or shops read its commission and payout."""
    if vendor_id in readable_vendor_ids(info):  # members, and staff with MANAGE_VENDORS
        return
    if has_permissions(principal(info), [PermissionEnum.MANAGE_ORDERS]):
        return
    raise api_error(
        "Only the shop's members and staff with MANAGE_ORDERS or MANAGE_VENDORS see its commission"
        " and payout.",
        "PermissionDenied",
    )


def shop_terms(field: graphene.Field) -> graphene.Field:
    """``field`` (resolving a VendorOrder's money) behind ``require_shop_terms``."""
    resolve = field.resolver

    def guarded(root: VendorOrderModel, info: Any) -> Any:
        require_shop_terms(info, root.vendor_id)
        return resolve(root, info)

    field.resolver = guarded
    return field


class VendorOrder(ModelObjectType):
    order = graphene.Field(
        lambda: Order, required=True, description="The buyer's order, this shop's part of it only."
    )
    vendor = graphene.Field("storefront_api.vendors.types.Vendor", required=True)
    status = graphene.Field(VendorOrderStatusEnum, required=True)
    number = graphene.String(required=True, description="The buyer's order number.")
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    subtotal = money_field("subtotal_amount", required=True, description="The shop's goods.")
    shipping_price = money_field(
        "shipping_price_amount", required=True, description="Shipping of the shop's parcel."
    )
    commission_rate = graphene.Decimal(
        required=True, description="The marketplace's fee in percent, at purchase." + SHOP_TERMS
    )
    commission = shop_terms(
        money_field(
            "commission_amount",
            required=True,
            description="The marketplace's fee, on the subtotal less the shop's own discount." + SHOP_TERMS,
        )
    )
    discount = money_field(
        "discount_amount",
        required=True,
        description="This part's share of the voucher's discount (what the buyer saved on it).",
    )
    shop_discount = shop_terms(
        money_field(
            "shop_discount_amount",
            required=True,
            description="What of that discount the shop pays: all of its own voucher's, none of the "
            "marketplace's." + SHOP_TERMS,
        )
    )
    payout_amount = shop_terms(
        money_field(
            "payout_amount",
            required=True,
            description="Subtotal - shop discount - commission + shipping." + SHOP_TERMS,
        )
    )
    is_paid = graphene.Boolean(required=True)
    weight_grams = graphene.Int(required=True)
    fulfillments = graphene.List(graphene.NonNull(Fulfillment), required=True)
    created = graphene.DateTime(required=True)

    class Meta:
        model = VendorOrderModel
        fields = ("id",)
        description = "One artisan shop's part of an order: its lines, fulfilment, commission and payout."

    @staticmethod
    def resolve_order(root: VendorOrderModel, info):
        return then(
            OrderByIdLoader(info.context).load(root.order_id), lambda order: order_context(order, root.pk)
        )

    @staticmethod
    def resolve_vendor(root: VendorOrderModel, info):
        return VendorByIdLoader(info.context).load(root.vendor_id)

    @staticmethod
    def resolve_status(root: VendorOrderModel, info):
        return str(root.status)

    @staticmethod
    def resolve_number(root: VendorOrderModel, info):
        return then(OrderByIdLoader(info.context).load(root.order_id), lambda order: str(order.number))

    @staticmethod
    def resolve_lines(root: VendorOrderModel, info):
        return then(
            OrderLinesByOrderIdLoader(info.context).load(root.order_id),
            lambda rows: [row for row in rows if row.vendor_order_id == root.pk],
        )

    @staticmethod
    def resolve_fulfillments(root: VendorOrderModel, info):
        return then(
            FulfillmentsByOrderIdLoader(info.context).load(root.order_id),
            lambda rows: [row for row in rows if row.vendor_order_id == root.pk],
        )

    @staticmethod
    def resolve_commission_rate(root: VendorOrderModel, info):
        require_shop_terms(info, root.vendor_id)
        return root.commission_rate

    @staticmethod
    def resolve_created(root: VendorOrderModel, info):
        return root.created_at


class Order(ChannelContextType):
    number = graphene.String(required=True, description="The order number.")
    status = graphene.Field(OrderStatus, required=True)
    payment_status = graphene.Field(
        "storefront_api.payments.types.PaymentChargeStatusEnum",
        required=True,
        description="Internal payment status.",
    )
    is_paid = graphene.Boolean(required=True, description="Informs if an order is fully paid.")
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    user_email = graphene.String(description="The buyer's email (masked for readers other than the buyer).")
    language_code = graphene.String(required=True)
    channel = graphene.Field("storefront_api.channels.types.Channel", required=True)
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    subtotal = money_field(
        "subtotal_amount", taxed=True, required=True, description="The sum of line prices."
    )
    shipping_price = money_field(
        "shipping_price_amount", taxed=True, required=True, description="The sum of every parcel's shipping."
    )
    total = money_field(
        "total_gross_amount", taxed=True, required=True, description="Total amount of the order."
    )
    total_charged = money_field(
        "total_charged_amount", required=True, description="Amount charged (or collected) so far."
    )
    shipping_address = graphene.Field("storefront_api.account.types.Address")
    billing_address = graphene.Field("storefront_api.account.types.Address")
    shipping_method_name = graphene.String()
    collection_point_name = graphene.String(
        description="Where the buyer picks the order up, for pickup orders."
    )
    fulfillments = graphene.List(graphene.NonNull(Fulfillment), required=True)
    vendor_orders = graphene.List(
        graphene.NonNull(VendorOrder), required=True, description="One part per artisan shop."
    )
    payments = graphene.List(
        graphene.NonNull("storefront_api.payments.types.Payment"),
        required=True,
        description="The order's payments (the buyer and MANAGE_ORDERS staff; empty otherwise).",
    )
    transactions = graphene.List(
        graphene.NonNull("storefront_api.payments.types.TransactionItem"),
        required=True,
        description="The order's transactions (the transactions API; the buyer and MANAGE_ORDERS staff).",
    )
    status_display = graphene.String(required=True, description="User-friendly order status.")
    charge_status = graphene.Field(
        OrderChargeStatusEnum, required=True, description="How much of the total was charged (or collected)."
    )
    authorize_status = graphene.Field(
        OrderAuthorizeStatusEnum,
        required=True,
        description="How much of the total is authorized or charged (a cash-on-delivery order: authorized).",
    )
    total_authorized = graphene.Field(
        "storefront_api.core.types.Money", required=True, description="Amount authorized, not charged yet."
    )
    total_captured = graphene.Field(
        "storefront_api.core.types.Money", required=True, description="Amount charged (Saleor's old name)."
    )
    total_balance = graphene.Field(
        "storefront_api.core.types.Money",
        required=True,
        description="Charged less the total: negative while something is left to pay.",
    )
    delivery_method = graphene.Field(
        "storefront_api.checkout.delivery.DeliveryMethod",
        description="The shipping method bought (its name and price as bought), or the collection point.",
    )
    discounts = graphene.List(
        graphene.NonNull(OrderDiscount),
        required=True,
        description="The voucher's discount, if one was used (total = subtotal + shipping - discount).",
    )
    voucher = graphene.Field(
        "storefront_api.discounts.types.Voucher",
        description="The voucher used (null when none was, or it has been deleted since).",
    )
    voucher_code = graphene.String(description="The voucher code used for the order.")
    total_refunded = money_field(
        "total_refunded_amount", required=True, description="Amount given back to the buyer (refunds made)."
    )
    granted_refunds = graphene.List(
        graphene.NonNull("storefront_api.returns.types.OrderGrantedRefund"),
        required=True,
        description="Refunds granted for the order (the buyer, MANAGE_ORDERS staff; a shop: its part's).",
    )
    returns = graphene.List(
        graphene.NonNull("storefront_api.returns.types.OrderReturn"),
        required=True,
        description="The buyer's return requests (the buyer, MANAGE_ORDERS staff; a shop: its part's).",
    )

    class Meta:
        model = OrderModel
        fields = ("id",)
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "Represents an order in the shop."

    @staticmethod
    def metadata_readable(root: OrderContext, info) -> bool:
        return _may_see_details(root, info)

    @staticmethod
    def private_metadata_readable(root: OrderContext, info) -> bool:
        return has_permissions(principal(info), [PermissionEnum.MANAGE_ORDERS])

    @staticmethod
    def resolve_status_display(root: OrderContext, info):
        return STATUS_DISPLAY.get(root.node.status, root.node.status.title())

    @staticmethod
    def resolve_charge_status(root: OrderContext, info):
        return order_statuses(root.node)[1]

    @staticmethod
    def resolve_authorize_status(root: OrderContext, info):
        return order_statuses(root.node)[0]

    @staticmethod
    def resolve_total_authorized(root: OrderContext, info):
        return money(root.node.total_authorized_amount, root.node.currency)

    @staticmethod
    def resolve_total_captured(root: OrderContext, info):
        return money(root.node.total_charged_amount, root.node.currency)

    @staticmethod
    def resolve_total_balance(root: OrderContext, info):
        order = root.node
        return money(order.total_charged_amount - order.total_gross_amount, order.currency)

    @staticmethod
    def resolve_delivery_method(root: OrderContext, info):
        order = root.node
        if order.collection_point_id is not None:
            return WarehouseByIdLoader(info.context).load(order.collection_point_id)
        if order.shipping_method_id is None:
            return None
        return then(
            ShippingMethodByIdLoader(info.context).load(order.shipping_method_id),
            lambda method: (
                OrderShipping(
                    method,
                    order.shipping_method_name or method.name,
                    order.shipping_price_amount,
                    order.currency,
                )
                if method
                else None
            ),
        )

    @staticmethod
    def resolve_discounts(root: OrderContext, info):
        order = root.node
        return [OrderDiscount.of(order)] if order.voucher_code and order.discount_amount > 0 else []

    @staticmethod
    def resolve_voucher(root: OrderContext, info):
        voucher_id = root.node.voucher_id
        return VoucherByIdLoader(info.context).load(voucher_id) if voucher_id else None

    @staticmethod
    def resolve_voucher_code(root: OrderContext, info):
        return root.node.voucher_code or None

    @staticmethod
    def resolve_granted_refunds(root: OrderContext, info):  # type: ignore[no-untyped-def]
        if not _may_see_details(root, info):
            return []
        return then(
            GrantedRefundsByOrderIdLoader(info.context).load(root.node.pk), lambda rows: _scoped(root, rows)
        )

    @staticmethod
    def resolve_returns(root: OrderContext, info):  # type: ignore[no-untyped-def]
        if not _may_see_details(root, info):
            return []
        return then(
            ReturnRequestsByOrderIdLoader(info.context).load(root.node.pk), lambda rows: _scoped(root, rows)
        )

    @staticmethod
    def resolve_transactions(root: OrderContext, info):  # type: ignore[no-untyped-def]
        if root.vendor_order_id is not None or not _may_see_details(root, info):
            return []
        return TransactionItemsByOrderIdLoader(info.context).load(root.node.pk)

    @staticmethod
    def resolve_number(root: OrderContext, info):
        return str(root.node.number)

    @staticmethod
    def resolve_status(root: OrderContext, info):
        return str(root.node.status)

    @staticmethod
    def resolve_payment_status(root: OrderContext, info):
        return str(root.node.charge_status)

    @staticmethod
    def resolve_is_paid(root: OrderContext, info):
        return root.node.charge_status == "FULLY_CHARGED"

    @staticmethod
    def resolve_created(root: OrderContext, info):
        return root.node.created_at

    @staticmethod
    def resolve_user_email(root: OrderContext, info):
        email = root.node.user_email
        if not email:
            return None
        return email if _may_see_details(root, info) else mask_email(email)

    @staticmethod
    def resolve_channel(root: OrderContext, info):
        return ChannelByIdLoader(info.context).load(root.node.channel_id)

    @staticmethod
    def resolve_lines(root: OrderContext, info):
        return then(
            OrderLinesByOrderIdLoader(info.context).load(root.node.pk), lambda rows: _scoped(root, rows)
        )

    @staticmethod
    def _address(root: OrderContext, info, pk):
        if pk is None or not _may_see_details(root, info):
            return None
        return AddressByIdLoader(info.context).load(pk)

    @staticmethod
    def resolve_shipping_address(root: OrderContext, info):
        return Order._address(root, info, root.node.shipping_address_id)

    @staticmethod
    def resolve_billing_address(root: OrderContext, info):
        return Order._address(root, info, root.node.billing_address_id)

    @staticmethod
    def resolve_shipping_method_name(root: OrderContext, info):
        return root.node.shipping_method_name or None

    @staticmethod
    def resolve_collection_point_name(root: OrderContext, info):
        return root.node.collection_point_name or None

    @staticmethod
    def resolve_fulfillments(root: OrderContext, info):
        return then(
            FulfillmentsByOrderIdLoader(info.context).load(root.node.pk), lambda rows: _scoped(root, rows)
        )

    @staticmethod
    def resolve_vendor_orders(root: OrderContext, info):
        return then(
            VendorOrdersByOrderIdLoader(info.context).load(root.node.pk),
            lambda rows: _scoped(root, rows, "pk"),
        )

    @staticmethod
    def resolve_payments(root: OrderContext, info):
        if root.vendor_order_id is not None or not _may_see_details(root, info):
            return []
        return PaymentsByOrderIdLoader(info.context).load(root.node.pk)


OrderCountableConnection: type[CountableConnection] = connection_for(Order)
VendorOrderCountableConnection: type[CountableConnection] = connection_for(VendorOrder)
