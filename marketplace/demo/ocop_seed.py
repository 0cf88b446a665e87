"""Demo OCOP certificates: verified 3–5★ recognitions for a few products (the badge shows),
one awaiting the curators' review, and one that expired (no badge). The scans are tiny
generated PDFs in the private storage."""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.core import storage
from vendors.ocop.models import OcopCertificate, OcopCertificateStatus
from vendors.ocop.services import certificate_valid_until

SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SCAN_NAME = "ocop/demo/quyet-dinh-mau.pdf"
ISSUER = "UBND Thành phố Hà Nội"
# (stars, score, decision number, decision date, status)
PLAN = [
    (4, 78, "1147/QĐ-UBND", datetime.date(2024, 3, 4), OcopCertificateStatus.VERIFIED),
    (5, 92, "2315/QĐ-BNN", datetime.date(2025, 9, 12), OcopCertificateStatus.VERIFIED),
    (3, 64, "856/QĐ-UBND", datetime.date(2025, 2, 20), OcopCertificateStatus.VERIFIED),
    (4, 81, "1147/QĐ-UBND", datetime.date(2024, 3, 4), OcopCertificateStatus.VERIFIED),
    (4, 75, "3502/QĐ-UBND", datetime.date(2026, 10, 30), OcopCertificateStatus.SUBMITTED),
    (3, 58, "412/QĐ-UBND", datetime.date(2022, 5, 10), OcopCertificateStatus.VERIFIED),  # expired in 2025
]


def seed_ocop(log: Callable[[str], None]) -> int:
    products = list(
        Product.objects.filter(vendor__status="ACTIVE", channel_listings__is_published=True)
        .filter(Q(category__slug__contains="ocop") | Q(category__parent__slug__contains="ocop"))
        .order_by("slug")[: len(PLAN)]
    ) or list(Product.objects.filter(vendor__status="ACTIVE").order_by("slug")[: len(PLAN)])
    if storage.stat(SCAN_NAME, private=True) is None:
        storage.save(SCAN_NAME, SCAN, private=True, content_type="application/pdf")
    created = 0
    with transaction.atomic():
        for product, (stars, score, number, decided, status) in zip(products, PLAN, strict=False):
            _, was_created = OcopCertificate.objects.get_or_create(
                product=product,
                decision_number=number,
                defaults={
                    "vendor": product.vendor,
                    "stars": stars,
                    "score": score,
                    "product_group": _group(product),
                    "decision_date": decided,
                    "issued_by": ISSUER,
                    "valid_until": certificate_valid_until(decided),
                    "status": status,
                    "document": SCAN_NAME,
                    "reviewed_at": timezone.now() if status == OcopCertificateStatus.VERIFIED else None,
                },
            )
            created += was_created
    log(f"ocop certificates: {OcopCertificate.objects.count()} ({created} new)")
    return created


def _group(product: Product) -> str:
    category = product.category
    slugs = (
        f"{category.slug} {category.parent.slug if category and category.parent else ''}" if category else ""
    )
    return "FOOD" if "ocop" in slugs else "HANDICRAFTS"
