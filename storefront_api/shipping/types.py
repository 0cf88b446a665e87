"""Saleor's ShippingZone and ShippingMethodType, as the staff's shipping mutations return
them (no query lists them yet; a checkout's options are ``ShippingMethod``)."""

import graphene

from marketplace.shipping.models import ShippingMethod as ShippingMethodModel
from marketplace.shipping.models import ShippingZone as ShippingZoneModel
from storefront_api.core.object_types import ModelObjectType


class ShippingZone(ModelObjectType):
    name = graphene.String(required=True)
    default = graphene.Boolean(
        required=True, description="The default zone takes every province not listed in another zone."
    )
    provinces = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="The provinces (official names) the zone serves; Vietnam's counterpart of "
        "Saleor's countries.",
    )

    class Meta:
        model = ShippingZoneModel
        fields = ("id", "name")
        description = "A group of provinces with its shipping methods."

    @staticmethod
    def resolve_default(root: ShippingZoneModel, info: graphene.ResolveInfo) -> bool:
        return root.is_default

    @staticmethod
    def resolve_provinces(root: ShippingZoneModel, info: graphene.ResolveInfo) -> list[str]:
        return list(root.provinces or [])


class ShippingMethodType(ModelObjectType):
    name = graphene.String(required=True)
    minimum_delivery_days = graphene.Int()
    maximum_delivery_days = graphene.Int()

    class Meta:
        model = ShippingMethodModel
        fields = ("id", "name", "minimum_delivery_days", "maximum_delivery_days")
        description = "A shipping method of a zone, as staff manage it."
