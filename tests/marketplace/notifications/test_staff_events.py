"""Curators and staff are told what waits for them: a showcase proposal (MANAGE_SHOWCASE), an
OCOP certificate to review (MANAGE_OCOP), a shop application (MANAGE_VENDORS); each holder in
their own language, nobody else."""

import pytest
from django.core import mail
from django.test import TestCase

from marketplace.accounts.permissions import PermissionEnum
from marketplace.curation.services import submission_create
from tests.conftest import grant
from tests.factories import UserFactory
from tests.vendors.ocop.test_services_submit import submit
from tests.vendors.shops.test_services import WORKSHOP
from vendors.shops.services import vendor_apply

pytestmark = pytest.mark.django_db


def staff_with(permission, language="vi"):  # type: ignore[no-untyped-def]
    user = UserFactory(is_staff=True, language_code=language)
    grant(user, permission)
    return user


def subjects() -> dict[str, str]:
    return {m.to[0]: str(m.subject) for m in mail.outbox}


def test_curators_are_told_of_a_showcase_proposal(shops, curator):
    english = staff_with(PermissionEnum.MANAGE_SHOWCASE, "en")
    staff_with(PermissionEnum.MANAGE_PRODUCTS)  # not a curator
    with TestCase.captureOnCommitCallbacks(execute=True):
        submission_create(actor=shops.owner, product=shops.product, pitch="Men lam")
    assert subjects() == {
        curator.email: "Đề xuất trưng bày: Trà sen Tây Hồ",
        english.email: "Showcase proposal: Trà sen Tây Hồ",
    }


def test_ocop_reviewers_are_told_of_a_certificate(shops, curator, private_root):
    with TestCase.captureOnCommitCallbacks(execute=True):
        submit(shops.owner, shops.product.pk)
    assert subjects() == {curator.email: "Chứng nhận OCOP cần xem xét: Trà sen Tây Hồ"}
    assert f"{shops.vendor.name} đã gửi chứng nhận OCOP 4 sao (1147/QĐ-UBND)" in mail.outbox[0].body


def test_staff_are_told_of_a_shop_application(seeded_channels):
    approver = staff_with(PermissionEnum.MANAGE_VENDORS, "en")
    inactive = staff_with(PermissionEnum.MANAGE_VENDORS)
    inactive.is_active = False
    inactive.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        vendor_apply(
            actor=UserFactory(), name="Gốm Minh", village_id=None, phone="0912345678", address=WORKSHOP
        )
    assert subjects() == {approver.email: "New shop application: Gốm Minh"}
