"""Reads of OCOP certificates, and THE rule of when a certificate counts.

A certificate is valid while it is VERIFIED and today (the local date in Asia/Ho_Chi_Minh)
is on or before ``valid_until``. The rule is evaluated at read time, so the badge is gone
the day after expiry whether or not the daily task has run. The product badge, the
``ocopStars`` filter and the ``OCOP_STARS`` sort all use ``valid_certificates``; a product's
OCOP stars are those of its badge: the valid certificate with the most stars (ties: the
latest decision).
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.accounts.actors import Actor
from vendors.ocop.models import STAR_SCORES, OcopCertificate, OcopCertificateStatus
from vendors.shops.policies import VendorAction, vendors_for

BADGE_ORDER = ("-stars", "-decision_date", "-pk")


def valid_certificates(today: datetime.date | None = None) -> QuerySet[OcopCertificate]:
    """VERIFIED certificates inside their validity on ``today`` (default: the local date)."""
    today = today or timezone.localdate()
    return OcopCertificate.objects.filter(status=OcopCertificateStatus.VERIFIED, valid_until__gte=today)


def is_valid(certificate: OcopCertificate, today: datetime.date | None = None) -> bool:
    """``valid_certificates`` for one loaded certificate (no query)."""
    today = today or timezone.localdate()
    return certificate.status == OcopCertificateStatus.VERIFIED and certificate.valid_until >= today


def badges_for_products(
    product_ids: Iterable[int], today: datetime.date | None = None
) -> dict[int, OcopCertificate]:
    """The badge certificate of each product that has one, in one query."""
    badges: dict[int, OcopCertificate] = {}
    rows = (
        valid_certificates(today)
        .filter(product_id__in=list(product_ids))
        .order_by("product_id", *BADGE_ORDER)
    )
    for certificate in rows:
        badges.setdefault(certificate.product_id, certificate)
    return badges


def ocop_stars_expression(today: datetime.date | None = None) -> Coalesce:
    """Per product row: the stars of its badge, 0 without one (for annotations)."""
    best = (
        valid_certificates(today).filter(product_id=OuterRef("pk")).order_by(*BADGE_ORDER).values("stars")[:1]
    )
    return Coalesce(Subquery(best, output_field=IntegerField()), Value(0), output_field=IntegerField())


def products_with_ocop_stars(
    qs: QuerySet[Any],
    stars: Sequence[int],
    today: datetime.date | None = None,
) -> QuerySet[Any]:
    """Products whose badge has any of ``stars`` (a product with a valid 3★ and a valid
    4★ certificate shows 4★, so it matches 4 and not 3)."""
    wanted = sorted({s for s in stars if s in STAR_SCORES})
    if not wanted:
        return qs.none()
    return qs.alias(ocop_badge_stars=ocop_stars_expression(today)).filter(ocop_badge_stars__in=wanted)  # type: ignore[no-any-return]


def annotate_ocop_stars(qs: QuerySet[Any], today: datetime.date | None = None) -> QuerySet[Any]:
    """Products with ``ocop_stars`` (their badge's stars, 0 without a badge), for sorting."""
    return qs.annotate(ocop_stars=ocop_stars_expression(today))  # type: ignore[no-any-return]


def certificates_by_product(product_ids: Iterable[int]) -> dict[int, list[OcopCertificate]]:
    """Every certificate of each product, newest first, in one query (callers check scope)."""
    grouped: dict[int, list[OcopCertificate]] = {}
    rows = OcopCertificate.objects.filter(product_id__in=list(product_ids)).order_by("-created_at", "-pk")
    for certificate in rows:
        grouped.setdefault(certificate.product_id, []).append(certificate)
    return grouped


def certificate_list(*, status: str | None = None) -> QuerySet[OcopCertificate]:
    """Certificates for reviewers (callers hold MANAGE_OCOP), optionally of one status."""
    qs = OcopCertificate.objects.all()
    if status is not None:
        qs = qs.filter(status=status)
    return qs


def vendor_ids_with_private_ocop_access(actor: Actor, vendor_ids: Iterable[int]) -> set[int]:
    """Of ``vendor_ids``, the vendors whose certificates (and documents) ``actor`` may see:
    its own shops' members, and staff or apps holding MANAGE_OCOP."""
    readable = vendors_for(actor, VendorAction.VIEW_OCOP)
    return set(readable.filter(pk__in=list(vendor_ids)).values_list("pk", flat=True))


def certificate_by_id(pk: int) -> OcopCertificate | None:
    return OcopCertificate.objects.filter(pk=pk).first()
