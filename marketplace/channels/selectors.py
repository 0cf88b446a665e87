from django.db.models import QuerySet

from marketplace.channels.models import Channel
from marketplace.core.rows import rows_in


def channel_by_slug(slug: str) -> Channel | None:
    """The active channel with ``slug`` (read on every storefront request: by key, without a
    queryset, ``marketplace/core/rows.py``)."""
    found = rows_in(Channel, {"slug": {slug}, "is_active": {True}})
    return found[0] if found else None


def channel_by_slug_any(slug: str) -> Channel | None:
    """The channel with ``slug``, active or not (for callers that tell the two apart)."""
    return Channel.objects.filter(slug=slug[:255]).first()


def channel_required(slug: str) -> Channel:
    """A channel the data migrations create (the default and the showcase channel)."""
    return Channel.objects.get(slug=slug)


def channels() -> QuerySet[Channel]:
    return Channel.objects.order_by("slug")


def active_channels() -> QuerySet[Channel]:
    return Channel.objects.filter(is_active=True)


def active_currencies() -> list[str]:
    return sorted(set(active_channels().values_list("currency_code", flat=True)))
