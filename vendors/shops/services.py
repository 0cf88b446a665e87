from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, require_user
from marketplace.accounts.addresses import validate_address
from marketplace.accounts.models import Address, User
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.accounts.phones import InvalidPhone, normalize_phone
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error
from marketplace.core.richtext import clean_plain_text, plain_text_or_error
from marketplace.core.text import nfc, search_key, slugify_vi
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
        vendor.status = VendorStatus.ACTIVE
        vendor.save(update_fields=["status", "updated_at"])
        policies.forget()
        notify_owners(vendor, "approved")
    return vendor


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
    with transaction.atomic():
        vendor.status = VendorStatus.SUSPENDED
        vendor.save(update_fields=["status", "updated_at"])
        policies.forget()
        notify_owners(vendor, "suspended", reason=nfc(reason or "").strip()[:500] or "—")
    return vendor


def vendor_update(
    *, actor: Actor, vendor: Vendor, data: dict[str, Any], logo_name: str | None = None
) -> tuple[Vendor, str | None]:
    """Name, description, phone and logo (already stored by the caller under a generated name).
    Returns the vendor and the replaced logo's name, for the caller to discard after commit."""
    policies.require(actor, VendorAction.EDIT, vendor)
    with transaction.atomic(), locked_edit(vendor):  # the latest saved shop, its row locked
        if data.get("name") is not None:
            vendor.name = _clean_name(data["name"])
        if data.get("description") is not None:
            vendor.description = _clean_description(data["description"])
        if data.get("phone") is not None:
            vendor.phone = _clean_phone(data["phone"])
        old_logo = vendor.logo.name if logo_name and vendor.logo else None
        if logo_name:
            vendor.logo.name = logo_name
            vendor.thumbnails.all().delete()
        vendor.search_document = vendor_search_document(vendor)
    return vendor, old_logo


def require_vendor_owner(actor: Actor, vendor: Vendor) -> None:
    """The check ``vendor_update`` makes, for a caller to make before storing a new logo."""
    policies.require(actor, VendorAction.EDIT, vendor)


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
