"""Route reads that encode who sees what, and the "shop this route" product rules."""

from typing import Any

from django.db.models import Q, QuerySet

from marketplace.accounts.actors import Actor
from marketplace.accounts.permissions import PermissionEnum, effective_permissions
from marketplace.catalog.models import Product
from marketplace.inventory.models import ClickAndCollectOption, Warehouse
from marketplace.routes.models import TourismRoute, TourismRouteStop
from vendors.shops.models import VendorStatus


def can_manage_routes(actor: Actor) -> bool:
    return PermissionEnum.MANAGE_ROUTES in effective_permissions(actor)


def routes_visible_to(actor: Actor) -> QuerySet[TourismRoute]:
    """Published routes; every route for staff (and apps) holding MANAGE_ROUTES."""
    qs = TourismRoute.objects.all()
    return qs if can_manage_routes(actor) else qs.filter(is_published=True)


def route_village_ids(route_id: int) -> QuerySet[Any]:
    """The villages of a route's stops, as a subquery."""
    return TourismRouteStop.objects.filter(route_id=route_id, village_id__isnull=False).values("village_id")


def products_along_route(qs: QuerySet[Product], *, route_id: int) -> QuerySet[Product]:
    """Narrow (already visible) products to those of ACTIVE shops in the route's villages."""
    return qs.filter(vendor__status=VendorStatus.ACTIVE, vendor__village_id__in=route_village_ids(route_id))


def products_along_published_route(qs: QuerySet[Product], *, route_id: int) -> QuerySet[Product]:
    """As ``products_along_route``, but nothing for an unknown or unpublished route (the
    public product filter must not reveal the villages of a draft route)."""
    if not TourismRoute.objects.filter(pk=route_id, is_published=True).exists():
        return qs.none()
    return products_along_route(qs, route_id=route_id)


def published_routes_by_village(village_ids: list[int]) -> dict[int, list[TourismRoute]]:
    """Published routes with a stop in each village (one query), ordered by name."""
    stops = (
        TourismRouteStop.objects.filter(village_id__in=village_ids, route__is_published=True)
        .select_related("route")
        .order_by("route__name", "route__pk", "position")
    )
    result: dict[int, list[TourismRoute]] = {}
    seen: set[tuple[int, int]] = set()
    for stop in stops:
        assert stop.village_id is not None
        if (stop.village_id, stop.route_id) in seen:
            continue
        seen.add((stop.village_id, stop.route_id))
        result.setdefault(stop.village_id, []).append(stop.route)
    return result


def collection_points_by_village(village_ids: list[int | None]) -> dict[int | None, list[Warehouse]]:
    """Where a buyer picks up on a stop, per village (``None``: a stop without a village).

    The LOCAL workshops of the village's ACTIVE shops (their own stock), then every ALL
    point (the Design Centre: any shop's items, consolidated). One query for all villages.
    """
    wanted = [pk for pk in village_ids if pk is not None]
    local = Q(
        click_and_collect_option=ClickAndCollectOption.LOCAL,
        vendor__status=VendorStatus.ACTIVE,
        vendor__village_id__in=wanted,
    )
    rows = (
        Warehouse.objects.filter(Q(click_and_collect_option=ClickAndCollectOption.ALL) | local)
        .select_related("address", "vendor")
        .order_by("name", "slug")
    )
    everywhere: list[Warehouse] = []
    per_village: dict[int, list[Warehouse]] = {}
    for warehouse in rows:
        if warehouse.click_and_collect_option == ClickAndCollectOption.ALL:
            everywhere.append(warehouse)
        else:
            assert warehouse.vendor is not None and warehouse.vendor.village_id is not None
            per_village.setdefault(warehouse.vendor.village_id, []).append(warehouse)
    return {pk: [*(per_village.get(pk, []) if pk is not None else []), *everywhere] for pk in village_ids}


def route_by_id(pk: int) -> TourismRoute | None:
    return TourismRoute.objects.filter(pk=pk).first()
