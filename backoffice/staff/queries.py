"""Every read of the staff console, each a fixed number of SQL queries whatever the number
of rows. Shops come from the vendor policy's queryset form (``vendors_for``)."""

from typing import Any

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, OuterRef, Q, QuerySet

from backoffice.counts import CappedCount
from marketplace.accounts.actors import Actor
from marketplace.accounts.models import Group, User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import (
    CHOICE_INPUT_TYPES,
    Attribute,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    Category,
    Product,
    ProductType,
)
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
        .annotate(product_count=CappedCount(Product.objects.filter(vendor_id=OuterRef("pk"))))
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


# ---------------------------------------------------------------- catalogue settings


def categories() -> list[Category]:
    """Every category, each under its parent (depth first), with its number of products."""
    rows = list(
        Category.objects.defer("description", "description_plaintext")
        .annotate(product_count=CappedCount(Product.objects.filter(category_id=OuterRef("pk"))))
        .order_by("name", "pk")
    )
    children: dict[int | None, list[Category]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    ordered: list[Category] = []

    def walk(parent: int | None) -> None:
        for row in children.get(parent, []):
            ordered.append(row)
            walk(row.pk)

    walk(None)
    return ordered


def category(pk: int) -> Category | None:
    return Category.objects.filter(pk=pk).first()


def product_types() -> QuerySet[ProductType]:
    return ProductType.objects.annotate(
        attribute_count=CappedCount(AttributeProduct.objects.filter(product_type_id=OuterRef("pk")))
        + CappedCount(AttributeVariant.objects.filter(product_type_id=OuterRef("pk"))),
        product_count=CappedCount(Product.objects.filter(product_type_id=OuterRef("pk"))),
    ).order_by("name", "pk")


def product_type(pk: int) -> ProductType | None:
    return ProductType.objects.filter(pk=pk).first()


def product_type_attributes(product_type: ProductType) -> dict[str, list[int]]:
    variants = list(AttributeVariant.objects.filter(product_type=product_type).order_by("sort_order", "pk"))
    return {
        "product_attributes": list(
            AttributeProduct.objects.filter(product_type=product_type)
            .order_by("sort_order", "pk")
            .values_list("attribute_id", flat=True)
        ),
        "variant_attributes": [link.attribute_id for link in variants],
        "variant_selection": [link.attribute_id for link in variants if link.variant_selection],
    }


def attributes() -> QuerySet[Attribute]:
    return Attribute.objects.annotate(
        choice_count=CappedCount(AttributeValue.objects.filter(attribute_id=OuterRef("pk")))
    ).order_by("name", "pk")


def attribute(pk: int) -> Attribute | None:
    return Attribute.objects.filter(pk=pk).first()


def attribute_values(attribute: Attribute) -> list[AttributeValue]:
    return list(attribute.values.order_by("sort_order", "pk").only("pk", "name", "attribute_id"))


def attribute_value(attribute_id: int, pk: int) -> AttributeValue | None:
    """A choice of that attribute (a dropdown's or multiselect's), with its attribute."""
    return (
        AttributeValue.objects.select_related("attribute")
        .filter(attribute_id=attribute_id, pk=pk, attribute__input_type__in=CHOICE_INPUT_TYPES)
        .first()
    )


def attribute_choices() -> list[tuple[int, str]]:
    return [
        (pk, f"{name} ({slug})")
        for pk, name, slug in Attribute.objects.order_by("name", "pk").values_list("pk", "name", "slug")
    ]
