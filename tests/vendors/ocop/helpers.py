"""Shared OCOP test material: two shops, a curator, documents, a frozen "today", and
certificates made straight in the database (for the read-side tests)."""

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Product
from tests.conftest import grant
from tests.factories import UserFactory, VendorFactory, listed_product
from tests.images import image_bytes
from vendors.ocop.models import OcopCertificate, OcopCertificateStatus
from vendors.ocop.services import certificate_valid_until
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole

TODAY = datetime.date(2026, 6, 15)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert('x')</script></body></html>"


def pdf_upload(name: str = "scan.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def image_upload(format: str = "JPEG", name: str = "scan.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(size=(40, 30), format=format), content_type="image/jpeg")


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file()) if Path(root).exists() else []


def certificate(
    product: Product,
    *,
    stars: int = 4,
    score: int | None = None,
    status: str = OcopCertificateStatus.VERIFIED,
    decision_date: datetime.date = TODAY - datetime.timedelta(days=100),
    valid_until: datetime.date | None = None,
    decision_number: str | None = None,
    **fields,
) -> OcopCertificate:
    """A certificate row made directly (no document file); ``valid_until`` may be forced."""
    return OcopCertificate.objects.create(
        product=product,
        vendor_id=product.vendor_id,
        stars=stars,
        score=score,
        product_group="FOOD",
        decision_number=decision_number or f"{OcopCertificate.objects.count() + 100}/QĐ-UBND",
        decision_date=decision_date,
        issued_by="UBND Thành phố Hà Nội",
        valid_until=valid_until or certificate_valid_until(decision_date),
        status=status,
        document="ocop/2026/06/test.pdf",
        **fields,
    )


@dataclass
class Shops:
    vendor: Vendor
    owner: User
    product: Product
    other_vendor: Vendor
    other_owner: User
    other_product: Product


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Private documents of each test land under its tmp_path."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def today(monkeypatch) -> datetime.date:
    """Freeze the local date at TODAY (``timezone.localdate()`` without arguments)."""
    from django.utils import timezone

    original = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def shops(seeded_channels, vendor_member) -> Shops:
    vendor = vendor_member.vendor_memberships.get().vendor
    product = listed_product(vendor=vendor, name="Trà sen Tây Hồ", slug="tra-sen-tay-ho")
    other_vendor = VendorFactory(slug="lua-van-phuc", name="Lụa Vạn Phúc")
    other_owner = UserFactory(email="lua@example.vn")
    VendorMember.objects.create(vendor=other_vendor, user=other_owner, role=VendorMemberRole.OWNER)  # type: ignore[misc]
    other_product = listed_product(vendor=other_vendor, name="Khăn lụa", slug="khan-lua")
    return Shops(vendor, vendor_member, product, other_vendor, other_owner, other_product)  # type: ignore[arg-type]


@pytest.fixture
def curator(db) -> User:
    """A Design Centre curator: staff in a group holding MANAGE_SHOWCASE and MANAGE_OCOP."""
    user = User.objects.create_user("curator@langnghe.vn", "x", is_staff=True)
    grant(user, PermissionEnum.MANAGE_SHOWCASE, PermissionEnum.MANAGE_OCOP)
    return user
