"""Submitting a certificate: who may, what is checked, and that a refused submission stores
nothing (no row, no file)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from marketplace.accounts.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory, listed_product
from tests.vendors.ocop.helpers import HTML, PDF, TODAY, certificate, image_upload, pdf_upload, stored_files
from vendors.ocop import services
from vendors.ocop.models import OcopCertificate, OcopCertificateStatus
from vendors.shops.models import VendorMember, VendorMemberRole, VendorStatus

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def submit(actor, product_id, **overrides):
    fields = {
        "product_id": product_id,
        "stars": 4,
        "score": 75,
        "product_group": "FOOD",
        "decision_number": "1147/QĐ-UBND",
        "decision_date": TODAY - 30 * DAY,
        "issued_by": "UBND Thành phố Hà Nội",
        "document": pdf_upload(),
        "today": TODAY,
    }
    fields.update(overrides)
    return services.certificate_submit(actor=actor, **fields)


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}  # type: ignore[misc]


def refused(actor, product_id, private_root, **overrides) -> dict[str, list[str]]:
    """The error codes of a refused submission, after checking that nothing was stored."""
    before = OcopCertificate.objects.count()
    with pytest.raises(ValidationError) as caught:
        submit(actor, product_id, **overrides)
    assert OcopCertificate.objects.count() == before
    assert stored_files(private_root) == []
    return codes(caught.value)


def test_a_member_submits_a_certificate(shops, private_root, settings):
    cert = submit(shops.owner, shops.product.pk, decision_number="  1147/QĐ-UBND ", issued_by="UBND  Hà Nội")
    cert.refresh_from_db()
    assert (cert.product, cert.vendor, cert.submitted_by) == (shops.product, shops.vendor, shops.owner)
    assert (cert.stars, cert.score, cert.product_group) == (4, 75, "FOOD")
    assert (cert.decision_number, cert.issued_by) == ("1147/QĐ-UBND", "UBND Hà Nội")
    assert cert.status == OcopCertificateStatus.SUBMITTED
    assert cert.valid_until == services.certificate_valid_until(TODAY - 30 * DAY)
    assert cert.document.startswith("ocop/") and cert.document.endswith(".pdf")
    assert "scan" not in cert.document  # a generated name, never the client's
    assert [p.relative_to(private_root).as_posix() for p in stored_files(private_root)] == [cert.document]
    assert (private_root / cert.document).read_bytes() == PDF
    assert stored_files(settings.MEDIA_ROOT) == []  # nothing in the public media


def test_valid_until_of_a_29_february_decision(shops):
    cert = submit(shops.owner, shops.product.pk, decision_date=datetime.date(2024, 2, 29), today=TODAY)
    assert cert.valid_until == datetime.date(2027, 2, 28)


def test_images_are_accepted_too(shops):
    assert submit(shops.owner, shops.product.pk, document=image_upload("PNG", "scan.png")).document.endswith(
        ".png"
    )


def test_staff_with_manage_products_may_submit_for_any_shop(shops, staff_user, private_root):
    assert refused(staff_user, shops.product.pk, private_root) == {"product_id": ["NOT_FOUND"]}
    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS)
    assert submit(staff_user, shops.product.pk).submitted_by == staff_user


def test_other_shops_products_are_not_found(shops, customer_user, private_root):
    assert refused(shops.other_owner, shops.product.pk, private_root) == {"product_id": ["NOT_FOUND"]}
    assert refused(customer_user, shops.product.pk, private_root) == {"product_id": ["NOT_FOUND"]}
    assert refused(None, shops.product.pk, private_root) == {"product_id": ["NOT_FOUND"]}
    assert refused(shops.owner, 10**9, private_root) == {"product_id": ["NOT_FOUND"]}


@pytest.mark.parametrize("status", [VendorStatus.SUSPENDED, VendorStatus.PENDING])
def test_members_of_a_shop_that_is_not_active_cannot_submit(shops, private_root, status):
    staff_member = UserFactory(email="tho@example.vn")
    VendorMember.objects.create(vendor=shops.vendor, user=staff_member, role=VendorMemberRole.STAFF)
    shops.vendor.status = status
    shops.vendor.save()
    for member in (shops.owner, staff_member):
        assert refused(member, shops.product.pk, private_root) == {"product_id": ["PERMISSION_DENIED"]}


@pytest.mark.parametrize("stars", [2, 6, 0, -1])
def test_stars_are_3_to_5(shops, private_root, stars):
    assert refused(shops.owner, shops.product.pk, private_root, stars=stars, score=None) == {
        "stars": ["OUT_OF_RANGE"]
    }


@pytest.mark.parametrize(
    ("stars", "score"), [(3, 50), (3, 69), (4, 70), (4, 89), (5, 90), (5, 100), (3, None)]
)
def test_scores_inside_the_star_band(shops, stars, score):
    assert submit(shops.owner, shops.product.pk, stars=stars, score=score, decision_number=f"{stars}-{score}")


@pytest.mark.parametrize(
    ("stars", "score", "code"),
    [
        (4, 101, "OUT_OF_RANGE"),
        (4, -1, "OUT_OF_RANGE"),
        (3, 49, "INVALID"),
        (3, 70, "INVALID"),
        (4, 69, "INVALID"),
        (4, 90, "INVALID"),
        (5, 89, "INVALID"),
        (5, 0, "INVALID"),
    ],
)
def test_scores_outside_the_star_band(shops, private_root, stars, score, code):
    assert refused(shops.owner, shops.product.pk, private_root, stars=stars, score=score) == {"score": [code]}


def test_decision_dates(shops, private_root):
    assert refused(shops.owner, shops.product.pk, private_root, decision_date=TODAY + DAY) == {
        "decision_date": ["INVALID"]
    }
    expired = services.add_months(TODAY, -36) - DAY
    assert refused(shops.owner, shops.product.pk, private_root, decision_date=expired) == {
        "decision_date": ["INVALID"]
    }
    assert submit(shops.owner, shops.product.pk, decision_date=TODAY).valid_until == services.add_months(
        TODAY, 36
    )


def test_required_texts_and_group(shops, private_root):
    assert refused(
        shops.owner, shops.product.pk, private_root, decision_number="  ", issued_by="", product_group="TOYS"
    ) == {"decision_number": ["REQUIRED"], "issued_by": ["REQUIRED"], "product_group": ["INVALID"]}
    assert refused(shops.owner, shops.product.pk, private_root, decision_number="1" * 65) == {
        "decision_number": ["INVALID"]
    }


def test_documents_are_judged_by_their_bytes(shops, private_root):
    html = SimpleUploadedFile("scan.pdf", HTML, content_type="application/pdf")
    assert refused(shops.owner, shops.product.pk, private_root, document=html) == {
        "document": ["INVALID_FILE_TYPE"]
    }
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    assert refused(shops.owner, shops.product.pk, private_root, document=big) == {
        "document": ["FILE_TOO_LARGE"]
    }
    empty = SimpleUploadedFile("scan.pdf", b"", content_type="application/pdf")
    assert refused(shops.owner, shops.product.pk, private_root, document=empty) == {"document": ["REQUIRED"]}
    assert refused(shops.owner, shops.product.pk, private_root, document=None) == {"document": ["REQUIRED"]}
    just_fits = SimpleUploadedFile("scan.pdf", PDF + b"0" * (10 * 1024 * 1024 - len(PDF)))
    assert submit(shops.owner, shops.product.pk, document=just_fits)


def test_every_bad_field_is_reported_at_once(shops, private_root):
    html = SimpleUploadedFile("scan.pdf", HTML)
    assert refused(
        shops.owner, shops.product.pk, private_root, stars=6, decision_date=TODAY + DAY, document=html
    ) == {"stars": ["OUT_OF_RANGE"], "decision_date": ["INVALID"], "document": ["INVALID_FILE_TYPE"]}


def test_a_decision_number_is_used_once_per_product(shops, private_root):
    first = submit(shops.owner, shops.product.pk)
    files = stored_files(private_root)
    for number in ("1147/QĐ-UBND", " 1147/qđ-ubnd "):
        with pytest.raises(ValidationError) as caught:
            submit(shops.owner, shops.product.pk, decision_number=number)
        assert codes(caught.value) == {"decision_number": ["UNIQUE"]}
    assert stored_files(private_root) == files and OcopCertificate.objects.count() == 1
    # the same decision may recognise several products of the shop
    sibling = listed_product(vendor=shops.vendor, slug="tra-sen-hop-qua")
    assert submit(shops.owner, sibling.pk).pk != first.pk


def test_a_rejected_submission_may_be_sent_again(shops):
    certificate(shops.product, status=OcopCertificateStatus.REJECTED, decision_number="1147/QĐ-UBND")
    assert submit(shops.owner, shops.product.pk).status == OcopCertificateStatus.SUBMITTED


def test_a_failed_database_write_removes_the_stored_file(shops, private_root, monkeypatch):
    """A concurrent duplicate passes the early check; the constraint refuses the row and the
    file just stored is removed."""
    certificate(shops.product, status=OcopCertificateStatus.VERIFIED, decision_number="1147/QĐ-UBND")
    real, calls = services._duplicate_exists, []

    def first_check_misses(*args):
        calls.append(args)
        return False if len(calls) == 1 else real(*args)

    monkeypatch.setattr(services, "_duplicate_exists", first_check_misses)
    with pytest.raises(ValidationError) as caught:
        submit(shops.owner, shops.product.pk)
    assert codes(caught.value) == {"decision_number": ["UNIQUE"]}
    assert stored_files(private_root) == [] and OcopCertificate.objects.count() == 1


def test_an_unexpected_database_error_removes_the_stored_file(shops, private_root, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("boom")

    monkeypatch.setattr(OcopCertificate.objects, "create", broken)
    with pytest.raises(IntegrityError):
        submit(shops.owner, shops.product.pk)
    assert stored_files(private_root) == [] and OcopCertificate.objects.count() == 0
