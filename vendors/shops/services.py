from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, require_user
from marketplace.accounts.addresses import validate_address
from marketplace.accounts.models import Address, User
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.accounts.phones import InvalidPhone, normalize_phone
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.catalog.cache import changes_catalog
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error
from marketplace.core.richtext import clean_plain_text, plain_text_or_error
from marketplace.core.text import nfc, search_key, slugify_vi
from marketplace.core.uploads import IMAGE_TYPES, discard, discard_after_commit, store_upload
from marketplace.inventory.models import Warehouse
from marketplace.notifications.notify import notify_holders
from vendors.shops import policies
from vendors.shops.emails import notify_owners
from vendors.shops.error_codes import VendorErrorCode
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus
from vendors.shops.policies import VendorAction
from vendors.villages.models import CraftVillage

MAX_DESCRIPTION = 5000


def vendor_search_document(vendor: Vendor) -> str:
    village = vendor.village
    parts = [
        vendor.name,
        village.name if village else "",
        village.craft if village else "",
        vendor.description,
    ]
    return search_key(" ".join(p for p in parts if p))


def vendor_refresh_search_document(vendor: Vendor) -> None:
    vendor.search_document = vendor_search_document(vendor)
    vendor.save(update_fields=["search_document"])


# ---------------------------------------------------------------- onboarding and membership


def _clean_name(value: str | None) -> str:
    name = nfc(value or "").strip()
    if not name:
        raise field_error("name", VendorErrorCode.REQUIRED, _("The shop needs a name."))
    if len(name) > 120:
        raise field_error("name", VendorErrorCode.INVALID, _("At most 120 characters."))
    return name


def _clean_phone(value: str | None) -> str:
    if not value:
        return ""
    try:
        return normalize_phone(value, vietnamese=True)
    except InvalidPhone as exc:
        raise exc.as_field_error("phone", VendorErrorCode.INVALID_PHONE) from None


def _clean_description(value: str | None) -> str:
    """Plain text (the API's ``String``): any HTML markup is removed."""
    return plain_text_or_error(
        value, field="description", code=VendorErrorCode.INVALID.value, max_length=MAX_DESCRIPTION
    )


def _free_slug(name: str, model: Any) -> str:
    base = slugify_vi(name)[:230] or "xuong"
    slug, index = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, index = f"{base}-{index}", index + 1
    return slug


def vendor_apply(
    *,
    actor: Actor,
    name: str,
    village_id: int | None,
    description: str = "",
    phone: str | None = None,
    address: dict[str, Any] | None = None,
) -> Vendor:
    """A PENDING shop owned by the applicant (a signed-in person), with its workshop as the
    first warehouse."""
    user = require_user(actor)
    name = _clean_name(name)
    village = None
    if village_id is not None:
        village = CraftVillage.objects.filter(pk=village_id).first()
        if village is None:
            raise field_error("village_id", VendorErrorCode.NOT_FOUND, _("Couldn't find that craft village."))
    if Vendor.objects.filter(members__user=user, status=VendorStatus.PENDING).exists():
        raise field_error(
            "name", VendorErrorCode.ALREADY_EXISTS, _("You already have an application waiting for review.")
        )
    cleaned_phone = _clean_phone(phone)
    if not address:
        raise field_error("address", VendorErrorCode.REQUIRED, _("The workshop address is required."))
    cleaned_address = validate_address(address, vietnamese_phone=True)
    description = _clean_description(description)
    with transaction.atomic():
        vendor = Vendor.objects.create(
            slug=_free_slug(name, Vendor),
            name=name,
            village=village,
            description=description,
            phone=cleaned_phone,
            status=VendorStatus.PENDING,
        )
        VendorMember.objects.create(vendor=vendor, user=user, role=VendorMemberRole.OWNER)
        policies.forget()
        Warehouse.objects.create(
            name=f"Xưởng {name}"[:250],
            slug=_free_slug(f"xuong {name}", Warehouse),
            vendor=vendor,
            address=Address.objects.create(**cleaned_address),
            email=user.email,
        )
        vendor.search_document = vendor_search_document(vendor)
        vendor.save(update_fields=["search_document"])
        notify_holders(
            "vendor_application_new",
            permission=PermissionEnum.MANAGE_VENDORS,
            object_key=f"vendor:{vendor.pk}",
            context={"name": vendor.name, "village": village.name if village else ""},
        )
    return vendor


def _require_vendor_admin(actor: Actor) -> None:
    if not has_permissions(actor, [PermissionEnum.MANAGE_VENDORS]):
        raise PermissionDenied(_("You need the MANAGE_VENDORS permission."))


@changes_catalog
def vendor_approve(*, actor: Actor, vendor: Vendor) -> Vendor:
    """PENDING or SUSPENDED -> ACTIVE (staff with MANAGE_VENDORS)."""
    _require_vendor_admin(actor)
    if vendor.status not in (VendorStatus.PENDING, VendorStatus.SUSPENDED):
        raise field_error(
            "id",
            VendorErrorCode.INVALID_STATUS,
            _("A %(status)s shop cannot be approved."),
            status=vendor.status,
        )
    with transaction.atomic():
        action = (
            AuditAction.VENDOR_REINSTATE
            if vendor.status == VendorStatus.SUSPENDED
            else AuditAction.VENDOR_APPROVE
        )
        audit.record(actor, action, vendor, old_status=vendor.status, new_status=VendorStatus.ACTIVE)
        vendor.status = VendorStatus.ACTIVE
        vendor.save(update_fields=["status", "updated_at"])
        policies.forget()
        notify_owners(vendor, "approved")
    return vendor


@changes_catalog
def vendor_suspend(*, actor: Actor, vendor: Vendor, reason: str = "") -> Vendor:
    """Hides the shop and its products at once; its members can no longer write (staff with
    MANAGE_VENDORS)."""
    _require_vendor_admin(actor)
    if vendor.status != VendorStatus.ACTIVE:
        raise field_error(
            "id",
            VendorErrorCode.INVALID_STATUS,
            _("A %(status)s shop cannot be suspended."),
            status=vendor.status,
        )
    note = nfc(reason or "").strip()[:500]
    with transaction.atomic():
        vendor.status = VendorStatus.SUSPENDED
        vendor.save(update_fields=["status", "updated_at"])
        audit.record(
            actor,
            AuditAction.VENDOR_SUSPEND,
            vendor,
            old_status=VendorStatus.ACTIVE,
            new_status=VendorStatus.SUSPENDED,
            note=note,
        )
        policies.forget()
        notify_owners(vendor, "suspended", reason=note or "—")
    return vendor


@changes_catalog
def vendor_update(
    *,
    actor: Actor,
    vendor: Vendor,
    data: dict[str, Any],
    logo: "File[bytes] | None" = None,
) -> Vendor:
    """Name, description, phone and logo. A new logo is checked and stored (field ``logo``)
    once the actor is known to be allowed, before the transaction; the replaced one is
    discarded after the commit, the new one at once if the write fails."""
    policies.require(actor, VendorAction.EDIT, vendor)
    logo_name = None
    if logo is not None:
        logo_name, _content_type = store_upload(
            file=logo, allowed=IMAGE_TYPES, prefix="vendor-logos", field="logo"
        )
    try:
        with transaction.atomic(), locked_edit(vendor):  # the latest saved shop, its row locked
            if data.get("name") is not None:
                vendor.name = _clean_name(data["name"])
            if data.get("description") is not None:
                vendor.description = _clean_description(data["description"])
            if data.get("phone") is not None:
                vendor.phone = _clean_phone(data["phone"])
            if logo_name:
                discard_after_commit([vendor.logo.name])
                vendor.logo.name = logo_name
                vendor.thumbnails.all().delete()
            vendor.search_document = vendor_search_document(vendor)
    except BaseException:
        if logo_name:
            discard(logo_name)
        raise
    return vendor


MAX_COMMISSION_RATE = Decimal("50")


def vendor_commission_rate_set(*, actor: Actor, vendor: Vendor, rate: Decimal | str | int) -> Vendor:
    """The shop's commission, in percent of its sales (0 to 50, at most two decimals; 10 by
    default). Staff with MANAGE_VENDORS. Orders copy the rate when they are placed, so it
    applies from the next order on: earlier orders and their payouts keep theirs."""
    _require_vendor_admin(actor)
    try:
        value = Decimal(str(rate).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise field_error(
            "commission_rate", VendorErrorCode.INVALID, _("The commission rate is a number of percent.")
        ) from None
    if not value.is_finite() or not (0 <= value <= MAX_COMMISSION_RATE):
        raise field_error(
            "commission_rate",
            VendorErrorCode.OUT_OF_RANGE,
            _("The commission rate is between 0 and %(maximum)s%%."),
            maximum=MAX_COMMISSION_RATE,
        )
    if value != value.quantize(Decimal("0.01")):
        raise field_error("commission_rate", VendorErrorCode.INVALID, _("At most two decimals, e.g. 12.5."))
    with transaction.atomic():
        with locked_edit(vendor):
            old = vendor.commission_rate
            vendor.commission_rate = value.quantize(Decimal("0.01"))
        audit.record(actor, AuditAction.VENDOR_COMMISSION_RATE, vendor, old=old, new=vendor.commission_rate)
    return vendor


def vendor_member_add(*, actor: Actor, vendor: Vendor, email: str, role: str) -> VendorMember:
    policies.require(actor, VendorAction.MANAGE_MEMBERS, vendor)
    if role not in VendorMemberRole.values:
        raise field_error("role", VendorErrorCode.INVALID, _("The role is OWNER or STAFF."))
    user = User.objects.filter(email=nfc(email or "").strip().lower(), is_active=True).first()
    if user is None:
        raise field_error(
            "email", VendorErrorCode.NOT_FOUND, _("No active account has this email; ask them to register.")
        )
    try:
        with transaction.atomic():
            member = VendorMember.objects.create(vendor=vendor, user=user, role=role)
            policies.forget()
            return member
    except IntegrityError:
        raise field_error(
            "email", VendorErrorCode.UNIQUE, _("This person is already a member of the shop.")
        ) from None


def vendor_reclean_descriptions(*, dry_run: bool = False) -> int:
    """Strip markup from shop descriptions written before the plain-text rule (and refresh
    their search text); how many changed. Idempotent (``manage.py clean_rich_text``)."""
    changed = 0
    with transaction.atomic():
        for vendor in Vendor.objects.select_for_update(of=("self",)).select_related("village").order_by("pk"):
            description = clean_plain_text(vendor.description, lenient=True)
            if description == vendor.description:
                continue
            changed += 1
            if not dry_run:
                vendor.description = description
                vendor.search_document = vendor_search_document(vendor)
                vendor.save(update_fields=["description", "search_document", "updated_at"])
    return changed


MAX_REJECTION_REASON = 2000


def vendor_reject(*, actor: Actor, vendor: Vendor, reason: str) -> Vendor:
    """PENDING -> REJECTED, with the reason e-mailed to the applicant (staff with
    MANAGE_VENDORS). The applicant may apply again."""
    _require_vendor_admin(actor)
    reason = nfc(reason or "").strip()
    if not reason:
        raise field_error("reason", VendorErrorCode.REQUIRED, _("Say why, for the applicant."))
    if len(reason) > MAX_REJECTION_REASON:
        raise field_error(
            "reason", VendorErrorCode.INVALID, _("At most %(limit)s characters."), limit=MAX_REJECTION_REASON
        )
    with transaction.atomic():
        locked: Vendor | None = Vendor.objects.select_for_update().filter(pk=vendor.pk).first()
        if locked is None:
            raise field_error("id", VendorErrorCode.NOT_FOUND, _("Couldn't find that shop."))
        if locked.status != VendorStatus.PENDING:
            raise field_error(
                "id",
                VendorErrorCode.INVALID_STATUS,
                _("A %(status)s shop cannot be rejected."),
                status=locked.status,
            )
        locked.status = VendorStatus.REJECTED
        locked.save(update_fields=["status", "updated_at"])
        audit.record(
            actor,
            AuditAction.VENDOR_REJECT,
            locked,
            old_status=VendorStatus.PENDING,
            new_status=VendorStatus.REJECTED,
            note=reason,
        )
        policies.forget()
        notify_owners(locked, "rejected", reason=reason)
    vendor.status = locked.status
    return locked
