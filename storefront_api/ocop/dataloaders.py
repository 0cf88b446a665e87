"""Per-request loaders for OCOP badges and certificates (one SQL query per batch)."""

from types import SimpleNamespace
from typing import Any

from storefront_api.core.dataloaders import DataLoader, then
from storefront_api.core.permissions import principal
from vendors.ocop.models import OcopCertificate
from vendors.ocop.selectors import (
    badges_for_products,
    certificates_by_product,
    vendor_ids_with_private_ocop_access,
)


class OcopBadgeByProductIdLoader(DataLoader[int, OcopCertificate | None]):
    """The certificate shown as the product's badge (valid today, most stars), or None."""

    def batch_load(self, keys):
        badges = badges_for_products(keys)
        return [badges.get(key) for key in keys]


class OcopCertificatesByProductIdLoader(DataLoader[int, list[OcopCertificate]]):
    """Every certificate of the product, newest first (callers check who may see them)."""

    def batch_load(self, keys):
        grouped = certificates_by_product(keys)
        return [grouped.get(key, []) for key in keys]


class OcopPrivateAccessByVendorIdLoader(DataLoader[int, bool]):
    """Whether the requester may see the vendor's certificates and their documents:
    the vendor's members, and staff or apps holding MANAGE_OCOP."""

    def batch_load(self, keys):
        actor = principal(SimpleNamespace(context=self.context))
        allowed = vendor_ids_with_private_ocop_access(actor, keys)
        return [key in allowed for key in keys]


def product_ocop_certificates(info: Any, product: Any) -> Any:
    """``Product.ocopCertificates``: the certificates for those allowed, else an empty list."""
    context = info.context
    return then(
        OcopPrivateAccessByVendorIdLoader(context).load(product.vendor_id),
        lambda allowed: OcopCertificatesByProductIdLoader(context).load(product.pk) if allowed else [],
    )
