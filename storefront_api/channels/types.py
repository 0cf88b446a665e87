import graphene
from graphene_django import DjangoObjectType

from marketplace.channels.models import Channel as ChannelModel
from storefront_api.core.types import CountryDisplay, country_display


class Channel(DjangoObjectType):
    currency_code = graphene.String(required=True, description="Currency of the channel.")
    default_country = graphene.Field(CountryDisplay, required=True)
    countries = graphene.List(graphene.NonNull(CountryDisplay), description="Countries the channel ships to.")
    is_active = graphene.Boolean(required=True)

    class Meta:
        model = ChannelModel
        fields = ("id", "name", "slug")
        interfaces = (graphene.relay.Node,)
        description = "Represents a channel: a storefront with its own currency and listings."

    @staticmethod
    def resolve_default_country(root: ChannelModel, info):
        return country_display(root.default_country)

    @staticmethod
    def resolve_countries(root: ChannelModel, info):
        return [country_display(root.default_country)]
