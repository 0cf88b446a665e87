"""Builders for the curator and staff console tests (plain functions, so the browser
journeys use them too): people with the consoles' permissions, waiting submissions,
certificates and shop applications, approved products and showcase collections."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Collection, ProductMedia
from marketplace.channels.models import Channel
from marketplace.curation.collections import (  # noqa: F401 (re-exported for the tests)
    ChannelListingChange,
    collection_add_products,
    collection_channel_listing_update,
    collection_create,
)
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from marketplace.curation.services import APPROVE, submission_create, submission_review
from marketplace.inventory.models import Warehouse
from tests.conftest import grant
from tests.factories import AddressFactory, UserFactory, VendorFactory, WarehouseFactory, listed_product
from vendors.ocop.models import OcopCertificate, OcopCertificateStatus
from vendors.ocop.services import certificate_valid_until
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus


def curator(email: str = "giam-tuyen@langnghe.vn", **fields: Any) -> Any:
    """A Design Centre curator: MANAGE_SHOWCASE and MANAGE_OCOP, no other permission."""
    user = UserFactory(email=email, is_staff=True, **{"language_code": "en", **fields})
    grant(user, PermissionEnum.MANAGE_SHOWCASE, PermissionEnum.MANAGE_OCOP)
    return user


def vendor_admin(email: str = "quan-tri@langnghe.vn") -> Any:
    user = UserFactory(email=email, is_staff=True, language_code="en")
    grant(user, PermissionEnum.MANAGE_VENDORS)
    return user


def product_of(shop: Vendor, name: str, *, photos: int = 2, price: int = 250_000) -> Any:
    product = listed_product(
        vendor=shop,
        prices=(price,),
        warehouse=shop.warehouses.first() or WarehouseFactory.create(vendor=shop),
        name=name,
    )
    for index in range(photos):
        ProductMedia.objects.create(
            product=product, image=f"products/{product.pk}-{index}.jpg", sort_order=index
        )
    return product


def shop_with_owner(name: str, email: str) -> tuple[Any, Any]:
    shop: Any = VendorFactory(name=name)
    WarehouseFactory(vendor=shop)
    owner: Any = UserFactory(email=email)
    VendorMember.objects.create(vendor=shop, user=owner, role=VendorMemberRole.OWNER)
    return shop, owner


def pending_submission(
    shop: Vendor, owner: Any, name: str, *, pitch: str = "Men lam vẽ tay"
) -> ShowcaseSubmission:
    product = product_of(shop, name)
    return submission_create(actor=owner, product=product, pitch=pitch)


def approved_product(shop: Vendor, owner: Any, reviewer: Any, name: str) -> Any:
    submission = pending_submission(shop, owner, name)
    submission_review(actor=reviewer, submission=submission, decision=APPROVE, note="")
    assert ShowcaseSubmission.objects.get(pk=submission.pk).status == ShowcaseSubmissionStatus.APPROVED
    return submission.product


def submitted_certificate(product: Any, owner: Any, *, number: str | None = None) -> OcopCertificate:
    decided = timezone.localdate() - datetime.timedelta(days=100)
    return OcopCertificate.objects.create(
        product=product,
        vendor_id=product.vendor_id,
        stars=4,
        product_group="HANDICRAFTS",
        decision_number=number or f"{OcopCertificate.objects.count() + 100}/QĐ-UBND",
        decision_date=decided,
        issued_by="UBND Thành phố Hà Nội",
        valid_until=certificate_valid_until(decided),
        status=OcopCertificateStatus.SUBMITTED,
        document="ocop/2026/06/scan.pdf",
        submitted_by=owner,
    )


def application(name: str, email: str) -> tuple[Any, Any]:
    """A PENDING shop with its owner and workshop, as vendor_apply leaves it."""
    shop: Any = VendorFactory(name=name, status=VendorStatus.PENDING, phone="0912345678")
    owner: Any = UserFactory(email=email, first_name="Lan", last_name="Nguyễn")
    VendorMember.objects.create(vendor=shop, user=owner, role=VendorMemberRole.OWNER)
    Warehouse.objects.create(
        name=f"Xưởng {name}", slug=f"xuong-{shop.slug}", vendor=shop, address=AddressFactory.create()
    )
    return shop, owner


def showcase_collection(
    reviewer: Any, name: str, products: Sequence[Any] = (), **schedule: Any
) -> Collection:
    collection = collection_create(actor=reviewer, data={"name": name})
    if products:
        collection_add_products(actor=reviewer, collection=collection, product_ids=[p.pk for p in products])
    if schedule:
        channel = Channel.objects.get(slug=settings.SHOWCASE_CHANNEL_SLUG)
        collection_channel_listing_update(
            actor=reviewer,
            collection=collection,
            add_channels=[ChannelListingChange(channel_id=channel.pk, **schedule)],
            remove_channel_ids=[],
        )
    return collection
