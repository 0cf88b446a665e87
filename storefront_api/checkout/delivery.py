"""Delivery options as Saleor shows them: ``ShippingMethod`` (a shipping method priced over
every artisan parcel, a collection point offered as a free "method", or an order's method),
the ``DeliveryMethod`` union and the checkout's ``Delivery`` options.

A ``Delivery`` ID names one option of one checkout (``CheckoutDelivery:<token>/<kind>/<pk>``,
kind ``s`` a shipping method, ``w`` a collection point): deterministic, so
``deliveryOptionsCalculate`` and ``Checkout.delivery`` give the same ID for the same option,
and another checkout's ID is not applicable.
"""

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

import graphene
from graphql_relay import from_global_id

from marketplace.checkout.delivery import PickupOption
from marketplace.checkout.fetch import MethodOption
from marketplace.inventory.models import Warehouse as WarehouseModel
from storefront_api.catalog.types.pricing import money
from storefront_api.core.ids import to_id
from storefront_api.core.types import Money
from storefront_api.inventory.types import Warehouse

KINDS = {"shipping": "s", "pickup": "w"}


@dataclass(frozen=True)
class OrderShipping:
    """An order's shipping method, as bought (name and price copied at purchase)."""

    method: Any  # ShippingMethod model
    name: str
    price: Decimal
    currency: str

    kind = "shipping"
    active = True
    message = ""

    @property
    def pk(self) -> int:
        return self.method.pk

    @property
    def description(self) -> str:
        return self.method.description

    @property
    def minimum_delivery_days(self) -> int | None:
        return self.method.minimum_delivery_days

    @property
    def maximum_delivery_days(self) -> int | None:
        return self.method.maximum_delivery_days


Option = MethodOption | PickupOption | OrderShipping


class ShippingMethod(graphene.ObjectType):
    id = graphene.ID(
        required=True, description="A ShippingMethod ID; for a collection point, the Warehouse's ID."
    )
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
        description = (
            "Shipping method available for the checkout, priced per artisan parcel; a collection "
            "point appears as a free method named after it."
        )

    @staticmethod
    def resolve_id(root: Option, info):
        return to_id("Warehouse" if root.kind == "pickup" else "ShippingMethod", root.pk)

    @staticmethod
    def resolve_description(root: Option, info):
        if not root.description:
            return None
        return {"blocks": [{"type": "paragraph", "data": {"text": escape(root.description)}}]}

    @staticmethod
    def resolve_message(root: Option, info):
        return str(root.message) or None

    @staticmethod
    def resolve_price(root: Option, info):
        return money(root.price, root.currency)


class DeliveryMethod(graphene.Union):
    class Meta:
        types = (Warehouse, ShippingMethod)
        description = "A shipping method, or a warehouse to pick up from (click and collect)."

    @classmethod
    def resolve_type(cls, instance, info):
        return Warehouse if isinstance(instance, WarehouseModel) else ShippingMethod


@dataclass(frozen=True)
class CheckoutDelivery:
    checkout_token: Any
    option: Option


def delivery_id(token: Any, option: Option) -> str:
    return to_id("CheckoutDelivery", f"{token}/{KINDS[option.kind]}/{option.pk}")


def parse_delivery_id(global_id: str) -> tuple[str, str, int] | None:
    """``(checkout token, kind, pk)`` of a Delivery ID, or None when it is not one."""
    try:
        kind, raw = from_global_id(global_id)
        token, letter, pk = raw.split("/")
        number = int(pk)
    except Exception:
        return None
    if kind != "CheckoutDelivery" or letter not in KINDS.values() or not 0 < number < 2**63:
        return None
    return token, letter, number


class Delivery(graphene.ObjectType):
    id = graphene.ID(required=True, description="The ID of the delivery.")
    shipping_method = graphene.Field(
        ShippingMethod, description="Shipping method represented by the delivery."
    )

    class Meta:
        description = (
            "Represents a delivery option for the checkout: a shipping method priced over every "
            "artisan parcel, or a collection point."
        )

    @staticmethod
    def resolve_id(root: CheckoutDelivery, info):
        return delivery_id(root.checkout_token, root.option)

    @staticmethod
    def resolve_shipping_method(root: CheckoutDelivery, info):
        return root.option
