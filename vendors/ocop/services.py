"""Writes of OCOP certificates: submission by a shop, review by curators and staff, and
the daily expiry bookkeeping.

Who may do what:
- submit: a member of the product's ACTIVE shop, or staff holding MANAGE_PRODUCTS (the
  vendor policy). Anyone else gets NOT_FOUND on ``product_id`` (other shops' products are
  not revealed); a member of a shop that cannot write (suspended, pending) gets
  PERMISSION_DENIED, since the shop is theirs.
- verify, reject: holders of MANAGE_OCOP (the Design Centre curators, staff).
- revoke: staff users holding MANAGE_OCOP (not apps).
A reviewer may not review a certificate they submitted or one of a shop they belong to.

The certificate's status stays VERIFIED after its ``valid_until``: validity is computed by
``selectors.valid_certificates``; the daily task only records ``expired_marked_at``.
"""

import calendar
import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user, is_system, require_system
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.catalog.cache import changes_catalog
from marketplace.core.errors import field_error
from marketplace.core.text import nfc
from marketplace.core.uploads import (
    DOCUMENT_TYPES,
    HEAD_BYTES,
    check_upload,
    discard,
    read_limited,
    store_upload,
)
from marketplace.notifications.notify import notify_holders, notify_vendor_members
from vendors.ocop import emails
from vendors.ocop.error_codes import OcopErrorCode
from vendors.ocop.models import (
    STAR_SCORES,
    VALIDITY_MONTHS,
    OcopCertificate,
    OcopCertificateStatus,
    OcopProductGroup,
)
from vendors.ocop.selectors import valid_certificates
from vendors.shops import policies
from vendors.shops.models import Vendor, VendorMember
from vendors.shops.policies import VendorAction

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_DECISION_NUMBER = 64
MAX_ISSUED_BY = 255
MAX_NOTE = 2000
REMINDER_DAYS = 30


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar month addition; a day missing in the target month becomes its last day
    (29 Feb 2024 + 36 months = 28 Feb 2027)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def certificate_valid_until(decision_date: datetime.date) -> datetime.date:
    """The last day a recognition is valid: the decision date plus 36 months."""
    return add_months(decision_date, VALIDITY_MONTHS)


# ---------------------------------------------------------------- submission


def _submission_vendor(actor: Actor, product_id: int) -> Vendor:
    vendor = Vendor.objects.filter(products__pk=product_id).first()
    if vendor is not None and policies.allowed(actor, VendorAction.SUBMIT_OCOP, vendor):
        return vendor
    if vendor is not None and policies.allowed(actor, VendorAction.VIEW, vendor):
        raise field_error(
            "product_id",
            OcopErrorCode.PERMISSION_DENIED,
            _("Your shop cannot submit certificates while it is not active."),
        )
    raise field_error("product_id", OcopErrorCode.NOT_FOUND, _("Couldn't find that product."))


def _clean_text(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _clean_submission(
    *,
    stars: int,
    score: int | None,
    product_group: str,
    decision_number: str,
    decision_date: datetime.date,
    issued_by: str,
    document: Any,
    today: datetime.date,
) -> dict[str, Any]:
    """Every field checked at once; a ValidationError lists each bad field."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, code: OcopErrorCode, message: "StrPromise", **params: Any) -> None:
        errors.setdefault(field, []).extend(field_error(field, code, message, **params).error_dict[field])

    if stars not in STAR_SCORES:
        add("stars", OcopErrorCode.OUT_OF_RANGE, _("OCOP products are ranked 3, 4 or 5 stars."))
    if score is not None:
        if not 0 <= score <= 100:
            add("score", OcopErrorCode.OUT_OF_RANGE, _("The score is out of 100."))
        elif stars in STAR_SCORES and not STAR_SCORES[stars][0] <= score <= STAR_SCORES[stars][1]:
            low, high = STAR_SCORES[stars]
            add(
                "score",
                OcopErrorCode.INVALID,
                _("A %(stars)s-star product scores from %(low)s to %(high)s points."),
                stars=stars,
                low=low,
                high=high,
            )
    if product_group not in OcopProductGroup.values:
        add("product_group", OcopErrorCode.INVALID, _("Unknown OCOP product group."))
    decision_number = _clean_text(decision_number)
    if not decision_number:
        add("decision_number", OcopErrorCode.REQUIRED, _("The decision number is required."))
    elif len(decision_number) > MAX_DECISION_NUMBER:
        add(
            "decision_number",
            OcopErrorCode.INVALID,
            _("At most %(limit)s characters."),
            limit=MAX_DECISION_NUMBER,
        )
    if decision_date > today:
        add("decision_date", OcopErrorCode.INVALID, _("The decision date cannot be in the future."))
    elif certificate_valid_until(decision_date) < today:
        add("decision_date", OcopErrorCode.INVALID, _("This recognition has already expired (36 months)."))
    issued_by = _clean_text(issued_by)
    if not issued_by:
        add("issued_by", OcopErrorCode.REQUIRED, _("The issuing authority is required."))
    elif len(issued_by) > MAX_ISSUED_BY:
        add("issued_by", OcopErrorCode.INVALID, _("At most %(limit)s characters."), limit=MAX_ISSUED_BY)
    if document is None:
        add("document", OcopErrorCode.REQUIRED, _("The scanned certificate is required."))
    else:
        try:  # by its bytes, as store_upload will check again: PDF, JPEG, PNG or WEBP, <= 10 MB
            size = getattr(document, "size", None)
            head = read_limited(document, limit=HEAD_BYTES)
            check_upload(
                head=head,
                size=size if isinstance(size, int) else len(head),
                allowed=DOCUMENT_TYPES,
                field="document",
                max_bytes=MAX_DOCUMENT_BYTES,
            )
        except ValidationError as error:
            for item in error.error_dict["document"]:
                errors.setdefault("document", []).append(item)
    if errors:
        raise ValidationError(errors)
    return {
        "stars": stars,
        "score": score,
        "product_group": product_group,
        "decision_number": decision_number,
        "decision_date": decision_date,
        "issued_by": issued_by,
    }


def _duplicate_exists(product_id: int, decision_number: str) -> bool:
    return (
        OcopCertificate.objects.filter(product_id=product_id, decision_number__iexact=decision_number)
        .exclude(status=OcopCertificateStatus.REJECTED)
        .exists()
    )


def _duplicate_error() -> ValidationError:
    return field_error(
        "decision_number",
        OcopErrorCode.UNIQUE,
        _("This product already has a certificate with this decision number."),
    )


def certificate_submit(
    *,
    actor: Actor,
    product_id: int,
    stars: int,
    score: int | None,
    product_group: str,
    decision_number: str,
    decision_date: datetime.date,
    issued_by: str,
    document: Any,
    today: datetime.date | None = None,
) -> OcopCertificate:
    """A SUBMITTED certificate with its document stored privately. Nothing is stored
    (no row, no file) when any check fails."""
    today = today or timezone.localdate()
    vendor = _submission_vendor(actor, product_id)
    fields = _clean_submission(
        stars=stars,
        score=score,
        product_group=product_group,
        decision_number=decision_number,
        decision_date=decision_date,
        issued_by=issued_by,
        document=document,
        today=today,
    )
    if _duplicate_exists(product_id, fields["decision_number"]):
        raise _duplicate_error()
    # Outside any transaction: the storage may be S3 (see STYLE.md).
    name, _ignored = store_upload(
        file=document, allowed=DOCUMENT_TYPES, prefix="ocop", field="document", private=True
    )
    try:
        with transaction.atomic():
            certificate = OcopCertificate.objects.create(
                product_id=product_id,
                vendor=vendor,
                valid_until=certificate_valid_until(fields["decision_date"]),
                status=OcopCertificateStatus.SUBMITTED,
                document=name,
                submitted_by=actor_user(actor),
                **fields,
            )
            notify_holders(
                "ocop_certificate_submitted",
                permission=PermissionEnum.MANAGE_OCOP,
                object_key=f"ocop_certificate:{certificate.pk}",
                context={
                    "product": certificate.product.name,
                    "vendor": vendor.name,
                    "stars": certificate.stars,
                    "decision": certificate.decision_number,
                },
            )
    except BaseException as error:
        discard(name, private=True)
        if isinstance(error, IntegrityError) and _duplicate_exists(product_id, fields["decision_number"]):
            raise _duplicate_error() from None
        raise
    return certificate


# ---------------------------------------------------------------- review


def _require_reviewer(actor: Actor, *, staff_only: bool = False) -> None:
    if not has_permissions(actor, [PermissionEnum.MANAGE_OCOP]):
        raise PermissionDenied(_("You need the MANAGE_OCOP permission."))
    user = actor_user(actor)
    if staff_only and not (is_system(actor) or (user is not None and user.is_staff)):
        raise PermissionDenied(_("Only staff members can revoke OCOP certificates."))


def _locked_certificate(certificate_id: int) -> OcopCertificate:
    certificate = (
        OcopCertificate.objects.select_for_update(of=("self",))
        .select_related("product")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        raise field_error("id", OcopErrorCode.NOT_FOUND, _("Couldn't find that OCOP certificate."))
    return certificate


def _check_impartial(actor: Actor, certificate: OcopCertificate) -> None:
    user = actor_user(actor)
    if user is None:
        return
    own = certificate.submitted_by_id == user.pk
    if own or VendorMember.objects.filter(vendor_id=certificate.vendor_id, user=user).exists():
        raise field_error(
            "id",
            OcopErrorCode.PERMISSION_DENIED,
            _("You cannot review a certificate of a shop you belong to or that you submitted."),
        )


_WRONG_STATUS = {
    "verified": _("Only a %(expected)s certificate can be verified; this one is %(status)s."),
    "rejected": _("Only a %(expected)s certificate can be rejected; this one is %(status)s."),
    "revoked": _("Only a %(expected)s certificate can be revoked; this one is %(status)s."),
}


def _check_status(certificate: OcopCertificate, expected: OcopCertificateStatus, action: str) -> None:
    if certificate.status != expected:
        raise field_error(
            "id",
            OcopErrorCode.INVALID_STATUS,
            _WRONG_STATUS[action],
            expected=expected.value,
            status=certificate.status,
        )


def _clean_note(note: str | None) -> str:
    note = nfc(note or "").strip()
    if not note:
        raise field_error("note", OcopErrorCode.REQUIRED, _("Say why, for the shop."))
    if len(note) > MAX_NOTE:
        raise field_error("note", OcopErrorCode.INVALID, _("At most %(limit)s characters."), limit=MAX_NOTE)
    return note


_ACTIONS = {
    "verified": AuditAction.OCOP_VERIFY,
    "rejected": AuditAction.OCOP_REJECT,
    "revoked": AuditAction.OCOP_REVOKE,
}


def _decide(
    actor: Actor, certificate: OcopCertificate, status: OcopCertificateStatus, note: str, kind: str
) -> OcopCertificate:
    certificate.status = status
    certificate.review_note = note
    certificate.reviewed_by = actor_user(actor)
    certificate.reviewed_at = timezone.now()
    certificate.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    audit.record(
        actor,
        _ACTIONS[kind],
        certificate,
        old_status=OcopCertificateStatus.VERIFIED if kind == "revoked" else OcopCertificateStatus.SUBMITTED,
        new_status=status,
        note=note,
    )
    emails.notify_owners(certificate, kind)
    return certificate


@changes_catalog
def certificate_verify(
    *, actor: Actor, certificate_id: int, today: datetime.date | None = None
) -> OcopCertificate:
    """SUBMITTED -> VERIFIED; the badge shows from now until ``valid_until``."""
    _require_reviewer(actor)
    today = today or timezone.localdate()
    with transaction.atomic():
        certificate = _locked_certificate(certificate_id)
        _check_impartial(actor, certificate)
        _check_status(certificate, OcopCertificateStatus.SUBMITTED, "verified")
        if certificate.valid_until < today:
            raise field_error(
                "id", OcopErrorCode.INVALID, _("This recognition has expired; reject it instead.")
            )
        return _decide(actor, certificate, OcopCertificateStatus.VERIFIED, "", "verified")


@changes_catalog
def certificate_reject(*, actor: Actor, certificate_id: int, note: str) -> OcopCertificate:
    """SUBMITTED -> REJECTED, with the note sent to the shop's owners."""
    _require_reviewer(actor)
    note = _clean_note(note)
    with transaction.atomic():
        certificate = _locked_certificate(certificate_id)
        _check_impartial(actor, certificate)
        _check_status(certificate, OcopCertificateStatus.SUBMITTED, "rejected")
        return _decide(actor, certificate, OcopCertificateStatus.REJECTED, note, "rejected")


@changes_catalog
def certificate_revoke(*, actor: Actor, certificate_id: int, note: str) -> OcopCertificate:
    """VERIFIED -> REVOKED (staff only); the badge disappears at once."""
    _require_reviewer(actor, staff_only=True)
    note = _clean_note(note)
    with transaction.atomic():
        certificate = _locked_certificate(certificate_id)
        _check_impartial(actor, certificate)
        _check_status(certificate, OcopCertificateStatus.VERIFIED, "revoked")
        return _decide(actor, certificate, OcopCertificateStatus.REVOKED, note, "revoked")


# ---------------------------------------------------------------- daily bookkeeping


@changes_catalog
def certificates_expire_and_remind(*, actor: Actor, today: datetime.date | None = None) -> dict[str, int]:
    """Record the expiry of VERIFIED certificates past ``valid_until`` (their status stays
    VERIFIED; validity is computed) and email each shop once, up to 30 days before a
    certificate expires, unless the product already has a valid certificate lasting
    longer. Idempotent: running it twice on a day changes and sends nothing more. Runs as
    ``SYSTEM`` (the daily task)."""
    require_system(actor)
    today = today or timezone.localdate()
    now = timezone.now()
    expired = OcopCertificate.objects.filter(
        status=OcopCertificateStatus.VERIFIED, valid_until__lt=today, expired_marked_at__isnull=True
    ).update(expired_marked_at=now)
    renewed = valid_certificates(today).filter(
        product_id=OuterRef("product_id"), valid_until__gt=OuterRef("valid_until")
    )
    with transaction.atomic():
        due = list(
            valid_certificates(today)
            .select_for_update(of=("self",), skip_locked=True)
            .select_related("product")
            .filter(
                expiry_notified_at__isnull=True,
                valid_until__lte=today + datetime.timedelta(days=REMINDER_DAYS),
            )
            .filter(~Exists(renewed))
            .order_by("pk")
        )
        OcopCertificate.objects.filter(pk__in=[c.pk for c in due]).update(expiry_notified_at=now)
        for certificate in due:
            notify_vendor_members(
                "ocop_expiring",
                vendor_id=certificate.vendor_id,
                owners_only=True,
                object_key=f"ocop_certificate:{certificate.pk}",
                context=emails.context_of(certificate),
            )
    return {"expired": expired, "reminded": len(due)}
