"""A checkout with everything needed to price and check it, loaded in a fixed number of
queries whatever the number of lines (checkout, lines, variant listings, product
listings; shipping methods and collection points only when asked for).

Prices come only from the channel listings, at the moment of reading: a client never
sets a price, and a price change is seen by the next read.
"""

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.addresses import canonical_province
from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.core.errors import StrOrPromise, interpolated
from marketplace.core.money import quantize
from marketplace.discounts import eligibility, pricing
from marketplace.discounts.models import VoucherCode
from marketplace.shipping.models import ShippingMethod
from marketplace.shipping.pricing import accepts_weight, parcel_price
from marketplace.shipping.selectors import methods_for_province
from vendors.shops.models import Vendor, VendorStatus


@dataclass
class LineInfo:
    line: CheckoutLine
    variant: ProductVariant
    product: Product
    vendor: Vendor
    variant_listing: ProductVariantChannelListing | None
    product_listing: ProductChannelListing | None

    @property
    def is_priced(self) -> bool:
        return self.variant_listing is not None

    @property
    def unit_price(self) -> Decimal:
        assert self.variant_listing is not None
        return quantize(self.variant_listing.price_amount, self.variant_listing.currency)

    @property
    def total_price(self) -> Decimal:
        return self.unit_price * self.line.quantity

    @property
    def unit_weight_grams(self) -> int:
        return (
            self.variant.weight_grams or self.product.weight_grams or self.product.product_type.weight_grams
        )

    @property
    def is_shipping_required(self) -> bool:
        return self.product.product_type.is_shipping_required

    @property
    def is_published(self) -> bool:
        listing = self.product_listing
        return bool(
            self.vendor.status == VendorStatus.ACTIVE
            and listing is not None
            and listing.is_published
            and (listing.published_at is None or listing.published_at <= timezone.now())
        )

    @property
    def is_available_for_purchase(self) -> bool:
        listing = self.product_listing
        return bool(
            listing is not None
            and listing.available_for_purchase_at is not None
            and listing.available_for_purchase_at <= timezone.now()
        )


@dataclass
class Parcel:
    """One artisan's part of the checkout: shipped (or brought to pickup) on its own."""

    vendor: Vendor
    lines: list[LineInfo] = field(default_factory=list)

    @property
    def weight_grams(self) -> int:
        return sum(info.unit_weight_grams * info.line.quantity for info in self.lines)

    @property
    def subtotal(self) -> Decimal:
        return sum((info.total_price for info in self.lines), Decimal(0))

    @property
    def is_shipping_required(self) -> bool:
        return any(info.is_shipping_required for info in self.lines)


@dataclass
class MethodOption:
    """A shipping method as the checkout sees it: its price over every parcel."""

    method: ShippingMethod
    price: Decimal
    active: bool
    message: StrOrPromise  # why the method is inactive ("" when it is active)

    kind = "shipping"

    @property
    def pk(self) -> int:
        return self.method.pk

    @property
    def name(self) -> str:
        return self.method.name

    @property
    def description(self) -> str:
        return self.method.description

    @property
    def currency(self) -> str:
        return self.method.currency

    @property
    def minimum_delivery_days(self) -> int | None:
        return self.method.minimum_delivery_days

    @property
    def maximum_delivery_days(self) -> int | None:
        return self.method.maximum_delivery_days


class CheckoutInfo:
    def __init__(
        self, checkout: Checkout, lines: list[LineInfo], voucher_code: VoucherCode | None = None
    ) -> None:
        self.checkout = checkout
        self.all_lines = lines
        self.voucher_code = voucher_code  # the applied code, with its voucher and shop

    @property
    def currency(self) -> str:
        return self.checkout.currency

    @cached_property
    def lines(self) -> list[LineInfo]:
        """The lines that can be priced in the checkout's channel (others are not shown)."""
        return [info for info in self.all_lines if info.is_priced]

    @property
    def quantity(self) -> int:
        return sum(info.line.quantity for info in self.lines)

    @cached_property
    def parcels(self) -> list[Parcel]:
        parcels: OrderedDict[int, Parcel] = OrderedDict()
        for info in self.lines:
            parcels.setdefault(info.vendor.pk, Parcel(vendor=info.vendor)).lines.append(info)
        return list(parcels.values())

    @property
    def is_shipping_required(self) -> bool:
        return any(info.is_shipping_required for info in self.lines)

    @property
    def subtotal(self) -> Decimal:
        return quantize(sum((info.total_price for info in self.lines), Decimal(0)), self.currency)

    def parcel_shipping_price(self, parcel: Parcel) -> Decimal:
        method = self.checkout.shipping_method
        if method is None or not parcel.is_shipping_required:
            return quantize(0, self.currency)
        return parcel_price(method, parcel.weight_grams)

    @property
    def shipping_price(self) -> Decimal:
        return quantize(sum((self.parcel_shipping_price(p) for p in self.parcels), Decimal(0)), self.currency)

    @property
    def vendor_subtotals(self) -> dict[int, Decimal]:
        """Each shop's part: shop id -> its subtotal (the voucher's base)."""
        return {parcel.vendor.pk: quantize(parcel.subtotal, self.currency) for parcel in self.parcels}

    def voucher_refusal(self, **counts: int | None) -> eligibility.Refused | None:
        """Why the applied voucher does not apply now (None: it applies, or none is applied);
        ``used``/``customer_uses`` are checked when given (at completion, under its lock)."""
        code = self.voucher_code
        if code is None:
            return None
        if not code.is_active:
            return eligibility.unknown()
        return eligibility.refusal(
            code.voucher,
            channel_id=self.checkout.channel_id,
            parts=self.vendor_subtotals,
            now=timezone.now(),
            **counts,
        )

    @cached_property
    def discount_split(self) -> pricing.DiscountSplit | None:
        """The applied voucher's discount split by shop, while it applies (None otherwise)."""
        if self.voucher_code is None or self.voucher_refusal() is not None:
            return None
        return pricing.split(self.voucher_code.voucher, self.vendor_subtotals, self.currency)

    @property
    def discount(self) -> Decimal:
        split = self.discount_split
        return split.amount if split else quantize(0, self.currency)

    def parcel_discount(self, parcel: Parcel) -> Decimal:
        split = self.discount_split
        return (
            split.by_vendor.get(parcel.vendor.pk, quantize(0, self.currency))
            if split
            else quantize(0, self.currency)
        )

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping_price - self.discount

    def method_option(self, method: ShippingMethod) -> MethodOption:
        shipped = [p for p in self.parcels if p.is_shipping_required]
        price = sum((parcel_price(method, p.weight_grams) for p in shipped), Decimal(0))
        too_heavy = [p for p in shipped if not accepts_weight(method, p.weight_grams)]
        message: StrOrPromise = ""
        if too_heavy:
            message = interpolated(
                _("A parcel is heavier than %(limit)s g (%(shops)s)."),
                {"limit": method.maximum_weight_grams, "shops": ", ".join(p.vendor.name for p in too_heavy)},
            )
        return MethodOption(method, quantize(price, self.currency), not too_heavy, message)

    def options_among(self, methods: list[ShippingMethod]) -> list[MethodOption]:
        """``methods`` (those of the shipping address's zone) priced for every parcel;
        methods a parcel is too heavy for are listed with ``active`` false, as Saleor does."""
        if self.checkout.shipping_address is None or not self.is_shipping_required:
            return []
        return [self.method_option(method) for method in methods]

    @cached_property
    def shipping_options(self) -> list[MethodOption]:
        address = self.checkout.shipping_address
        return self.options_among(
            methods_for_province(canonical_province(address.country_area)) if address else []
        )

    def option_for(self, method_id: int) -> MethodOption | None:
        return next((o for o in self.shipping_options if o.method.pk == method_id), None)

    @property
    def vendor_ids(self) -> set[int]:
        return {info.vendor.pk for info in self.all_lines}


def load_checkout(token: Any) -> Checkout | None:
    return (
        Checkout.objects.select_related(
            "channel",
            "user",
            "shipping_address",
            "billing_address",
            "shipping_method",
            "collection_point__address",
        )
        .filter(token=token)
        .first()
    )


def fetch_checkout_info(checkout: Checkout) -> CheckoutInfo:
    return fetch_checkout_infos([checkout])[0]


def fetch_checkout_infos(checkouts: list[Checkout]) -> list[CheckoutInfo]:
    """Three queries whatever the number of checkouts and lines: the lines (with variant,
    product, type and vendor), the variants' listings and the products' listings; a fourth
    for the applied voucher codes when any checkout has one."""
    by_token = {checkout.pk: checkout for checkout in checkouts}
    lines = list(
        CheckoutLine.objects.filter(checkout_id__in=by_token)
        .select_related("variant__product__product_type", "variant__product__vendor")
        .order_by("created_at", "pk")
    )
    for line in lines:
        line.checkout = by_token[line.checkout_id]
    channel_ids = {checkout.channel_id for checkout in checkouts}
    variant_listings = {
        (listing.variant_id, listing.channel_id): listing
        for listing in ProductVariantChannelListing.objects.filter(
            variant_id__in={line.variant_id for line in lines}, channel_id__in=channel_ids
        )
    }
    product_listings = {
        (listing.product_id, listing.channel_id): listing
        for listing in ProductChannelListing.objects.filter(
            product_id__in={line.variant.product_id for line in lines}, channel_id__in=channel_ids
        )
    }
    infos: dict[Any, list[LineInfo]] = {token: [] for token in by_token}
    for line in lines:
        channel_id = line.checkout.channel_id
        infos[line.checkout_id].append(
            LineInfo(
                line=line,
                variant=line.variant,
                product=line.variant.product,
                vendor=line.variant.product.vendor,
                variant_listing=variant_listings.get((line.variant_id, channel_id)),
                product_listing=product_listings.get((line.variant.product_id, channel_id)),
            )
        )
    code_ids = {checkout.voucher_code_id for checkout in checkouts if checkout.voucher_code_id}
    codes = (
        {
            code.pk: code
            for code in VoucherCode.objects.select_related("voucher__vendor").filter(pk__in=code_ids)
        }
        if code_ids
        else {}
    )
    return [
        CheckoutInfo(
            checkout,
            infos[checkout.pk],
            codes.get(checkout.voucher_code_id) if checkout.voucher_code_id else None,
        )
        for checkout in checkouts
    ]
