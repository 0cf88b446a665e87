import graphene

from marketplace.catalog.selectors import visible_products
from marketplace.routes.models import TourismRoute as TourismRouteModel
from marketplace.routes.models import TourismRouteStop as TourismRouteStopModel
from marketplace.routes.selectors import products_along_route, routes_visible_to
from storefront_api.catalog.filters import ProductFilterInput
from storefront_api.catalog.resolvers import product_connection
from storefront_api.catalog.types.products import ProductCountableConnection
from storefront_api.catalog.types.translations import language_value
from storefront_api.channels.resolvers import channel_or_error
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.ids import to_id
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.permissions import principal
from storefront_api.core.types import CountableConnection, LanguageDisplay, connection_for, page_args
from storefront_api.routes.dataloaders import (
    CollectionPointsByVillageIdLoader,
    TourismRouteStopsByRouteIdLoader,
    TourismRouteTranslationByRouteIdAndLanguageLoader,
)
from storefront_api.vendors.dataloaders import CraftVillageByIdLoader


class TourismRouteTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String()
    description = graphene.String()

    @staticmethod
    def resolve_id(root, info):
        return to_id("TourismRouteTranslation", root.pk)

    @staticmethod
    def resolve_language(root, info):
        return LanguageDisplay.for_code(root.language_code)

    @staticmethod
    def resolve_name(root, info):
        return root.name or None

    @staticmethod
    def resolve_description(root, info):
        return root.description or None


class TourismRouteStop(graphene.ObjectType):
    id = graphene.ID(required=True)
    position = graphene.Int(required=True)
    title = graphene.String(required=True)
    village = graphene.Field(
        "storefront_api.vendors.types.CraftVillage", description="Null for stops that are not craft villages."
    )
    activities = graphene.String()
    visit_minutes = graphene.Int()
    collection_points = graphene.List(
        graphene.NonNull("storefront_api.inventory.types.Warehouse"),
        required=True,
        description=(
            "Where a buyer can pick up an order on this stop: the LOCAL workshops of the village's "
            "active shops (their own stock), and every ALL point (any shop's items, consolidated)."
        ),
    )

    class Meta:
        description = "A stop of a tourism route, in visiting order."

    @staticmethod
    def resolve_id(root: TourismRouteStopModel, info):
        return to_id("TourismRouteStop", root.pk)

    @staticmethod
    def resolve_village(root: TourismRouteStopModel, info):
        return CraftVillageByIdLoader(info.context).load(root.village_id) if root.village_id else None

    @staticmethod
    def resolve_activities(root: TourismRouteStopModel, info):
        return root.activities or None

    @staticmethod
    def resolve_collection_points(root: TourismRouteStopModel, info):
        return CollectionPointsByVillageIdLoader(info.context).load(root.village_id)


class TourismRoute(ModelObjectType):
    description = graphene.String()
    distance_km = graphene.Float()
    duration_hours = graphene.Float()
    is_published = graphene.Boolean(required=True)
    translation = graphene.Field(
        TourismRouteTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True, description="A language code."),
        description="Returns translated object fields for the given language code.",
    )
    stops = graphene.List(
        graphene.NonNull(TourismRouteStop), required=True, description="The stops, in visiting order."
    )
    products = graphene.Field(
        graphene.NonNull(ProductCountableConnection),
        channel=graphene.String(description="Slug of a channel; the default channel when omitted."),
        filter=ProductFilterInput(),
        **page_args(),
        description="Shop this route: visible products of the active shops in the stops' villages.",
    )

    class Meta:
        model = TourismRouteModel
        fields = ("id", "slug", "name", "description", "distance_km", "duration_hours", "is_published")
        description = "A craft-village tourism route: ordered stops, most of them at a craft village."

    @classmethod
    def get_node(cls, info, id):
        return routes_visible_to(principal(info)).filter(pk=id).first()

    @staticmethod
    def resolve_description(root: TourismRouteModel, info):
        return root.description or None

    @staticmethod
    def resolve_translation(root: TourismRouteModel, info, language_code):
        return TourismRouteTranslationByRouteIdAndLanguageLoader(info.context).load(
            (root.pk, language_value(language_code))
        )

    @staticmethod
    def resolve_stops(root: TourismRouteModel, info):
        return TourismRouteStopsByRouteIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_products(root: TourismRouteModel, info, channel=None, **args):
        channel_obj = channel_or_error(info, channel)
        qs = visible_products(channel_id=channel_obj.pk, actor=principal(info))
        qs = products_along_route(qs, route_id=root.pk)
        return product_connection(ProductCountableConnection, qs, channel=channel_obj, args=args)


TourismRouteCountableConnection: type[CountableConnection] = connection_for(TourismRoute)
