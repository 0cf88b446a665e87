"""Saleor's shippingZoneCreate, shippingZoneDelete and shippingPriceDelete, for staff with
MANAGE_CHANNELS (this marketplace's counterpart of Saleor's MANAGE_SHIPPING); the back
office calls the same services."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.permissions import PermissionEnum
from marketplace.core.errors import field_error
from marketplace.shipping import selectors, services
from marketplace.shipping.error_codes import ShippingErrorCode
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.shipping.errors import ShippingError
from storefront_api.shipping.types import ShippingMethodType, ShippingZone

MAX_PROVINCES = 63  # Vietnam has 34 provinces since 2025; a longer list is malformed


class ShippingZoneCreateInput(graphene.InputObjectType):
    name = graphene.String(description="The zone's name.")
    provinces = graphene.List(
        graphene.NonNull(graphene.String),
        description=(
            "Official province names (with or without accents and Tỉnh/Thành phố), at most 63; "
            "a province belongs to one zone at most. Stands for Saleor's countries."
        ),
    )


class ShippingZoneCreate(BaseMutation):
    shipping_zone = graphene.Field(ShippingZone)

    class Arguments:
        input = ShippingZoneCreateInput(required=True)

    class Meta:
        description = (
            "Create a shipping zone (never the default one) with its provinces; add methods in the "
            "back office."
        )
        permissions = (PermissionEnum.MANAGE_CHANNELS,)
        error_type_class = ShippingError

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, input: Any) -> Any:
        provinces = list(input.get("provinces") or [])
        if len(provinces) > MAX_PROVINCES:
            raise field_error(
                "provinces", ShippingErrorCode.INVALID, _("At most %(limit)s provinces."), limit=MAX_PROVINCES
            )
        zone = services.shipping_zone_create(
            actor=principal(info), name=input.get("name") or "", provinces=provinces
        )
        return cls.success(shipping_zone=zone)


class ShippingZoneDelete(BaseMutation):
    shipping_zone = graphene.Field(ShippingZone)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the shipping zone to delete.")

    class Meta:
        description = (
            "Delete a shipping zone and its methods. Orders keep the method's name and price they "
            "were bought with. Refused (IN_USE) while a checkout being paid uses one of its methods; "
            "the default zone cannot be deleted (INVALID)."
        )
        permissions = (PermissionEnum.MANAGE_CHANNELS,)
        error_type_class = ShippingError

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, id: str) -> Any:
        zone = selectors.zone_by_id(cls.decode_id(id, only_type="ShippingZone", field="id"))
        if zone is None:
            raise field_error("id", ShippingErrorCode.NOT_FOUND, _("This shipping zone no longer exists."))
        pk = zone.pk
        services.shipping_zone_delete(actor=principal(info), zone=zone)
        zone.pk = pk  # the payload still names what was deleted, as in Saleor
        return cls.success(shipping_zone=zone)


class ShippingPriceDelete(BaseMutation):
    shipping_method = graphene.Field(ShippingMethodType)
    shipping_zone = graphene.Field(ShippingZone)

    class Arguments:
        id = graphene.ID(
            required=True,
            description="ID of the shipping method to delete (a ShippingMethodType or ShippingMethod ID).",
        )

    class Meta:
        description = (
            "Delete a shipping method. Orders keep its name and price as bought; checkouts that "
            "chose it choose again. Refused (IN_USE) while a checkout being paid uses it."
        )
        permissions = (PermissionEnum.MANAGE_CHANNELS,)
        error_type_class = ShippingError

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, id: str) -> Any:
        try:
            pk = cls.decode_id(id, only_type="ShippingMethodType", field="id")
        except ValidationError:  # the ID a checkout's delivery options show
            pk = cls.decode_id(id, only_type="ShippingMethod", field="id")
        method = selectors.method_with_zone_by_id(pk)
        if method is None:
            raise field_error("id", ShippingErrorCode.NOT_FOUND, _("This shipping method no longer exists."))
        services.shipping_method_delete(actor=principal(info), method=method)
        method.pk = pk
        return cls.success(shipping_method=method, shipping_zone=method.zone)
