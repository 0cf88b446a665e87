"""Assigning attribute values to a product or a page, for every input type (Saleor's rules).

Choice attributes (dropdown, multiselect, swatch) take existing values of the attribute;
a boolean takes the attribute's shared "true" or "false" value (made on first use); a
plain-text, numeric, file, date, date-time or reference attribute gets a value of its own
for that one product or page (``<owner>-<attribute id>``), updated in place and deleted
when cleared or when its owner goes. ``plan_attribute_values`` checks everything before any
write; ``save_attribute_values`` then writes, inside the caller's transaction.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import unquote, urlsplit

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import (
    CHOICE_INPUT_TYPES,
    OWN_VALUE_INPUT_TYPES,
    Attribute,
    AttributeEntityType,
    AttributeInputType,
    AttributeValue,
    Category,
    Collection,
)
from marketplace.core.errors import field_error, grouped
from marketplace.core.richtext import InvalidRichText, absolute_http_url, clean_plain_text
from marketplace.core.text import nfc

MAX_ATTRIBUTES = 50  # attributes in one input
MAX_CHOICES = 100  # values of one multiselect
MAX_PLAIN_TEXT = 5000
MAX_NUMERIC = 1e12
_CONTENT_TYPE = re.compile(r"^[A-Za-z0-9!#$&^_.+-]{1,40}/[A-Za-z0-9!#$&^_.+-]{1,40}$")
# What an attribute of each input type takes, by input key (the API's snake_case names).
_VALUE_KEYS = ("values", "plain_text", "boolean", "numeric", "file", "reference", "date", "date_time")
_KEY_OF_TYPE = {
    AttributeInputType.DROPDOWN: "values",
    AttributeInputType.MULTISELECT: "values",
    AttributeInputType.SWATCH: "values",
    AttributeInputType.PLAIN_TEXT: "plain_text",
    AttributeInputType.BOOLEAN: "boolean",
    AttributeInputType.NUMERIC: "numeric",
    AttributeInputType.FILE: "file",
    AttributeInputType.SINGLE_REFERENCE: "reference",
    AttributeInputType.DATE: "date",
    AttributeInputType.DATE_TIME: "date_time",
}
_REFERENCE_MODELS: dict[str, type[Model]] = {
    AttributeEntityType.CATEGORY: Category,
    AttributeEntityType.COLLECTION: Collection,
}
_REFERENCE_TYPE_NAMES = {
    AttributeEntityType.CATEGORY: "Category",
    AttributeEntityType.COLLECTION: "Collection",
}
_REFERS_TO = {
    AttributeEntityType.CATEGORY: _("%(attribute)s refers to a Category."),
    AttributeEntityType.COLLECTION: _("%(attribute)s refers to a Collection."),
}
_NOT_FOUND = {
    AttributeEntityType.CATEGORY: _("Couldn't find that category."),
    AttributeEntityType.COLLECTION: _("Couldn't find that collection."),
}


@dataclass
class PlannedAttribute:
    """What one attribute of the input becomes: shared values, or the fields of the
    object's own value (``None``: the attribute is cleared)."""

    attribute: Attribute
    shared: list[AttributeValue] = field(default_factory=list)
    own: dict[str, Any] | None = None


def plan_attribute_values(
    *, allowed: dict[int, Attribute], items: list[dict[str, Any]], field_name: str = "attributes"
) -> list[PlannedAttribute]:
    """Check ``items`` (``{"id": attribute pk, <one value key>: ...}``) against the
    attributes ``allowed`` for the object; a ValidationError on ``field_name`` otherwise."""
    if len(items) > MAX_ATTRIBUTES:
        raise field_error(field_name, "INVALID", _("At most %(limit)s attributes."), limit=MAX_ATTRIBUTES)
    plans: list[PlannedAttribute] = []
    seen: set[int] = set()
    for item in items:
        attribute = allowed.get(item["id"])
        if attribute is None:
            raise field_error(field_name, "INVALID", _("The attribute is not one of the type's attributes."))
        if attribute.pk in seen:
            raise field_error(field_name, "DUPLICATED_INPUT_ITEM", _("An attribute is given twice."))
        seen.add(attribute.pk)
        plans.append(_plan(attribute, item, field_name))
    return plans


def _plan(attribute: Attribute, item: dict[str, Any], field_name: str) -> PlannedAttribute:
    given = [key for key in _VALUE_KEYS if item.get(key) is not None]
    expected = _KEY_OF_TYPE[AttributeInputType(attribute.input_type)]
    if any(key != expected for key in given):
        raise field_error(
            field_name,
            "INVALID",
            _("%(attribute)s is a %(input_type)s attribute: give only `%(field)s`."),
            attribute=attribute.name,
            input_type=attribute.input_type,
            field=_camel(expected),
        )
    raw = item.get(expected)
    plan = PlannedAttribute(attribute)
    if raw is None or raw == []:
        return plan  # cleared
    if attribute.input_type in CHOICE_INPUT_TYPES:
        plan.shared = _choices(attribute, raw, field_name)
    elif attribute.input_type == AttributeInputType.BOOLEAN:
        plan.shared = [_boolean_value(attribute, bool(raw))]
    else:
        plan.own = _own_fields(attribute, raw, item.get("content_type"), field_name)
    return plan


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest)


def _choices(attribute: Attribute, raw: list[str], field_name: str) -> list[AttributeValue]:
    if len(raw) > MAX_CHOICES:
        raise field_error(field_name, "INVALID", _("At most %(limit)s values."), limit=MAX_CHOICES)
    if attribute.input_type != AttributeInputType.MULTISELECT and len(raw) > 1:
        raise field_error(
            field_name, "INVALID", _("%(attribute)s takes one value."), attribute=attribute.name
        )
    chosen: list[AttributeValue] = []
    for text in raw:
        value = AttributeValue.objects.filter(attribute=attribute, slug=text[:255]).first() or (
            AttributeValue.objects.filter(attribute=attribute, name=nfc(text)[:250]).first()
        )
        if value is None:
            raise field_error(
                field_name,
                "NOT_FOUND",
                _("Unknown value %(value)s for %(attribute)s."),
                value=repr(text[:50]),
                attribute=attribute.name,
            )
        if value not in chosen:
            chosen.append(value)
    return chosen


def _boolean_value(attribute: Attribute, flag: bool) -> AttributeValue:
    """The attribute's shared value for ``flag`` (saved unless new; saved on write)."""
    slug = "true" if flag else "false"
    existing = AttributeValue.objects.filter(attribute=attribute, slug=slug).first()
    if existing is not None:
        return existing
    return AttributeValue(
        attribute=attribute, slug=slug, boolean=flag, name=f"{attribute.name}: {'Có' if flag else 'Không'}"
    )


def _own_fields(attribute: Attribute, raw: Any, content_type: str | None, field_name: str) -> dict[str, Any]:
    kind = attribute.input_type
    if kind == AttributeInputType.PLAIN_TEXT:
        try:
            text = clean_plain_text(str(raw))
        except InvalidRichText as exc:
            raise exc.as_field_error(field_name, "INVALID") from None
        if len(text) > MAX_PLAIN_TEXT:
            raise field_error(
                field_name,
                "INVALID",
                _("At most %(limit)s characters of text."),
                limit=grouped(MAX_PLAIN_TEXT),
            )
        if not text:
            raise field_error(
                field_name,
                "REQUIRED",
                _("%(attribute)s needs some text (or null to clear it)."),
                attribute=attribute.name,
            )
        return {"plain_text": text, "name": text[:250]}
    if kind == AttributeInputType.NUMERIC:
        try:
            number = float(str(raw).strip())
        except ValueError:
            raise field_error(
                field_name, "INVALID", _("%(attribute)s takes a number."), attribute=attribute.name
            ) from None
        if not math.isfinite(number) or abs(number) > MAX_NUMERIC:
            raise field_error(
                field_name,
                "INVALID",
                _("%(attribute)s: a finite number up to %(limit)s."),
                attribute=attribute.name,
                limit=f"{MAX_NUMERIC:g}",
            )
        return {"numeric": number, "name": f"{number:g}"}
    if kind == AttributeInputType.FILE:
        try:
            url = absolute_http_url(raw, _camel("file"))
        except InvalidRichText as exc:
            raise exc.as_field_error(field_name, "INVALID") from None
        if content_type is not None and not _CONTENT_TYPE.match(content_type):
            raise field_error(field_name, "INVALID", _("contentType is a MIME type such as image/webp."))
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or url
        return {"file_url": url, "content_type": content_type or "", "name": nfc(name)[:250]}
    if kind == AttributeInputType.SINGLE_REFERENCE:
        return _reference_fields(attribute, raw, field_name)
    if kind == AttributeInputType.DATE:
        if not isinstance(raw, date) or isinstance(raw, datetime):
            raise field_error(
                field_name, "INVALID", _("%(attribute)s takes a date."), attribute=attribute.name
            )
        return {"date_time": datetime.combine(raw, time.min, tzinfo=UTC), "name": raw.isoformat()}
    if kind == AttributeInputType.DATE_TIME:
        if not isinstance(raw, datetime) or raw.tzinfo is None:
            raise field_error(
                field_name,
                "INVALID",
                _("%(attribute)s takes a date and time with its offset."),
                attribute=attribute.name,
            )
        return {"date_time": raw, "name": raw.isoformat()}
    raise field_error(
        field_name, "INVALID", _("%(attribute)s cannot be set here."), attribute=attribute.name
    )  # pragma: no cover


def _reference_fields(attribute: Attribute, raw: tuple[str, int], field_name: str) -> dict[str, Any]:
    entity = AttributeEntityType(attribute.entity_type)
    type_name, pk = raw
    if type_name != _REFERENCE_TYPE_NAMES[entity]:
        raise field_error(field_name, "INVALID", _REFERS_TO[entity], attribute=attribute.name)
    target = _REFERENCE_MODELS[entity]._default_manager.filter(pk=pk).first()
    if target is None:
        raise field_error(field_name, "NOT_FOUND", _NOT_FOUND[entity])
    key = "reference_category" if entity == AttributeEntityType.CATEGORY else "reference_collection"
    return {key: target, "name": str(target)[:250]}


_OWN_FIELDS = (
    "plain_text",
    "numeric",
    "file_url",
    "content_type",
    "date_time",
    "reference_category",
    "reference_collection",
)


# What an own value holds in the fields its input type does not use.
_EMPTY: dict[str, Any] = {"plain_text": "", "file_url": "", "content_type": ""}


def own_value_slug(owner_key: str, attribute: Attribute) -> str:
    return f"{owner_key}-{attribute.pk}"


def save_attribute_values(plans: list[PlannedAttribute], *, owner_key: str) -> list[AttributeValue]:
    """Write the planned values (call inside the owner's transaction, after it is saved);
    returns the values to assign, in input order. A cleared own value is deleted (with its
    assignment)."""
    assigned: list[AttributeValue] = []
    for plan in plans:
        for value in plan.shared:
            if value.pk is None:
                value, _ignored = AttributeValue.objects.get_or_create(
                    attribute=value.attribute,
                    slug=value.slug,
                    defaults={"name": value.name, "boolean": value.boolean},
                )
            assigned.append(value)
        slug = own_value_slug(owner_key, plan.attribute)
        if plan.attribute.input_type not in OWN_VALUE_INPUT_TYPES:
            continue
        if plan.own is None:
            AttributeValue.objects.filter(attribute=plan.attribute, slug=slug).delete()
            continue
        defaults = {name: plan.own.get(name, _EMPTY.get(name)) for name in _OWN_FIELDS}
        value, _ignored = AttributeValue.objects.update_or_create(
            attribute=plan.attribute, slug=slug, defaults=defaults | {"name": plan.own["name"]}
        )
        assigned.append(value)
    return assigned


def delete_own_values(value_ids: list[int]) -> None:
    """Delete the own (per-object) values among ``value_ids`` once their owner is gone."""
    AttributeValue.objects.filter(
        pk__in=value_ids, attribute__input_type__in=[str(t) for t in OWN_VALUE_INPUT_TYPES]
    ).delete()
