import graphene
from django.conf import settings

from marketplace.channels.selectors import active_currencies
from marketplace.payments.gateways import available_gateways
from storefront_api.channels.resolvers import channel_or_error
from storefront_api.core.enums import WeightUnitsEnum
from storefront_api.core.types import CountryDisplay, LanguageDisplay, country_display, default_language_codes
from storefront_api.payments.types import PaymentGateway


class Shop(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.String()
    default_country = graphene.Field(CountryDisplay)
    countries = graphene.List(graphene.NonNull(CountryDisplay), required=True)
    languages = graphene.List(graphene.NonNull(LanguageDisplay), required=True)
    channel_currencies = graphene.List(graphene.NonNull(graphene.String), required=True)
    default_weight_unit = graphene.Field(
        WeightUnitsEnum, description="The unit of a bare number given as a WeightScalar: grams."
    )
    available_payment_gateways = graphene.List(
        graphene.NonNull(PaymentGateway),
        required=True,
        channel=graphene.String(description="Slug of a channel; the default channel when omitted."),
        currency=graphene.String(),
    )

    class Meta:
        description = "Represents the shop: Làng Nghề Market."

    @staticmethod
    def resolve_name(root, info):
        return settings.SHOP_NAME

    @staticmethod
    def resolve_description(root, info):
        return settings.SHOP_DESCRIPTION

    @staticmethod
    def resolve_default_country(root, info):
        return country_display(settings.DEFAULT_COUNTRY)

    @staticmethod
    def resolve_countries(root, info):
        return [country_display(settings.DEFAULT_COUNTRY)]

    @staticmethod
    def resolve_default_weight_unit(root, info):
        return WeightUnitsEnum.G

    @staticmethod
    def resolve_languages(root, info):
        return [LanguageDisplay.for_code(code) for code in default_language_codes()]

    @staticmethod
    def resolve_channel_currencies(root, info):
        return active_currencies()

    @staticmethod
    def resolve_available_payment_gateways(root, info, channel=None, currency=None):
        channel_obj = channel_or_error(info, channel)
        wanted = currency or channel_obj.currency_code
        return [PaymentGateway.of(g) for g in available_gateways(wanted)]


class ShopQueries(graphene.ObjectType):
    shop = graphene.Field(Shop, required=True, description="Return information about the shop.")

    @staticmethod
    def resolve_shop(root, info):
        return Shop()
