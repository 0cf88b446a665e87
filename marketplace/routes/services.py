"""Every write to tourism routes. Staff holding MANAGE_ROUTES only; a refused call
changes nothing (all input is validated before the first write)."""

import math
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.catalog.cache import changes_catalog
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error
from marketplace.core.richtext import clean_plain_text, plain_text_or_error
from marketplace.core.text import nfc, slugify_vi
from marketplace.routes.error_codes import TourismRouteErrorCode
from marketplace.routes.models import TourismRoute, TourismRouteStop, TourismRouteTranslation
from marketplace.routes.selectors import can_manage_routes
from vendors.villages.models import CraftVillage

MAX_DISTANCE_KM = 2000.0
MAX_DURATION_HOURS = 240.0  # ten days
MAX_STOPS = 30
MAX_DESCRIPTION = 5000  # characters of plain text
MAX_VISIT_MINUTES = 1440
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UNSET: Any = object()


@dataclass(frozen=True)
class StopData:
    title: str
    village_id: int | None = None
    activities: str = ""
    visit_minutes: int | None = None


def _require_manager(actor: Actor) -> None:
    if not can_manage_routes(actor):
        raise PermissionDenied(_("You need the MANAGE_ROUTES permission."))


def _clean_name(value: str | None) -> str:
    name = nfc(value or "").strip()
    if not name:
        raise field_error("name", TourismRouteErrorCode.REQUIRED, _("The route needs a name."))
    if len(name) > 255:
        raise field_error("name", TourismRouteErrorCode.INVALID, _("At most 255 characters."))
    return name


def _clean_slug(value: str, *, route_id: int | None) -> str:
    slug = value.strip()
    if not slug:
        raise field_error("slug", TourismRouteErrorCode.REQUIRED, _("The slug cannot be empty."))
    if len(slug) > 255 or not _SLUG.match(slug):
        raise field_error(
            "slug", TourismRouteErrorCode.INVALID, _("Lowercase letters, digits and single hyphens only.")
        )
    if TourismRoute.objects.filter(slug=slug).exclude(pk=route_id).exists():  # type: ignore[misc]
        raise field_error("slug", TourismRouteErrorCode.UNIQUE, _("Another route already uses this slug."))
    return slug


def _free_slug(name: str) -> str:
    base = slugify_vi(name)[:240] or "tuyen"
    slug, index = base, 2
    while TourismRoute.objects.filter(slug=slug).exists():
        slug, index = f"{base}-{index}", index + 1
    return slug


def _clean_amount(field: str, value: float | None, maximum: float) -> float | None:
    if value is None:
        return None
    if not math.isfinite(value) or value < 0 or value > maximum:
        raise field_error(
            field,
            TourismRouteErrorCode.OUT_OF_RANGE,
            _("Must be between 0 and %(limit)s."),
            limit=f"{maximum:g}",
        )
    return float(value)


def _clean_fields(fields: dict[str, Any], *, route_id: int | None) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if "name" in fields:
        cleaned["name"] = _clean_name(fields["name"])
    if fields.get("slug") is not None:
        cleaned["slug"] = _clean_slug(fields["slug"], route_id=route_id)
    if "description" in fields:
        cleaned["description"] = plain_text_or_error(
            fields["description"],
            field="description",
            code=TourismRouteErrorCode.INVALID.value,
            max_length=MAX_DESCRIPTION,
        )
    if "distance_km" in fields:
        cleaned["distance_km"] = _clean_amount("distance_km", fields["distance_km"], MAX_DISTANCE_KM)
    if "duration_hours" in fields:
        cleaned["duration_hours"] = _clean_amount(
            "duration_hours", fields["duration_hours"], MAX_DURATION_HOURS
        )
    if fields.get("is_published") is not None:
        cleaned["is_published"] = bool(fields["is_published"])
    return cleaned


def _audited(values: dict[str, Any]) -> dict[str, Any]:
    """A route's fields for the audit log (the description said changed, not copied)."""
    return {k: ("…" if k == "description" and v else v) for k, v in values.items()}


def _save(actor: Actor, route: TourismRoute) -> TourismRoute:
    try:
        with transaction.atomic():
            route.save()
            audit.record(
                actor,
                AuditAction.ROUTE_CREATE,
                route,
                **_audited({"name": route.name, "slug": route.slug, "is_published": route.is_published}),
            )
    except IntegrityError:  # a concurrent call took the slug
        raise field_error(
            "slug", TourismRouteErrorCode.UNIQUE, _("Another route already uses this slug.")
        ) from None
    return route


@changes_catalog
def route_create(
    *,
    actor: Actor,
    name: str | None,
    slug: str | None = None,
    description: str | None = "",
    distance_km: float | None = None,
    duration_hours: float | None = None,
    is_published: bool | None = False,
) -> TourismRoute:
    """A new route; the slug is made from the name (Vietnamese accents folded) when omitted."""
    _require_manager(actor)
    cleaned = _clean_fields(
        {
            "name": name,
            "slug": slug,
            "description": description,
            "distance_km": distance_km,
            "duration_hours": duration_hours,
            "is_published": is_published,
        },
        route_id=None,
    )
    cleaned.setdefault("slug", _free_slug(cleaned["name"]))
    return _save(actor, TourismRoute(**cleaned))


@changes_catalog
def route_update(
    *,
    actor: Actor,
    route: TourismRoute,
    name: str | None = UNSET,
    slug: str | None = UNSET,
    description: str | None = UNSET,
    distance_km: float | None = UNSET,
    duration_hours: float | None = UNSET,
    is_published: bool | None = UNSET,
) -> TourismRoute:
    """Change the given fields only; ``None`` clears the distance or duration."""
    _require_manager(actor)
    given = {
        key: value
        for key, value in {
            "name": name,
            "slug": slug,
            "description": description,
            "distance_km": distance_km,
            "duration_hours": duration_hours,
            "is_published": is_published,
        }.items()
        if value is not UNSET
    }
    cleaned = _clean_fields(given, route_id=route.pk)
    try:
        with transaction.atomic():
            with locked_edit(route):  # other fields: as another device left them
                old = {key: getattr(route, key) for key in cleaned}
                for key, value in cleaned.items():
                    setattr(route, key, value)
            audit.record(
                actor, AuditAction.ROUTE_UPDATE, route, **audit.changes(_audited(old), _audited(cleaned))
            )
    except IntegrityError:  # a concurrent call took the slug
        raise field_error(
            "slug", TourismRouteErrorCode.UNIQUE, _("Another route already uses this slug.")
        ) from None
    return route


def _clean_stops(stops: list[StopData]) -> list[TourismRouteStop]:
    if len(stops) > MAX_STOPS:
        raise field_error(
            "stops", TourismRouteErrorCode.OUT_OF_RANGE, _("At most %(limit)s stops."), limit=MAX_STOPS
        )
    village_ids = {s.village_id for s in stops if s.village_id is not None}
    known = set(CraftVillage.objects.filter(pk__in=village_ids).values_list("pk", flat=True))
    result = []
    for index, stop in enumerate(stops, start=1):
        title = nfc(stop.title or "").strip()
        if not title:
            raise field_error(
                "stops", TourismRouteErrorCode.REQUIRED, _("Stop %(index)s needs a title."), index=index
            )
        if len(title) > 255:
            raise field_error(
                "stops",
                TourismRouteErrorCode.INVALID,
                _("Stop %(index)s: at most %(limit)s characters."),
                index=index,
                limit=255,
            )
        if stop.village_id is not None and stop.village_id not in known:
            raise field_error(
                "stops",
                TourismRouteErrorCode.NOT_FOUND,
                _("Stop %(index)s: no such craft village."),
                index=index,
            )
        minutes = stop.visit_minutes
        if minutes is not None and not 0 <= minutes <= MAX_VISIT_MINUTES:
            raise field_error(
                "stops",
                TourismRouteErrorCode.OUT_OF_RANGE,
                _("Stop %(index)s: visit minutes must be between 0 and %(limit)s."),
                index=index,
                limit=MAX_VISIT_MINUTES,
            )
        result.append(
            TourismRouteStop(
                position=index,
                title=title,
                village_id=stop.village_id,
                activities=nfc(stop.activities or "").strip(),
                visit_minutes=minutes,
            )
        )
    return result


def route_stops_set(*, actor: Actor, route: TourismRoute, stops: list[StopData]) -> TourismRoute:
    """Replace every stop of the route, in the given order (positions 1..n), atomically."""
    _require_manager(actor)
    new_stops = _clean_stops(stops)
    with transaction.atomic():
        locked = TourismRoute.objects.select_for_update().get(pk=route.pk)
        TourismRouteStop.objects.filter(route=locked).delete()
        for stop in new_stops:
            stop.route = locked
        TourismRouteStop.objects.bulk_create(new_stops)
        locked.save(update_fields=["updated_at"])
        audit.record(actor, AuditAction.ROUTE_UPDATE, locked, stops=[stop.title for stop in new_stops])
    return locked


def route_reclean_descriptions(*, dry_run: bool = False) -> int:
    """Strip markup from route descriptions (and their translations) written before the
    plain-text rule; how many changed. Idempotent (``manage.py clean_rich_text``)."""
    changed = 0
    with transaction.atomic():
        for model in (TourismRoute, TourismRouteTranslation):
            for row in model.objects.select_for_update().order_by("pk"):
                description = clean_plain_text(row.description, lenient=True)
                if description != row.description:
                    changed += 1
                    if not dry_run:
                        row.description = description
                        row.save(update_fields=["description"])
    return changed
