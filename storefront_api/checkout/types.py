"""The checkout as a Saleor storefront reads it. Every price is computed by the server from
the channel listings (``marketplace.checkout.fetch``), once per checkout per request."""

from decimal import Decimal

import graphene

from marketplace.accounts.addresses import canonical_province
from marketplace.accounts.permissions import PermissionEnum
from marketplace.checkout import problems
from marketplace.checkout.delivery import PickupOption
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.fetch import CheckoutInfo, LineInfo, Parcel
from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.payments import statuses
from marketplace.payments.gateways import available_gateways
from storefront_api.account.enums import AddressTypeEnum
from storefront_api.catalog.types.pricing import money, taxed_money
from storefront_api.catalog.types.products import ProductVariant
from storefront_api.channels.types import Channel
from storefront_api.checkout.dataloaders import (
    AvailableByCheckoutVariantLoader,
    CheckoutInfoByCheckoutLoader,
    CollectionPointsByVendorIdsLoader,
    ReservationExpiryByCheckoutTokenLoader,
    ShippingMethodsByProvinceLoader,
)
from storefront_api.checkout.delivery import CheckoutDelivery, Delivery, DeliveryMethod, ShippingMethod
from storefront_api.checkout.problems import (
    CheckoutProblem,
    insufficient,
    invalid_delivery,
    line_variant,
    unavailable,
)
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.ids import to_id
from storefront_api.core.metadata import ObjectWithMetadata
from storefront_api.core.mutations import error_type
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.permissions import has_one_of, request_user
from storefront_api.core.types import CountableConnection, Money, TaxedMoney, connection_for
from storefront_api.inventory.types import Warehouse
from storefront_api.payments.dataloaders import TransactionItemsByCheckoutTokenLoader
from storefront_api.payments.types import PaymentGateway, TransactionItem

CheckoutAuthorizeStatusEnum = graphene.Enum(
    "CheckoutAuthorizeStatusEnum", [("NONE", "NONE"), ("PARTIAL", "PARTIAL"), ("FULL", "FULL")]
)
CheckoutChargeStatusEnum = graphene.Enum(
    "CheckoutChargeStatusEnum",
    [("NONE", "NONE"), ("PARTIAL", "PARTIAL"), ("FULL", "FULL"), ("OVERCHARGED", "OVERCHARGED")],
)

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


def checkout_info(info, checkout: CheckoutModel):
    """The checkout's lines and prices, loaded in one batch for every checkout of the page."""
    return CheckoutInfoByCheckoutLoader(info.context).load((checkout.pk, checkout.last_change, checkout))


def _with_info(attr: str, wrap=lambda value, root: value):
    """A resolver returning ``wrap(CheckoutInfo.<attr>, root)``."""

    def resolve(root: CheckoutModel, info):
        return then(checkout_info(info, root), lambda data: wrap(getattr(data, attr), root))

    return resolve


class CheckoutLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    quantity = graphene.Int(required=True, description="The quantity of the variant.")
    variant = graphene.Field(ProductVariant, required=True)
    unit_price = graphene.Field(TaxedMoney, required=True, description="The unit price of the line.")
    undiscounted_unit_price = graphene.Field(
        Money,
        required=True,
        description="The unit price of the line without discounts (none exist yet).",
    )
    total_price = graphene.Field(TaxedMoney, required=True, description="The sum of the line's price.")
    undiscounted_total_price = graphene.Field(
        Money, required=True, description="The sum of the line's price, without any discount."
    )
    requires_shipping = graphene.Boolean(required=True)

    class Meta:
        description = "Represents an item in the checkout."

    @staticmethod
    def resolve_id(root: LineInfo, info):
        return to_id("CheckoutLine", root.line.pk)  # type: ignore[arg-type]

    @staticmethod
    def resolve_quantity(root: LineInfo, info):
        return root.line.quantity

    @staticmethod
    def resolve_variant(root: LineInfo, info):
        return line_variant(root)

    @staticmethod
    def _amount(root: LineInfo, total: bool) -> tuple[Decimal, str]:
        """A line no longer priced in the channel (shown only among the problems) costs 0."""
        if not root.is_priced:
            return Decimal(0), root.line.checkout.currency
        return (root.total_price if total else root.unit_price), root.variant_listing.currency  # type: ignore[union-attr]

    @staticmethod
    def resolve_unit_price(root: LineInfo, info):
        return taxed_money(*CheckoutLine._amount(root, False))

    @staticmethod
    def resolve_undiscounted_unit_price(root: LineInfo, info):
        return money(*CheckoutLine._amount(root, False))

    @staticmethod
    def resolve_total_price(root: LineInfo, info):
        return taxed_money(*CheckoutLine._amount(root, True))

    @staticmethod
    def resolve_undiscounted_total_price(root: LineInfo, info):
        return money(*CheckoutLine._amount(root, True))

    @staticmethod
    def resolve_requires_shipping(root: LineInfo, info):
        return root.is_shipping_required


class GiftCard(graphene.ObjectType):
    display_code = graphene.String(
        required=True, description="Code in format which allows displaying in a user interface."
    )
    last4_code_chars = graphene.String(required=True, description="Last 4 characters of gift card code.")
    current_balance = graphene.Field(Money, required=True)
    initial_balance = graphene.Field(Money, required=True)
    is_active = graphene.Boolean(required=True)
    expiry_date = graphene.Date()

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = (
            "A gift card (Saleor's). The marketplace sells no gift cards: no checkout ever has one, "
            "and a gift card code is an unknown promo code."
        )


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
    discount = graphene.Field(
        Money,
        required=True,
        description="This shop's part of the voucher's discount: all of a shop's own voucher, a "
        "share of the marketplace's (in proportion to the subtotal).",
    )

    class Meta:
        description = "One artisan shop's part of the checkout: shipped as its own parcel."

    @staticmethod
    def resolve_vendor(root: tuple[Parcel, CheckoutInfo], info):
        return root[0].vendor

    @staticmethod
    def resolve_lines(root, info):
        return root[0].lines

    @staticmethod
    def resolve_weight_grams(root, info):
        return root[0].weight_grams

    @staticmethod
    def resolve_subtotal(root, info):
        return money(root[0].subtotal, root[1].currency)

    @staticmethod
    def resolve_shipping_price(root, info):
        return money(root[1].parcel_shipping_price(root[0]), root[1].currency)

    @staticmethod
    def resolve_discount(root, info):  # type: ignore[no-untyped-def]
        return money(root[1].parcel_discount(root[0]), root[1].currency)


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
    delivery = graphene.Field(
        Delivery,
        description="The chosen delivery: a shipping method or a collection point.",
    )
    problems = graphene.List(
        graphene.NonNull(CheckoutProblem),
        description="What stops the checkout from being completed now (invalid delivery, stock...).",
    )
    authorize_status = graphene.Field(
        CheckoutAuthorizeStatusEnum,
        required=True,
        description="How much of the total the transactions cover (authorized, charged or pending): "
        "FULL lets checkoutComplete place the order.",
    )
    charge_status = graphene.Field(
        CheckoutChargeStatusEnum, required=True, description="How much of the total the transactions charged."
    )
    transactions = graphene.List(
        graphene.NonNull(TransactionItem), description="The checkout's transactions (the transactions API)."
    )
    discount = graphene.Field(
        Money,
        description="The applied voucher's discount (0 while it does not apply); totalPrice is "
        "subtotalPrice + shippingPrice - discount. See vendorParcels for each shop's part of it.",
    )
    discount_name = graphene.String(description="The name of the voucher giving the discount.")
    translated_discount_name = graphene.String(
        description="The voucher's name in the checkout's language (vouchers have no translations yet: null)."
    )
    voucher_code = graphene.String(description="The code of the voucher applied to the checkout.")
    gift_cards = graphene.List(
        graphene.NonNull(GiftCard), required=True, description="Gift cards applied: the marketplace has none."
    )

    class Meta:
        model = CheckoutModel
        fields = ("id", "email")
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "Checkout object: one cart across many artisan shops."

    @staticmethod
    def metadata_readable(root: CheckoutModel, info) -> bool:
        return True  # whoever reached the checkout holds it

    @staticmethod
    def private_metadata_readable(root: CheckoutModel, info) -> bool:
        return has_one_of(info, [PermissionEnum.MANAGE_ORDERS])

    @staticmethod
    def resolve_id(root: CheckoutModel, info):
        return str(root.pk)

    @staticmethod
    def resolve_email(root: CheckoutModel, info):
        return root.email or None

    @staticmethod
    def resolve_token(root: CheckoutModel, info):
        return root.pk

    @staticmethod
    def resolve_created(root: CheckoutModel, info):
        return root.created_at

    @staticmethod
    def resolve_language_code(root: CheckoutModel, info):
        return root.language_code

    @staticmethod
    def resolve_user(root: CheckoutModel, info):
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
    def resolve_vendor_parcels(root: CheckoutModel, info):
        return then(checkout_info(info, root), lambda data: [(parcel, data) for parcel in data.parcels])

    @staticmethod
    def resolve_shipping_methods(root: CheckoutModel, info):
        address = root.shipping_address
        if address is None:
            return []
        methods = ShippingMethodsByProvinceLoader(info.context).load(canonical_province(address.country_area))
        return then(
            gather([checkout_info(info, root), methods]), lambda loaded: loaded[0].options_among(loaded[1])
        )

    @staticmethod
    def resolve_available_collection_points(root: CheckoutModel, info):
        return then(
            checkout_info(info, root),
            lambda data: CollectionPointsByVendorIdsLoader(info.context).load(frozenset(data.vendor_ids)),
        )

    @staticmethod
    def resolve_delivery_method(root: CheckoutModel, info):
        if root.collection_point is not None:
            return root.collection_point
        if root.shipping_method is not None:
            return then(checkout_info(info, root), lambda data: data.method_option(root.shipping_method))
        return None

    @staticmethod
    def resolve_available_payment_gateways(root: CheckoutModel, info):
        return [PaymentGateway.of(g) for g in available_gateways(root.currency)]

    @staticmethod
    def resolve_stock_reservation_expires(root: CheckoutModel, info):
        return ReservationExpiryByCheckoutTokenLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_delivery(root: CheckoutModel, info):
        return then(checkout_info(info, root), lambda data: chosen_delivery(data))

    @staticmethod
    def resolve_problems(root: CheckoutModel, info):
        def with_info(data: CheckoutInfo):
            address = root.shipping_address
            methods = (
                ShippingMethodsByProvinceLoader(info.context).load(canonical_province(address.country_area))
                if address is not None and data.is_shipping_required
                else []
            )
            points = CollectionPointsByVendorIdsLoader(info.context).load(frozenset(data.vendor_ids))
            tracked = [(root.pk, i.variant.pk) for i in data.lines if i.variant.track_inventory]
            stock = AvailableByCheckoutVariantLoader(info.context).load_many(tracked)
            return then(gather([methods, points, stock]), lambda loaded: _problems(data, *loaded, tracked))  # type: ignore[call-arg]

        return then(checkout_info(info, root), with_info)

    @staticmethod
    def resolve_authorize_status(root: CheckoutModel, info):
        return then(_payment_data(info, root), lambda loaded: statuses.checkout_statuses(*loaded)[0])

    @staticmethod
    def resolve_charge_status(root: CheckoutModel, info):
        return then(_payment_data(info, root), lambda loaded: statuses.checkout_statuses(*loaded)[1])

    @staticmethod
    def resolve_transactions(root: CheckoutModel, info):
        return TransactionItemsByCheckoutTokenLoader(info.context).load(root.pk)

    resolve_discount = staticmethod(_with_info("discount", lambda amount, root: money(amount, root.currency)))

    @staticmethod
    def resolve_discount_name(root: CheckoutModel, info):
        return then(checkout_info(info, root), lambda data: _applied_voucher_name(data))

    @staticmethod
    def resolve_translated_discount_name(root: CheckoutModel, info):
        return None  # vouchers have no translations yet: storefronts show discountName

    @staticmethod
    def resolve_voucher_code(root: CheckoutModel, info):
        return then(
            checkout_info(info, root), lambda data: data.voucher_code.code if data.voucher_code else None
        )

    @staticmethod
    def resolve_gift_cards(root: CheckoutModel, info):
        return []


def _applied_voucher_name(data: CheckoutInfo) -> str | None:
    """The voucher's name while it gives a discount (Saleor's discountName)."""
    if data.voucher_code is None or data.discount_split is None:
        return None
    return data.voucher_code.voucher.name or None


def chosen_delivery(data: CheckoutInfo) -> CheckoutDelivery | None:
    checkout = data.checkout
    if checkout.collection_point is not None:
        option = PickupOption(checkout.collection_point, data.currency, checkout.language_code)
        return CheckoutDelivery(checkout.pk, option)
    if checkout.shipping_method is not None:
        return CheckoutDelivery(checkout.pk, data.method_option(checkout.shipping_method))
    return None


def _problems(data: CheckoutInfo, methods, points, stock, tracked) -> list:
    found: list = []
    delivery = chosen_delivery(data)
    if delivery is not None and problems.delivery_invalid(data, data.options_among(methods), points):
        found.append(invalid_delivery(delivery))
    available = {variant_id: units for (_, variant_id), units in zip(tracked, stock, strict=True)}
    found += [insufficient(line, units) for line, units in problems.insufficient_stock(data, available)]
    found += [unavailable(line) for line in problems.unavailable_lines(data)]
    return found


def _payment_data(info, root: CheckoutModel):
    """``(total, has lines, transactions)``: what the payment statuses are computed from."""
    return then(
        gather(
            [checkout_info(info, root), TransactionItemsByCheckoutTokenLoader(info.context).load(root.pk)]
        ),
        lambda loaded: (loaded[0].total, bool(loaded[0].lines), loaded[1]),
    )


CheckoutCountableConnection: type[CountableConnection] = connection_for(Checkout)
