"""Prices seen in a channel. Prices are tax-inclusive (household sellers charge no VAT
separately), so net equals gross and tax is zero; there are no discounts yet."""

from decimal import Decimal
from typing import Any

import graphene

from marketplace.catalog.models import ProductChannelListing, ProductVariantChannelListing
from storefront_api.core.context import node_of
from storefront_api.core.types import Money, TaxedMoney, TaxedMoneyRange


def money(amount: Decimal, currency: str) -> Money:
    return Money(amount=float(amount), currency=currency)


def taxed_money(amount: Decimal, currency: str) -> TaxedMoney:
    gross = money(amount, currency)
    return TaxedMoney(net=gross, gross=gross, tax=money(Decimal(0), currency), currency=currency)


def money_field(amount_attr: str, *, taxed: bool = False, **options: Any) -> graphene.Field:
    """A ``Money`` (or ``TaxedMoney``) field read from a model's amount and ``currency``."""

    def resolve(root: Any, info: Any) -> Money | TaxedMoney:
        node = node_of(root)
        return (taxed_money if taxed else money)(getattr(node, amount_attr), node.currency)

    return graphene.Field(TaxedMoney if taxed else Money, resolver=resolve, **options)


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean(description="Whether it is in sale or not.")
    discount = graphene.Field(TaxedMoney, description="The discount amount if in sale (null otherwise).")
    display_gross_prices = graphene.Boolean(required=True)
    price_range = graphene.Field(
        TaxedMoneyRange, description="The discounted price range of the product variants."
    )
    price_range_undiscounted = graphene.Field(
        TaxedMoneyRange, description="The undiscounted price range of the product variants."
    )

    class Meta:
        description = "Represents availability of a product in the storefront."


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean(description="Whether it is in sale or not.")
    discount = graphene.Field(TaxedMoney, description="The discount amount if in sale (null otherwise).")
    price = graphene.Field(TaxedMoney, description="The price, with any discount subtracted.")
    price_undiscounted = graphene.Field(TaxedMoney, description="The price without any discount.")

    class Meta:
        description = "Represents availability of a variant in the storefront."


def listing_pricing(listing: ProductChannelListing | None) -> ProductPricingInfo | None:
    """A product's pricing in a channel from its listing there: the cheapest and the dearest
    price of its variants priced in the channel, which the listing keeps (``catalog.pricing``);
    None when no variant is priced there (or the product is not listed there)."""
    if listing is None or listing.discounted_price_amount is None:
        return None
    start = listing.discounted_price_amount
    stop = listing.highest_price_amount if listing.highest_price_amount is not None else start
    return product_pricing_from(start, stop, listing.currency)


def product_pricing_from(start: Decimal, stop: Decimal, currency: str) -> ProductPricingInfo:
    price_range = TaxedMoneyRange(start=taxed_money(start, currency), stop=taxed_money(stop, currency))
    return ProductPricingInfo(
        on_sale=False,
        discount=None,
        display_gross_prices=True,
        price_range=price_range,
        price_range_undiscounted=price_range,
    )


def variant_pricing(listing: ProductVariantChannelListing | None) -> VariantPricingInfo | None:
    if listing is None:
        return None
    price = taxed_money(listing.price_amount, listing.currency)
    return VariantPricingInfo(on_sale=False, discount=None, price=price, price_undiscounted=price)
