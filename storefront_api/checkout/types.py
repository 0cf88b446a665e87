"""The checkout as a Saleor storefront reads it. Every price is computed by the server from
the channel listings (``marketplace.checkout.fetch``), once per checkout per request."""

import graphene
from django.utils.html import escape

from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.fetch import CheckoutInfo, LineInfo, MethodOption, Parcel
from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.inventory.models import Warehouse as WarehouseModel
from marketplace.payments.gateways import available_gateways
from storefront_api.account.enums import AddressTypeEnum
from storefront_api.catalog.types.pricing import money, taxed_money
from storefront_api.catalog.types.products import ProductVariant
from storefront_api.channels.types import Channel
from storefront_api.checkout.dataloaders import (
    CheckoutInfoByCheckoutLoader,
    CollectionPointsByVendorIdsLoader,
    ReservationExpiryByCheckoutTokenLoader,
    ShippingMethodsByProvinceLoader,
)
from storefront_api.core.context import ChannelContext
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.ids import to_id
from storefront_api.core.mutations import error_type
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.permissions import request_user
from storefront_api.core.types import CountableConnection, Money, TaxedMoney, connection_for
from storefront_api.inventory.types import Warehouse
from storefront_api.payments.types import PaymentGateway

CheckoutError = error_type(
    "CheckoutError",
    CheckoutErrorCode,
    variants=graphene.List(
        graphene.NonNull(graphene.ID), description="List of variant IDs which causes the error."
    ),
    lines=graphene.List(
        graphene.NonNull(graphene.ID), description="List of line IDs which causes the error."
    ),
    address_type=graphene.Field(AddressTypeEnum, description="A type of address that causes the error."),
)


def checkout_info(info, checkout: CheckoutModel):  # type: ignore[no-untyped-def]
    """The checkout's lines and prices, loaded in one batch for every checkout of the page."""
    return CheckoutInfoByCheckoutLoader(info.context).load((checkout.pk, checkout.last_change, checkout))


def _with_info(attr: str, wrap=lambda value, root: value):  # type: ignore[no-untyped-def]
    """A resolver returning ``wrap(CheckoutInfo.<attr>, root)``."""

    def resolve(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return then(checkout_info(info, root), lambda data: wrap(getattr(data, attr), root))

    return resolve


class CheckoutLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    quantity = graphene.Int(required=True, description="The quantity of the variant.")
    variant = graphene.Field(ProductVariant, required=True)
    unit_price = graphene.Field(TaxedMoney, required=True, description="The unit price of the line.")
    total_price = graphene.Field(TaxedMoney, required=True, description="The sum of the line's price.")
    requires_shipping = graphene.Boolean(required=True)

    class Meta:
        description = "Represents an item in the checkout."

    @staticmethod
    def resolve_id(root: LineInfo, info):  # type: ignore[no-untyped-def]
        return to_id("CheckoutLine", root.line.pk)

    @staticmethod
    def resolve_quantity(root: LineInfo, info):  # type: ignore[no-untyped-def]
        return root.line.quantity

    @staticmethod
    def resolve_variant(root: LineInfo, info):  # type: ignore[no-untyped-def]
        listing = root.variant_listing
        assert listing is not None
        channel = root.line.checkout.channel if root.line.checkout_id else None
        return ChannelContext(root.variant, channel.slug if channel else None, listing.channel_id)

    @staticmethod
    def resolve_unit_price(root: LineInfo, info):  # type: ignore[no-untyped-def]
        return taxed_money(root.unit_price, root.variant_listing.currency)  # type: ignore[union-attr]

    @staticmethod
    def resolve_total_price(root: LineInfo, info):  # type: ignore[no-untyped-def]
        return taxed_money(root.total_price, root.variant_listing.currency)  # type: ignore[union-attr]

    @staticmethod
    def resolve_requires_shipping(root: LineInfo, info):  # type: ignore[no-untyped-def]
        return root.is_shipping_required


class ShippingMethod(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    description = graphene.JSONString(
        description="Rich text (EditorJS JSON) as in Saleor: the method's description as one paragraph."
    )
    active = graphene.Boolean(
        required=True, description="Whether the method can be chosen for this checkout."
    )
    message = graphene.String(description="Why the method cannot be chosen, when it cannot.")
    price = graphene.Field(
        Money, required=True, description="The price over every artisan's parcel of the checkout."
    )
    minimum_delivery_days = graphene.Int()
    maximum_delivery_days = graphene.Int()

    class Meta:
        description = "Shipping method available for the checkout, priced per artisan parcel."

    @staticmethod
    def resolve_id(root: MethodOption, info):  # type: ignore[no-untyped-def]
        return to_id("ShippingMethod", root.method.pk)

    @staticmethod
    def resolve_name(root: MethodOption, info):  # type: ignore[no-untyped-def]
        return root.method.name

    @staticmethod
    def resolve_description(root: MethodOption, info):  # type: ignore[no-untyped-def]
        text = root.method.description
        if not text:
            return None
        return {"blocks": [{"type": "paragraph", "data": {"text": escape(text)}}]}

    @staticmethod
    def resolve_message(root: MethodOption, info):  # type: ignore[no-untyped-def]
        return root.message or None

    @staticmethod
    def resolve_price(root: MethodOption, info):  # type: ignore[no-untyped-def]
        return money(root.price, root.method.currency)

    @staticmethod
    def resolve_minimum_delivery_days(root: MethodOption, info):  # type: ignore[no-untyped-def]
        return root.method.minimum_delivery_days

    @staticmethod
    def resolve_maximum_delivery_days(root: MethodOption, info):  # type: ignore[no-untyped-def]
        return root.method.maximum_delivery_days


class DeliveryMethod(graphene.Union):
    class Meta:
        types = (Warehouse, ShippingMethod)
        description = "A shipping method, or a warehouse to pick up from (click and collect)."

    @classmethod
    def resolve_type(cls, instance, info):  # type: ignore[no-untyped-def]
        return Warehouse if isinstance(instance, WarehouseModel) else ShippingMethod


class CheckoutVendorParcel(graphene.ObjectType):
    vendor = graphene.Field("storefront_api.vendors.types.Vendor", required=True)
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True)
    weight_grams = graphene.Int(required=True, description="The parcel's weight.")
    subtotal = graphene.Field(Money, required=True)
    shipping_price = graphene.Field(
        Money,
        required=True,
        description="What shipping this parcel costs with the chosen method (0 for pickup).",
    )

    class Meta:
        description = "One artisan shop's part of the checkout: shipped as its own parcel."

    @staticmethod
    def resolve_vendor(root: tuple[Parcel, CheckoutInfo], info):  # type: ignore[no-untyped-def]
        return root[0].vendor

    @staticmethod
    def resolve_lines(root, info):  # type: ignore[no-untyped-def]
        return root[0].lines

    @staticmethod
    def resolve_weight_grams(root, info):  # type: ignore[no-untyped-def]
        return root[0].weight_grams

    @staticmethod
    def resolve_subtotal(root, info):  # type: ignore[no-untyped-def]
        return money(root[0].subtotal, root[1].currency)

    @staticmethod
    def resolve_shipping_price(root, info):  # type: ignore[no-untyped-def]
        return money(root[1].parcel_shipping_price(root[0]), root[1].currency)


class Checkout(ModelObjectType):
    email = graphene.String(description="The buyer's email: where the order confirmation goes.")
    token = graphene.UUID(
        required=True, description="The checkout's token: whoever holds it can use the checkout."
    )
    channel = graphene.Field(Channel, required=True)
    created = graphene.DateTime(required=True)
    last_change = graphene.DateTime(required=True)
    language_code = graphene.Field(LanguageCodeEnum, required=True)
    user = graphene.Field(
        "storefront_api.account.types.User",
        description="The customer the checkout belongs to (visible to that customer).",
    )
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    is_shipping_required = graphene.Boolean(required=True)
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True)
    vendor_parcels = graphene.List(
        graphene.NonNull(CheckoutVendorParcel),
        required=True,
        description="The checkout split by artisan shop: each shop ships its own parcel.",
    )
    shipping_address = graphene.Field("storefront_api.account.types.Address")
    billing_address = graphene.Field("storefront_api.account.types.Address")
    shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        required=True,
        description="Shipping methods of the shipping address's zone, priced for every parcel.",
    )
    available_collection_points = graphene.List(
        graphene.NonNull(Warehouse), required=True, description="Where the whole checkout can be picked up."
    )
    delivery_method = graphene.Field(
        DeliveryMethod, description="The chosen shipping method or collection point."
    )
    available_payment_gateways = graphene.List(graphene.NonNull(PaymentGateway), required=True)
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(
        TaxedMoney, required=True, description="The sum of every parcel's shipping."
    )
    total_price = graphene.Field(TaxedMoney, required=True)
    stock_reservation_expires = graphene.DateTime(
        description="When the earliest stock reservation of the checkout expires (renewed by every change)."
    )

    class Meta:
        model = CheckoutModel
        fields = ("id", "email")
        description = "Checkout object: one cart across many artisan shops."

    @staticmethod
    def resolve_id(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return str(root.pk)

    @staticmethod
    def resolve_email(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return root.email or None

    @staticmethod
    def resolve_token(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return root.pk

    @staticmethod
    def resolve_created(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return root.created_at

    @staticmethod
    def resolve_language_code(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return root.language_code

    @staticmethod
    def resolve_user(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        user = request_user(info)
        return root.user if user is not None and root.user_id == user.pk else None

    resolve_quantity = staticmethod(_with_info("quantity"))
    resolve_is_shipping_required = staticmethod(_with_info("is_shipping_required"))
    resolve_lines = staticmethod(_with_info("lines"))
    resolve_subtotal_price = staticmethod(
        _with_info("subtotal", lambda amount, root: taxed_money(amount, root.currency))
    )
    resolve_shipping_price = staticmethod(
        _with_info("shipping_price", lambda amount, root: taxed_money(amount, root.currency))
    )
    resolve_total_price = staticmethod(
        _with_info("total", lambda amount, root: taxed_money(amount, root.currency))
    )

    @staticmethod
    def resolve_vendor_parcels(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return then(checkout_info(info, root), lambda data: [(parcel, data) for parcel in data.parcels])

    @staticmethod
    def resolve_shipping_methods(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        address = root.shipping_address
        if address is None:
            return []
        methods = ShippingMethodsByProvinceLoader(info.context).load(address.country_area)
        return then(
            gather([checkout_info(info, root), methods]), lambda loaded: loaded[0].options_among(loaded[1])
        )

    @staticmethod
    def resolve_available_collection_points(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return then(
            checkout_info(info, root),
            lambda data: CollectionPointsByVendorIdsLoader(info.context).load(frozenset(data.vendor_ids)),
        )

    @staticmethod
    def resolve_delivery_method(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        if root.collection_point is not None:
            return root.collection_point
        if root.shipping_method is not None:
            return then(checkout_info(info, root), lambda data: data.method_option(root.shipping_method))
        return None

    @staticmethod
    def resolve_available_payment_gateways(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return [PaymentGateway.of(g) for g in available_gateways(root.currency)]

    @staticmethod
    def resolve_stock_reservation_expires(root: CheckoutModel, info):  # type: ignore[no-untyped-def]
        return ReservationExpiryByCheckoutTokenLoader(info.context).load(root.pk)


CheckoutCountableConnection: type[CountableConnection] = connection_for(Checkout)
