import graphene

from marketplace.channels.selectors import active_channels
from storefront_api.channels.types import Channel
from storefront_api.core.ids import decode_id


class ChannelQueries(graphene.ObjectType):
    channel = graphene.Field(
        Channel,
        id=graphene.Argument(graphene.ID, description="ID of the channel."),
        slug=graphene.Argument(graphene.String, description="Slug of the channel."),
        description="Look up a channel by ID or slug.",
    )

    @staticmethod
    def resolve_channel(root, info, id: str | None = None, slug: str | None = None):
        qs = active_channels()
        if id is not None:
            return qs.filter(pk=decode_id(id, only_type="Channel")).first()
        if slug is not None:
            return qs.filter(slug=slug[:255]).first()
        return None
