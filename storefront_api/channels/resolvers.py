"""Which channel a query is about: the ``channel`` argument, or the default channel."""

from django.conf import settings

from marketplace.channels.models import Channel
from marketplace.channels.selectors import channel_by_slug
from storefront_api.core.errors import api_error


def channel_or_error(info, slug: str | None) -> Channel:
    """The active channel with ``slug`` (default channel when omitted), cached per request."""
    slug = slug or settings.DEFAULT_CHANNEL_SLUG
    cache = info.context.__dict__.setdefault("_channels_by_slug", {})
    if slug not in cache:
        cache[slug] = channel_by_slug(slug[:255])
    channel = cache[slug]
    if channel is None:
        raise api_error(f"Channel with '{slug[:100]}' slug does not exist.", "CHANNEL_NOT_FOUND")
    return channel
