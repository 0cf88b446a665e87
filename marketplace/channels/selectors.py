from marketplace.channels.models import Channel


def channel_by_slug(slug: str) -> Channel | None:
    return Channel.objects.filter(slug=slug, is_active=True).first()


def channel_by_slug_any(slug: str) -> Channel | None:
    """The channel with ``slug``, active or not (for callers that tell the two apart)."""
    return Channel.objects.filter(slug=slug[:255]).first()
