"""Saleor's ``CheckoutProblem`` union: what would stop the checkout from being completed now
(``marketplace.checkout.problems``)."""

import graphene

from marketplace.checkout.fetch import LineInfo
from storefront_api.checkout.delivery import CheckoutDelivery, Delivery
from storefront_api.core.context import ChannelContext


def line_variant(line: LineInfo) -> ChannelContext:
    """A checkout line's variant, seen in the checkout's channel."""
    checkout = line.line.checkout
    return ChannelContext(line.variant, checkout.channel.slug, checkout.channel_id)


class CheckoutProblemDeliveryMethodStale(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True, description="The delivery method that is stale.")

    class Meta:
        description = (
            "The chosen delivery's price needs recalculating. Never reported here: delivery prices are "
            "computed at every read."
        )


class CheckoutProblemDeliveryMethodInvalid(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True, description="The delivery method that is invalid.")

    class Meta:
        description = (
            "The chosen delivery cannot serve the checkout any more (another zone, a parcel too heavy, "
            "a collection point that cannot serve every shop): choose another."
        )


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int(description="Available quantity of a variant.")
    line = graphene.Field("storefront_api.checkout.types.CheckoutLine", required=True)
    variant = graphene.Field("storefront_api.catalog.types.products.ProductVariant", required=True)

    class Meta:
        description = "Indicates insufficient stock for a given checkout line."

    @staticmethod
    def resolve_variant(root, info):
        return line_variant(root.line)


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field("storefront_api.checkout.types.CheckoutLine", required=True)

    class Meta:
        description = "The variant assigned to the checkout line is not available."


class CheckoutProblem(graphene.Union):
    class Meta:
        types = (
            CheckoutProblemDeliveryMethodStale,
            CheckoutProblemDeliveryMethodInvalid,
            CheckoutLineProblemInsufficientStock,
            CheckoutLineProblemVariantNotAvailable,
        )
        description = "Represents a problem in the checkout."


def invalid_delivery(delivery: CheckoutDelivery) -> CheckoutProblemDeliveryMethodInvalid:
    return CheckoutProblemDeliveryMethodInvalid(delivery=delivery)


def insufficient(line: LineInfo, available: int) -> CheckoutLineProblemInsufficientStock:
    return CheckoutLineProblemInsufficientStock(available_quantity=available, line=line)


def unavailable(line: LineInfo) -> CheckoutLineProblemVariantNotAvailable:
    return CheckoutLineProblemVariantNotAvailable(line=line)
