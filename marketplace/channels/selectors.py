from marketplace.channels.models import Channel


def channel_by_slug(slug: str) -> Channel | None:
    return Channel.objects.filter(slug=slug, is_active=True).first()
