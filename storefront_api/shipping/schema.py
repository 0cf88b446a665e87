import graphene

from storefront_api.shipping.mutations.zones import (
    ShippingPriceDelete,
    ShippingZoneCreate,
    ShippingZoneDelete,
)


class ShippingMutations(graphene.ObjectType):
    shipping_zone_create = ShippingZoneCreate.Field()
    shipping_zone_delete = ShippingZoneDelete.Field()
    shipping_price_delete = ShippingPriceDelete.Field()
