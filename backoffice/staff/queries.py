"""Every read of the staff console, each a fixed number of SQL queries whatever the number
of rows. Shops come from the vendor policy's queryset form (``vendors_for``)."""

from typing import Any

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, Q, QuerySet

from marketplace.accounts.actors import Actor
from marketplace.accounts.models import Group, User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.core.text import search_terms, word_start
from marketplace.routes.models import TourismRoute, TourismRouteStop
from marketplace.routes.selectors import routes_visible_to
from marketplace.shipping.models import ShippingMethod, ShippingZone
from vendors.shops.models import Vendor, VendorMember
from vendors.shops.policies import VendorAction, vendors_for
from vendors.villages.models import CraftVillage


def shops(actor: Actor, *, search: str = "", status: str = "") -> QuerySet[Vendor]:
    qs = (
        vendors_for(actor, VendorAction.VIEW)
        .select_related("village")
        .annotate(product_count=Count("products", distinct=True))
        .defer("search_document", "description")
        .order_by("name", "pk")
    )
    if status:
        qs = qs.filter(status=status)
    for term in search_terms(search or "", max_length=settings.SEARCH_MAX_LENGTH):
        qs = qs.filter(search_document__contains=word_start(term))
    return qs


def shop(actor: Actor, pk: int) -> Vendor | None:
    return vendors_for(actor, VendorAction.VIEW).select_related("village").filter(pk=pk).first()


def shop_members(vendor: Vendor) -> list[VendorMember]:
    return list(VendorMember.objects.filter(vendor=vendor).select_related("user").order_by("pk"))


# ---------------------------------------------------------------- tourism routes


def routes(actor: Actor) -> QuerySet[TourismRoute]:
    return routes_visible_to(actor).annotate(stop_count=Count("stops")).order_by("name", "pk")


def route(actor: Actor, pk: int) -> TourismRoute | None:
    return routes_visible_to(actor).filter(pk=pk).first()


def route_stops(route: TourismRoute) -> list[TourismRouteStop]:
    return list(route.stops.order_by("position"))


def village_choices() -> list[tuple[int, str]]:
    return list(CraftVillage.objects.order_by("name", "pk").values_list("pk", "name"))


# ---------------------------------------------------------------- permission groups


def _names(codenames: list[str | None]) -> list[str]:
    known = {p.codename: p.name for p in PermissionEnum}
    return sorted(known[c] for c in codenames if c in known)


def groups() -> list[Any]:
    rows: list[Any] = list(
        Group.objects.annotate(
            member_count=Count("user", distinct=True),
            codenames=ArrayAgg(
                "permissions__codename",
                filter=Q(permissions__content_type__app_label="accounts"),
                distinct=True,
                default=[],
            ),
        ).order_by("name", "pk")
    )
    for row in rows:
        row.permission_names = _names(row.codenames)
    return rows


def group(pk: int) -> Group | None:
    return Group.objects.filter(pk=pk).first()


def group_permission_names(group: Group) -> list[str]:
    return _names(
        list(group.permissions.filter(content_type__app_label="accounts").values_list("codename", flat=True))
    )


def group_member_ids(group: Group) -> list[int]:
    return list(group.user_set.values_list("pk", flat=True))


def staff_choices() -> list[tuple[int, str]]:
    return list(
        User.objects.filter(is_staff=True, is_active=True).order_by("email").values_list("pk", "email")
    )


# ---------------------------------------------------------------- shipping


def shipping_zones() -> list[ShippingZone]:
    return list(ShippingZone.objects.order_by("is_default", "pk").prefetch_related("methods"))


def shipping_zone(pk: int) -> ShippingZone | None:
    return ShippingZone.objects.filter(pk=pk).first()


def shipping_method(zone: ShippingZone, pk: int) -> ShippingMethod | None:
    return ShippingMethod.objects.filter(zone=zone, pk=pk).first()
