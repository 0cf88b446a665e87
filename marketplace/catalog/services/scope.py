"""Vendor scope and channel rules shared by the catalogue services."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import Product
from marketplace.channels.models import Channel
from marketplace.core.errors import field_error
from vendors.shops import policies
from vendors.shops.models import Vendor
from vendors.shops.policies import VendorAction

STAFF = PermissionEnum.MANAGE_PRODUCTS


def require_product_access(
    actor: Actor, product: Product, action: VendorAction = VendorAction.EDIT_PRODUCTS
) -> None:
    """Raises PermissionDenied unless the actor may change this product's vendor's catalogue
    (``action``: EDIT_PRODUCTS, or PUBLISH for its channel listings)."""
    policies.require(actor, action, product.vendor_id)


def vendor_for_new_product(actor: Actor, vendor_id: int | None) -> Vendor:
    """The vendor a new product belongs to: given (staff must give it), or the member's only shop."""
    writable = policies.vendors_for(actor, VendorAction.EDIT_PRODUCTS)
    if not writable.exists():
        raise PermissionDenied(
            _("Only an active shop's members or staff with MANAGE_PRODUCTS create products.")
        )
    if vendor_id is not None:
        vendor = writable.filter(pk=vendor_id).first()
        if vendor is None:
            raise field_error(
                "vendor", ProductErrorCode.NOT_FOUND, _("Couldn't find that shop among those you manage.")
            )
        return vendor
    if has_permissions(actor, [STAFF]):
        raise field_error(
            "vendor", ProductErrorCode.REQUIRED, _("Staff must say which shop the product belongs to.")
        )
    shops = list(writable[:2])
    if len(shops) != 1:
        raise field_error(
            "vendor", ProductErrorCode.REQUIRED, _("Say which of your shops the product belongs to.")
        )
    return shops[0]


def require_channel_allowed(actor: Actor, channel: Channel, *, field: str) -> None:
    """Artisans list only in the open marketplace; the showcase is reached through curation."""
    if channel.slug != settings.DEFAULT_CHANNEL_SLUG and not has_permissions(actor, [STAFF]):
        raise field_error(
            field,
            ProductErrorCode.CHANNEL_NOT_ALLOWED,
            _("Shops list products only in %(channel)s; the showcase is curated."),
            channel=settings.DEFAULT_CHANNEL_SLUG,
        )
