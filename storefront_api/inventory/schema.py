"""Warehouses, with Saleor's names: staff with MANAGE_PRODUCTS or MANAGE_ORDERS read every
warehouse; a shop's members read their shop's (the vendor policy's queryset)."""

import graphene

from marketplace.accounts.permissions import PermissionEnum
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id, decode_ids
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import describe, principal
from storefront_api.core.types import page_args
from storefront_api.inventory.types import Warehouse, WarehouseCountableConnection
from vendors.shops.selectors import warehouses_visible_to

WHO = (
    describe([PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS])
    + " A shop's members also read their own shop's warehouses."
)


class WarehouseFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))


def _visible(info):  # type: ignore[no-untyped-def]
    qs = warehouses_visible_to(principal(info))
    if qs is None:
        raise api_error(
            "You need one of the following permissions: MANAGE_PRODUCTS, MANAGE_ORDERS.", "PermissionDenied"
        )
    return qs


class InventoryQueries(graphene.ObjectType):
    warehouses = graphene.Field(
        WarehouseCountableConnection,
        filter=WarehouseFilterInput(),
        **page_args(),
        description="List of warehouses." + WHO,
    )
    warehouse = graphene.Field(
        Warehouse,
        id=graphene.ID(required=True, description="ID of a warehouse."),
        description="Look up a warehouse by ID." + WHO,
    )

    @staticmethod
    def resolve_warehouses(root, info, filter=None, **args):  # type: ignore[no-untyped-def]
        qs = _visible(info)
        filter = filter or {}
        if filter.get("ids") is not None:
            qs = qs.filter(pk__in=decode_ids(filter["ids"][:100], only_type="Warehouse"))
        search = (filter.get("search") or "").strip()[:100]
        if search:
            qs = qs.filter(name__icontains=search)
        page = paginate(qs, sort=[SortKey("slug")], connection_name="warehouses", **args)
        return WarehouseCountableConnection.from_page(page)

    @staticmethod
    def resolve_warehouse(root, info, id):  # type: ignore[no-untyped-def]
        return _visible(info).filter(pk=decode_id(id, only_type="Warehouse")).first()
