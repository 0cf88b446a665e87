"""The back office's navigation: one list of entries, each in an area and optionally behind
a permission; a person sees the areas their roles open (``backoffice.roles``), and in each
the entries they may use. A page names its entry with ``nav_key``; that entry gets
``aria-current="page"``.

Adding a screen for curators or staff: add its view and URL, then one ``NavItem`` here.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backoffice.roles import Area, Roles
from marketplace.accounts.permissions import PermissionEnum

AREA_LABELS: dict[Area, Promise] = {
    Area.SELLER: _("Seller centre"),
    Area.CURATOR: _("Design Centre"),
    Area.STAFF: _("Administration"),
}


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Promise
    url_name: str
    area: Area
    permission: PermissionEnum | None = None


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("seller-home", _("Home"), "backoffice:seller-home", Area.SELLER),
    NavItem("products", _("Products"), "backoffice:products", Area.SELLER),
    NavItem("orders", _("Orders"), "backoffice:orders", Area.SELLER),
    NavItem("returns", _("Returns"), "backoffice:returns", Area.SELLER),
    NavItem("ocop", _("OCOP certificates"), "backoffice:ocop", Area.SELLER),
    NavItem("showcase", _("Showcase"), "backoffice:showcase", Area.SELLER),
    NavItem("reviews", _("Reviews"), "backoffice:reviews", Area.SELLER),
    NavItem("payouts", _("Payouts"), "backoffice:payouts", Area.SELLER),
    NavItem("vouchers", _("Vouchers"), "backoffice:vouchers", Area.SELLER),
    NavItem("shop", _("Shop profile"), "backoffice:shop", Area.SELLER),
    NavItem("curator-home", _("Console"), "backoffice:curator-home", Area.CURATOR),
    NavItem(
        "curator-showcase",
        _("Showcase submissions"),
        "backoffice:curator-showcase",
        Area.CURATOR,
        PermissionEnum.MANAGE_SHOWCASE,
    ),
    NavItem(
        "curator-ocop",
        _("OCOP reviews"),
        "backoffice:curator-ocop",
        Area.CURATOR,
        PermissionEnum.MANAGE_OCOP,
    ),
    NavItem(
        "curator-collections",
        _("Featured collections"),
        "backoffice:curator-collections",
        Area.CURATOR,
        PermissionEnum.MANAGE_SHOWCASE,
    ),
    NavItem("staff-home", _("Console"), "backoffice:staff-home", Area.STAFF),
    NavItem("staff-shops", _("Shops"), "backoffice:staff-shops", Area.STAFF, PermissionEnum.MANAGE_VENDORS),
    NavItem(
        "staff-catalogue",
        _("Catalogue settings"),
        "backoffice:staff-catalogue",
        Area.STAFF,
        PermissionEnum.MANAGE_PRODUCTS,
    ),
    NavItem(
        "staff-shipping",
        _("Shipping"),
        "backoffice:staff-shipping",
        Area.STAFF,
        PermissionEnum.MANAGE_CHANNELS,
    ),
    NavItem(
        "staff-groups",
        _("Permission groups"),
        "backoffice:staff-groups",
        Area.STAFF,
        PermissionEnum.MANAGE_STAFF,
    ),
    NavItem(
        "staff-audit",
        _("Audit log"),
        "backoffice:staff-audit",
        Area.STAFF,
        PermissionEnum.MANAGE_STAFF,
    ),
    NavItem(
        "staff-routes",
        _("Tourism routes"),
        "backoffice:staff-routes",
        Area.STAFF,
        PermissionEnum.MANAGE_ROUTES,
    ),
    NavItem(
        "staff-applications",
        _("Shop applications"),
        "backoffice:staff-applications",
        Area.STAFF,
        PermissionEnum.MANAGE_VENDORS,
    ),
)


def navigation(roles: Roles, current: str | None) -> list[dict]:
    """The sections the person sees: ``[{"label", "items": [{"label", "url", "current"}]}]``."""
    sections = []
    for area in roles.areas:
        items = [
            {"label": item.label, "url": reverse(item.url_name), "current": item.key == current}
            for item in NAVIGATION
            if item.area == area and (item.permission is None or roles.has(item.permission))
        ]
        if items:
            sections.append({"area": area.value, "label": AREA_LABELS[area], "items": items})
    return sections
