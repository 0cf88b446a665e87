"""Tourism routes: public reads of published routes; staff writes."""

import graphene

from marketplace.routes.selectors import routes_visible_to
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import principal
from storefront_api.core.types import page_args
from storefront_api.routes.mutations import TourismRouteCreate, TourismRouteStopsSet, TourismRouteUpdate
from storefront_api.routes.types import TourismRoute, TourismRouteCountableConnection


class RouteQueries(graphene.ObjectType):
    tourism_routes = graphene.Field(
        graphene.NonNull(TourismRouteCountableConnection),
        **page_args(),
        description="Published tourism routes; every route for staff with MANAGE_ROUTES.",
    )
    tourism_route = graphene.Field(
        TourismRoute,
        id=graphene.ID(),
        slug=graphene.String(),
        description="A tourism route (visibility as in `tourismRoutes`).",
    )

    @staticmethod
    def resolve_tourism_routes(root, info, **args):
        qs = routes_visible_to(principal(info))
        page = paginate(qs, sort=[SortKey("name")], connection_name="tourismRoutes", **args)
        return TourismRouteCountableConnection.from_page(page)

    @staticmethod
    def resolve_tourism_route(root, info, id=None, slug=None):
        if id is not None and slug is not None:
            raise api_error("Argument 'id' cannot be combined with 'slug'.", "GRAPHQL_ERROR")
        qs = routes_visible_to(principal(info))
        if id is not None:
            return qs.filter(pk=decode_id(id, only_type="TourismRoute")).first()
        if slug is not None:
            return qs.filter(slug=slug[:255]).first()
        return None


class RouteMutations(graphene.ObjectType):
    tourism_route_create = TourismRouteCreate.Field()
    tourism_route_update = TourismRouteUpdate.Field()
    tourism_route_stops_set = TourismRouteStopsSet.Field()
