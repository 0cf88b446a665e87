from marketplace.channels.models import Channel
from storefront_api.core.dataloaders import DataLoader


class ChannelBySlugLoader(DataLoader[str, Channel | None]):
    def batch_load(self, keys):
        channels = {c.slug: c for c in Channel.objects.filter(slug__in=keys, is_active=True)}
        return [channels.get(key) for key in keys]


class ChannelByIdLoader(DataLoader[int, Channel | None]):
    def batch_load(self, keys):
        channels = Channel.objects.in_bulk(keys)
        return [channels.get(key) for key in keys]
