"""Every write to pages: staff (or apps) holding MANAGE_PAGES only. A refused call changes
nothing: all input is checked before the first write."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.catalog.attribute_values import (
    PlannedAttribute,
    delete_own_values,
    plan_attribute_values,
    save_attribute_values,
)
from marketplace.content.error_codes import PageErrorCode, TranslationErrorCode
from marketplace.content.models import AssignedPageAttributeValue, Page, PageTranslation, PageType
from marketplace.content.selectors import can_manage_pages
from marketplace.core.errors import field_error
from marketplace.core.richtext import rich_text_or_error
from marketplace.core.slugs import base_language, clean_translated_slug
from marketplace.core.text import nfc, slugify_vi

UNSET: Any = object()


@dataclass(frozen=True)
class PageFields:
    """The writable fields of a page; ``UNSET`` leaves a field as it is."""

    title: Any = UNSET
    slug: Any = UNSET
    content: Any = UNSET
    is_published: Any = UNSET
    published_at: Any = UNSET
    seo_title: Any = UNSET
    seo_description: Any = UNSET
    attributes: Any = UNSET  # [{"id": attribute pk, <value key>: ...}]


def _require_manager(actor: Actor) -> None:
    if not can_manage_pages(actor):
        raise PermissionDenied(_("You need the MANAGE_PAGES permission."))


def _text(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise field_error(field, PageErrorCode.REQUIRED, _("This field is required."))
    if len(text) > max_length:
        raise field_error(field, PageErrorCode.INVALID, _("At most %(limit)s characters."), limit=max_length)
    return text


def _slug(wanted: str | None, *, title: str, page_id: int | None) -> str:
    if wanted:
        slug = slugify_vi(wanted)[:255]
        if not slug:
            raise field_error("slug", PageErrorCode.INVALID, _("A slug needs letters or digits."))
        if Page.objects.filter(slug=slug).exclude(pk=page_id).exists():  # type: ignore[misc]
            raise field_error("slug", PageErrorCode.UNIQUE, _("Another page already uses this slug."))
        return slug
    base = slugify_vi(title)[:240] or "trang"
    slug, index = base, 2
    while Page.objects.filter(slug=slug).exclude(pk=page_id).exists():  # type: ignore[misc]
        slug, index = f"{base}-{index}", index + 1
    return slug


def _apply(page: Page, fields: PageFields, *, creating: bool) -> None:
    if fields.title is not UNSET or creating:
        page.title = _text(fields.title, field="title", max_length=250, required=True)
    if creating or fields.slug not in (UNSET, None, ""):
        page.slug = _slug(None if fields.slug is UNSET else fields.slug, title=page.title, page_id=page.pk)
    if fields.content is not UNSET:
        page.content = rich_text_or_error(
            fields.content, field="content", code=PageErrorCode.INVALID.value
        ).document
    if fields.is_published not in (UNSET, None):
        page.is_published = bool(fields.is_published)
    if fields.published_at is not UNSET:
        if fields.published_at is not None and not isinstance(fields.published_at, datetime):
            raise field_error("published_at", PageErrorCode.INVALID, _("A date and time."))
        page.published_at = fields.published_at
    for name, length in (("seo_title", 255), ("seo_description", 500)):
        value = getattr(fields, name)
        if value is not UNSET:
            setattr(page, name, _text(value, field=name, max_length=length))


def _attribute_plans(page_type: PageType, attributes: Any) -> list[PlannedAttribute] | None:
    if attributes in (UNSET, None):
        return None
    allowed = {
        link.attribute_id: link.attribute for link in page_type.attribute_pages.select_related("attribute")
    }
    return plan_attribute_values(allowed=allowed, items=attributes)


def _save(page: Page, plans: list[PlannedAttribute] | None) -> Page:
    try:
        with transaction.atomic():
            page.save()
            if plans is not None:
                values = save_attribute_values(plans, owner_key=f"page-{page.pk}")
                AssignedPageAttributeValue.objects.filter(
                    page=page, value__attribute_id__in=[plan.attribute.pk for plan in plans]
                ).delete()
                AssignedPageAttributeValue.objects.bulk_create(
                    [
                        AssignedPageAttributeValue(page=page, value=v, sort_order=i)
                        for i, v in enumerate(values)
                    ]
                )
    except IntegrityError:  # a concurrent call took the slug
        raise field_error("slug", PageErrorCode.UNIQUE, _("Another page already uses this slug.")) from None
    return page


def page_create(*, actor: Actor, page_type: PageType, fields: PageFields) -> Page:
    """A new page (unpublished unless ``is_published``); its slug comes from the title
    (accents folded) when not given."""
    _require_manager(actor)
    page = Page(page_type=page_type)
    _apply(page, fields, creating=True)
    plans = _attribute_plans(page_type, fields.attributes)
    return _save(page, plans)


def page_update(*, actor: Actor, page: Page, fields: PageFields) -> Page:
    """Change the given fields; attributes listed in the input are replaced, others kept."""
    _require_manager(actor)
    _apply(page, fields, creating=False)
    plans = _attribute_plans(page.page_type, fields.attributes)
    return _save(page, plans)


def page_delete(*, actor: Actor, page: Page) -> None:
    """Delete the page, its translations, its own attribute values and the menu items
    linking to it."""
    _require_manager(actor)
    value_ids = list(page.attribute_values.values_list("value_id", flat=True))
    with transaction.atomic():
        page.delete()
        delete_own_values(value_ids)


def page_translate(*, actor: Actor, page: Page, language_code: str, data: dict[str, Any]) -> PageTranslation:
    """Create or change the page's translation into ``language_code`` (not the base
    language): title, content (cleaned like every rich text), SEO fields and its own slug."""
    _require_manager(actor)
    if language_code == base_language():
        raise field_error(
            "language_code",
            TranslationErrorCode.INVALID,
            _("Vietnamese is the base language: update the page."),
        )
    existing = PageTranslation.objects.filter(page=page, language_code=language_code).first()
    fields: dict[str, Any] = {}
    for name, length in (("title", 250), ("seo_title", 255), ("seo_description", 500)):
        if data.get(name) is not None:
            text = nfc(data[name]).strip()
            if len(text) > length:
                raise field_error(
                    name, TranslationErrorCode.INVALID, _("At most %(limit)s characters."), limit=length
                )
            fields[name] = text
    if "content" in data:
        fields["content"] = rich_text_or_error(
            data["content"], field="content", code=TranslationErrorCode.INVALID.value
        ).document
    if "slug" in data:
        fields["slug"] = clean_translated_slug(
            data["slug"],
            translations=PageTranslation.objects.all(),
            language_code=language_code,
            exclude_pk=existing.pk if existing else None,
            field="slug",
            invalid_code=TranslationErrorCode.INVALID.value,
            unique_code=TranslationErrorCode.UNIQUE.value,
        )
    try:
        with transaction.atomic():
            translation, _ignored = PageTranslation.objects.update_or_create(
                page=page, language_code=language_code, defaults=fields
            )
    except IntegrityError:
        raise field_error(
            "slug", TranslationErrorCode.UNIQUE, _("Another translation in this language has this slug.")
        ) from None
    return translation
