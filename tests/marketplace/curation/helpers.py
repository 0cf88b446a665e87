"""Shared showcase test material: two shops with a listed product each, and a curator."""

from dataclasses import dataclass

import pytest

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Product
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from tests.conftest import grant
from tests.factories import UserFactory, VendorFactory, listed_product
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole


@dataclass
class Shops:
    vendor: Vendor
    owner: User
    product: Product
    other_vendor: Vendor
    other_owner: User
    other_product: Product


@pytest.fixture
def shops(seeded_channels, vendor_member) -> Shops:
    vendor = vendor_member.vendor_memberships.get().vendor
    product = listed_product(
        vendor=vendor, name="Bình gốm men lam", slug="binh-gom", prices=(250_000, 400_000)
    )
    other_vendor = VendorFactory(slug="lua-van-phuc", name="Lụa Vạn Phúc")
    other_owner = UserFactory(email="lua@example.vn")
    VendorMember.objects.create(vendor=other_vendor, user=other_owner, role=VendorMemberRole.OWNER)  # type: ignore[misc]
    other_product = listed_product(vendor=other_vendor, name="Khăn lụa", slug="khan-lua")
    return Shops(vendor, vendor_member, product, other_vendor, other_owner, other_product)  # type: ignore[arg-type]


@pytest.fixture
def curator(db) -> User:
    """A Design Centre curator: staff in a group holding MANAGE_SHOWCASE."""
    user = User.objects.create_user("curator@langnghe.vn", "x", is_staff=True)
    grant(user, PermissionEnum.MANAGE_SHOWCASE)
    return user


def submission(
    product: Product, status: str = ShowcaseSubmissionStatus.PENDING, **fields
) -> ShowcaseSubmission:
    return ShowcaseSubmission.objects.create(
        product=product, vendor_id=product.vendor_id, status=status, **fields
    )
