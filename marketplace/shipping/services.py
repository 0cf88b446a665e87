"""Every write to shipping zones and methods: staff with MANAGE_CHANNELS (the marketplace's
commercial settings). A refused call changes nothing; each write locks its row.

- ``shipping_zone_update``: the zone's name and its provinces (official names, matched with
  or without accents and "Tỉnh"/"Thành phố"; a province belongs to one zone at most).
- ``shipping_zone_create``: a new (not default) zone with a name and its provinces.
- ``shipping_method_save``: a method's name, prices (whole đồng), weights and delivery days,
  new in a zone or changed.
- ``shipping_method_delete`` and ``shipping_zone_delete`` (the zone with its methods). Orders
  keep what they bought (``shipping_method_name``, the price): their link becomes null, as in
  Saleor. A checkout being paid (a transaction holding money: authorized, charged or pending)
  with one of the methods refuses the deletion (IN_USE, with the count): its total and the
  payment would no longer agree. Other checkouts lose the choice and ask the buyer again.
  The default zone (every province not listed elsewhere) is never deleted.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.accounts.vn_units import find_province
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error, grouped
from marketplace.core.text import nfc, slugify_vi
from marketplace.shipping.error_codes import ShippingErrorCode
from marketplace.shipping.models import ShippingMethod, ShippingZone

PRICE_LIMIT = Decimal(10_000_000)  # đồng; a parcel's delivery, not a product
MAX_WEIGHT_GRAMS = 1_000_000
MAX_DAYS = 60


def _require_manager(actor: Actor) -> None:
    if not has_permissions(actor, [PermissionEnum.MANAGE_CHANNELS]):
        raise PermissionDenied(_("You need the MANAGE_CHANNELS permission."))


def _name(value: Any, *, limit: int) -> str:
    name = nfc(str(value or "")).strip()
    if not name:
        raise field_error("name", ShippingErrorCode.REQUIRED, _("A name is required."))
    if len(name) > limit:
        raise field_error("name", ShippingErrorCode.INVALID, _("At most %(limit)s characters."), limit=limit)
    return name


def _price(field: str, value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise field_error(field, ShippingErrorCode.INVALID, _("Not a number.")) from None
    if not amount.is_finite() or amount < 0 or amount >= PRICE_LIMIT:
        raise field_error(
            field,
            ShippingErrorCode.INVALID,
            _("From 0 to below %(limit)s đồng."),
            limit=grouped(int(PRICE_LIMIT)),
        )
    if amount != amount.quantize(Decimal(1)):
        raise field_error(field, ShippingErrorCode.INVALID, _("Whole đồng only."))
    return amount.quantize(Decimal(1))


def _whole(field: str, value: Any, *, low: int, high: int, required: bool = True) -> int | None:
    if value is None or value == "":
        if required:
            raise field_error(field, ShippingErrorCode.REQUIRED, _("This is required."))
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not (low <= value <= high):
        raise field_error(
            field,
            ShippingErrorCode.INVALID,
            _("A whole number from %(low)s to %(high)s."),
            low=grouped(low),
            high=grouped(high),
        )
    return value


def _official_provinces(provinces: list[str]) -> list[str]:
    official: list[str] = []
    for text in provinces:
        if not str(text).strip():
            continue
        found = find_province(str(text)[:100])
        if found is None:
            raise field_error(
                "provinces", ShippingErrorCode.NOT_FOUND, _("No province is called “%(name)s”."), name=text
            )
        if found.name not in official:
            official.append(found.name)
    return official


def _check_provinces_free(official: list[str], *, exclude_pk: int | None) -> None:
    """Inside the transaction: locks every other zone, refuses a province one of them has."""
    zones = ShippingZone.objects.select_for_update().order_by("pk")
    if exclude_pk is not None:
        zones = zones.exclude(pk=exclude_pk)
    taken = {province: other.name for other in zones for province in other.provinces}
    for province in official:
        if province in taken:
            raise field_error(
                "provinces",
                ShippingErrorCode.ALREADY_EXISTS,
                _("%(province)s is already in the zone “%(zone)s”."),
                province=province,
                zone=taken[province],
            )


def shipping_zone_update(
    *, actor: Actor, zone: ShippingZone, name: str, provinces: list[str]
) -> ShippingZone:
    _require_manager(actor)
    cleaned_name = _name(name, limit=120)
    official = _official_provinces(provinces)
    with transaction.atomic():
        _check_provinces_free(official, exclude_pk=zone.pk)
        with locked_edit(zone):
            old = {"name": zone.name, "provinces": list(zone.provinces)}
            zone.name = cleaned_name
            zone.provinces = official
        audit.record(
            actor,
            AuditAction.SHIPPING_ZONE_UPDATE,
            zone,
            **audit.changes(old, {"name": cleaned_name, "provinces": official}),
        )
    return zone


def shipping_zone_create(*, actor: Actor, name: str, provinces: list[str]) -> ShippingZone:
    """A zone that is not the default one (there is one default zone, made by migrations)."""
    _require_manager(actor)
    cleaned_name = _name(name, limit=120)
    official = _official_provinces(provinces)
    base = slugify_vi(cleaned_name)[:100] or "zone"
    with transaction.atomic():
        _check_provinces_free(official, exclude_pk=None)  # locks every zone: creations queue
        slug, index = base, 2
        while ShippingZone.objects.filter(slug=slug).exists():
            slug, index = f"{base}-{index}", index + 1
        zone = ShippingZone.objects.create(name=cleaned_name, slug=slug, provinces=official)
        audit.record(actor, AuditAction.SHIPPING_ZONE_CREATE, zone, name=cleaned_name, provinces=official)
        return zone


def _paying_checkouts(method_ids: list[int]) -> int:
    from marketplace.checkout.models import Checkout  # the checkout app depends on shipping

    holding = (
        Q(payment_transactions__authorized_value__gt=0)
        | Q(payment_transactions__charged_value__gt=0)
        | Q(payment_transactions__authorize_pending_value__gt=0)
        | Q(payment_transactions__charge_pending_value__gt=0)
    )
    return int(Checkout.objects.filter(holding, shipping_method_id__in=method_ids).distinct().count())


def _refuse_if_paying(method_ids: list[int], field: str) -> None:
    count = _paying_checkouts(method_ids)
    if count:
        raise field_error(
            field,
            ShippingErrorCode.IN_USE,
            _(
                "%(count)s checkouts are being paid with this shipping; wait until they are "
                "completed, or stop offering it to buyers instead."
            ),
            count=count,
        )


def shipping_method_delete(*, actor: Actor, method: ShippingMethod) -> ShippingMethod:
    """Delete ``method`` (see the module's rules); NOT_FOUND if it is already gone."""
    _require_manager(actor)
    with transaction.atomic():
        locked = ShippingMethod.objects.select_for_update().filter(pk=method.pk).first()
        if locked is None:
            raise field_error("id", ShippingErrorCode.NOT_FOUND, _("This shipping method no longer exists."))
        _refuse_if_paying([locked.pk], "id")
        audit.record(actor, AuditAction.SHIPPING_METHOD_DELETE, locked, name=locked.name, zone=locked.zone_id)
        locked.delete()
    return method


def shipping_zone_delete(*, actor: Actor, zone: ShippingZone) -> ShippingZone:
    """Delete ``zone`` and its methods (see the module's rules); NOT_FOUND if already gone."""
    _require_manager(actor)
    with transaction.atomic():
        locked = ShippingZone.objects.select_for_update().filter(pk=zone.pk).first()
        if locked is None:
            raise field_error("id", ShippingErrorCode.NOT_FOUND, _("This shipping zone no longer exists."))
        if locked.is_default:
            raise field_error(
                "id",
                ShippingErrorCode.INVALID,
                _("The default zone serves every province not listed elsewhere; it cannot be deleted."),
            )
        method_ids = list(
            ShippingMethod.objects.select_for_update().filter(zone=locked).values_list("pk", flat=True)
        )
        _refuse_if_paying(method_ids, "id")
        audit.record(actor, AuditAction.SHIPPING_ZONE_DELETE, locked, name=locked.name, methods=method_ids)
        locked.delete()
    return zone


def shipping_method_save(
    *, actor: Actor, zone: ShippingZone, method: ShippingMethod | None = None, data: dict[str, Any]
) -> ShippingMethod:
    """Create a method in ``zone`` (``method`` None) or change ``method`` (of that zone)."""
    _require_manager(actor)
    if method is not None and method.zone_id != zone.pk:
        raise field_error("id", ShippingErrorCode.NOT_FOUND, _("This method is not in that zone."))
    values: dict[str, Any] = {
        "name": _name(data.get("name"), limit=120),
        "description": nfc(str(data.get("description") or "")).strip()[:255],
        "base_price_amount": _price("base_price", data.get("base_price")),
        "price_per_extra_kg_amount": _price("price_per_extra_kg", data.get("price_per_extra_kg") or 0),
        "base_weight_grams": _whole(
            "base_weight_grams", data.get("base_weight_grams"), low=1, high=MAX_WEIGHT_GRAMS
        ),
        "maximum_weight_grams": _whole(
            "maximum_weight_grams",
            data.get("maximum_weight_grams"),
            low=1,
            high=MAX_WEIGHT_GRAMS,
            required=False,
        ),
        "minimum_delivery_days": _whole(
            "minimum_delivery_days", data.get("minimum_delivery_days"), low=0, high=MAX_DAYS
        ),
        "maximum_delivery_days": _whole(
            "maximum_delivery_days", data.get("maximum_delivery_days"), low=0, high=MAX_DAYS
        ),
        "is_active": bool(data.get("is_active")),
    }
    if values["maximum_delivery_days"] < values["minimum_delivery_days"]:
        raise field_error(
            "maximum_delivery_days",
            ShippingErrorCode.MAX_LESS_THAN_MIN,
            _("The longest delivery cannot be shorter than the shortest."),
        )
    maximum = values["maximum_weight_grams"]
    if maximum is not None and maximum < values["base_weight_grams"]:
        raise field_error(
            "maximum_weight_grams",
            ShippingErrorCode.MAX_LESS_THAN_MIN,
            _("The maximum weight cannot be below the weight the base price covers."),
        )
    with transaction.atomic():
        if method is None:
            created = ShippingMethod.objects.create(zone=zone, currency="VND", **values)
            audit.record(actor, AuditAction.SHIPPING_METHOD_CREATE, created, zone=zone.pk, **values)
            return created
        with locked_edit(method):
            old = {key: getattr(method, key) for key in values}
            for key, value in values.items():
                setattr(method, key, value)
        audit.record(actor, AuditAction.SHIPPING_METHOD_UPDATE, method, **audit.changes(old, values))
    return method
