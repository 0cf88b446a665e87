"""Verify, reject, revoke: who may, which statuses, and the emails to the shop's owners."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory
from tests.vendors.ocop.helpers import TODAY, certificate
from vendors.ocop import services
from vendors.ocop.models import OcopCertificate, OcopCertificateStatus
from vendors.ocop.selectors import badges_for_products
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db
SUBMITTED, VERIFIED = OcopCertificateStatus.SUBMITTED, OcopCertificateStatus.VERIFIED
REJECTED, REVOKED = OcopCertificateStatus.REJECTED, OcopCertificateStatus.REVOKED


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}  # type: ignore[misc]


@pytest.fixture
def shop_staff(shops):
    """A STAFF member of the shop: gets no email (only OWNERs do)."""
    user = UserFactory(email="tho-phu@example.vn")
    VendorMember.objects.create(vendor=shops.vendor, user=user, role=VendorMemberRole.STAFF)
    return user


def test_verify_shows_the_badge_and_emails_the_owners(
    shops, shop_staff, curator, django_capture_on_commit_callbacks
):
    cert = certificate(shops.product, status=SUBMITTED, submitted_by=shops.owner)
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_verify(actor=curator, certificate_id=cert.pk, today=TODAY)
    cert.refresh_from_db()
    assert (cert.status, cert.reviewed_by, cert.review_note) == (VERIFIED, curator, "")
    assert cert.reviewed_at is not None
    assert badges_for_products([shops.product.pk], TODAY)[shops.product.pk] == cert
    assert [m.to for m in mail.outbox] == [[shops.owner.email]]
    assert cert.decision_number in mail.outbox[0].body and "Trà sen Tây Hồ" in mail.outbox[0].subject


def test_reject_needs_a_note_and_sends_it(shops, curator, django_capture_on_commit_callbacks):
    cert = certificate(shops.product, status=SUBMITTED)
    for note in ("", "   "):
        with pytest.raises(ValidationError) as caught:
            services.certificate_reject(actor=curator, certificate_id=cert.pk, note=note)
        assert codes(caught.value) == {"note": ["REQUIRED"]}
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_reject(actor=curator, certificate_id=cert.pk, note="Bản quét bị mờ, gửi lại.")
    cert.refresh_from_db()
    assert (cert.status, cert.review_note, cert.reviewed_by) == (
        REJECTED,
        "Bản quét bị mờ, gửi lại.",
        curator,
    )
    assert [m.to for m in mail.outbox] == [[shops.owner.email]]
    assert "Bản quét bị mờ, gửi lại." in mail.outbox[0].body


def test_revoke_hides_the_badge_at_once(shops, curator, django_capture_on_commit_callbacks):
    cert = certificate(shops.product, status=VERIFIED)
    assert badges_for_products([shops.product.pk], TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(
            actor=curator, certificate_id=cert.pk, note="Thu hồi theo quyết định 12/QĐ"
        )
    cert.refresh_from_db()
    assert cert.status == REVOKED and not badges_for_products([shops.product.pk], TODAY)
    assert [m.to for m in mail.outbox] == [[shops.owner.email]] and "12/QĐ" in mail.outbox[0].body


@pytest.mark.parametrize("status", [VERIFIED, REJECTED, REVOKED])
def test_only_submitted_certificates_are_verified_or_rejected(shops, curator, status):
    cert = certificate(shops.product, status=status)
    for review in (
        lambda: services.certificate_verify(actor=curator, certificate_id=cert.pk),
        lambda: services.certificate_reject(actor=curator, certificate_id=cert.pk, note="Không"),
    ):
        with pytest.raises(ValidationError) as caught:
            review()
        assert codes(caught.value) == {"id": ["INVALID_STATUS"]}
    cert.refresh_from_db()
    assert cert.status == status and cert.reviewed_by is None and not mail.outbox


@pytest.mark.parametrize("status", [SUBMITTED, REJECTED, REVOKED])
def test_only_verified_certificates_are_revoked(shops, curator, status):
    cert = certificate(shops.product, status=status)
    with pytest.raises(ValidationError) as caught:
        services.certificate_revoke(actor=curator, certificate_id=cert.pk, note="Không")
    assert codes(caught.value) == {"id": ["INVALID_STATUS"]}
    cert.refresh_from_db()
    assert cert.status == status and not mail.outbox


def test_an_expired_submission_cannot_be_verified(shops, curator):
    cert = certificate(shops.product, status=SUBMITTED, valid_until=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        services.certificate_verify(actor=curator, certificate_id=cert.pk, today=TODAY)
    assert codes(caught.value) == {"id": ["INVALID"]}


def test_unknown_certificates_are_not_found(curator):
    with pytest.raises(ValidationError) as caught:
        services.certificate_verify(actor=curator, certificate_id=10**9)
    assert codes(caught.value) == {"id": ["NOT_FOUND"]}


def test_reviewers_need_manage_ocop(shops, staff_user, customer_user):
    cert = certificate(shops.product, status=SUBMITTED)
    for actor in (None, customer_user, shops.owner, staff_user):
        with pytest.raises(PermissionDenied):
            services.certificate_verify(actor=actor, certificate_id=cert.pk)
        with pytest.raises(PermissionDenied):
            services.certificate_reject(actor=actor, certificate_id=cert.pk, note="x")
    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_SHOWCASE)
    with pytest.raises(PermissionDenied):
        services.certificate_verify(actor=staff_user, certificate_id=cert.pk)
    assert OcopCertificate.objects.get().status == SUBMITTED


def test_revoking_is_for_staff_users_not_apps(shops):
    cert = certificate(shops.product, status=VERIFIED)
    app, _ = app_create(name="ocop-sync", permissions=[PermissionEnum.MANAGE_OCOP])
    # apps holding MANAGE_OCOP may verify and reject, not revoke
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(actor=app, certificate_id=cert.pk, note="x")
    submitted = certificate(shops.product, status=SUBMITTED)
    assert services.certificate_verify(actor=app, certificate_id=submitted.pk).reviewed_by is None


def test_no_one_reviews_their_own_shop(shops, curator):
    cert = certificate(shops.product, status=SUBMITTED)
    VendorMember.objects.create(vendor=shops.vendor, user=curator, role=VendorMemberRole.STAFF)
    with pytest.raises(ValidationError) as caught:
        services.certificate_verify(actor=curator, certificate_id=cert.pk)
    assert codes(caught.value) == {"id": ["PERMISSION_DENIED"]}
    submitter = UserFactory(email="admin@langnghe.vn", is_staff=True)
    grant(submitter, PermissionEnum.MANAGE_OCOP, PermissionEnum.MANAGE_PRODUCTS)
    own = certificate(shops.other_product, status=SUBMITTED, submitted_by=submitter)
    with pytest.raises(ValidationError) as caught:
        services.certificate_verify(actor=submitter, certificate_id=own.pk)
    assert codes(caught.value) == {"id": ["PERMISSION_DENIED"]}
    assert set(OcopCertificate.objects.values_list("status", flat=True)) == {SUBMITTED}
