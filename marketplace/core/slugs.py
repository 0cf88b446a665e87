"""Looking objects up by a slug that may be translated (Saleor 3.21's ``slugLanguageCode``)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import field_error
from marketplace.core.text import nfc


def base_language() -> str:
    """The language of the primary slugs, names and texts: ``"vi"``."""
    return settings.LANGUAGE_CODE.split("-")[0]


def filter_by_slug(qs: QuerySet[Any], *, slug: str, language_code: str | None) -> QuerySet[Any]:
    """``qs`` narrowed to the object whose primary slug is ``slug`` or, with a
    ``language_code``, whose translation into that language has that slug. There is no
    fallback from one to the other (Saleor's rule: a storefront tries both). The base
    language's slug is the primary slug: translations are never stored for it."""
    slug = slug[:255]
    if language_code is None or language_code == base_language():
        return qs.filter(slug=slug)
    return qs.filter(translations__language_code=language_code, translations__slug=slug)


def clean_translated_slug(
    value: str | None,
    *,
    translations: QuerySet[Any],
    language_code: str,
    exclude_pk: int | None,
    field: str,
    invalid_code: str,
    unique_code: str,
) -> str | None:
    """A translation's slug: letters (any script), digits, hyphens and underscores, at most
    255, unique among ``translations`` (one model's) in ``language_code``; empty clears it."""
    slug = nfc(value or "").strip()
    if not slug:
        return None
    try:
        validate_unicode_slug(slug)
    except ValidationError:
        raise field_error(field, invalid_code, _("Letters, digits, hyphens and underscores only.")) from None
    if len(slug) > 255:
        raise field_error(field, invalid_code, _("At most %(limit)s characters."), limit=255)
    if translations.filter(language_code=language_code, slug=slug).exclude(pk=exclude_pk).exists():
        raise field_error(field, unique_code, _("Another translation in this language has this slug."))
    return slug
