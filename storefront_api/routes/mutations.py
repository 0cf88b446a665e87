"""Staff writes of tourism routes (MANAGE_ROUTES)."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.routes import services
from marketplace.routes.models import TourismRoute as TourismRouteModel
from marketplace.routes.selectors import route_by_id
from marketplace.routes.services import MAX_STOPS, StopData
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.routes.errors import TourismRouteError
from storefront_api.routes.inputs import TourismRouteInput, TourismRouteStopInput
from storefront_api.routes.types import TourismRoute

ROUTE_FIELDS = ("name", "slug", "description", "distance_km", "duration_hours", "is_published")


class TourismRouteMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_route(cls, global_id: str, field: str = "id") -> TourismRouteModel:
        pk = cls.decode_id(global_id, only_type="TourismRoute", field=field)
        route = route_by_id(pk)
        if route is None:
            raise ValidationError({field: ValidationError("Couldn't find that route.", code="NOT_FOUND")})
        return route

    @staticmethod
    def route_fields(input: Any) -> dict[str, Any]:
        """Only the fields given in the input (an explicit null is given)."""
        return {key: input[key] for key in ROUTE_FIELDS if key in input}


class TourismRouteCreate(TourismRouteMutation):
    tourism_route = graphene.Field(TourismRoute)

    class Arguments:
        input = TourismRouteInput(required=True)

    class Meta:
        description = "Create a tourism route (unpublished unless isPublished is given)."
        permissions = (PermissionEnum.MANAGE_ROUTES,)
        error_type_class = TourismRouteError

    @classmethod
    def perform_mutation(cls, root, info, input):
        fields = cls.route_fields(input)
        fields.setdefault("name", None)
        route = services.route_create(actor=principal(info), **fields)
        return cls.success(tourism_route=route)


class TourismRouteUpdate(TourismRouteMutation):
    tourism_route = graphene.Field(TourismRoute)

    class Arguments:
        id = graphene.ID(required=True)
        input = TourismRouteInput(required=True)

    class Meta:
        description = "Change the given fields of a tourism route."
        permissions = (PermissionEnum.MANAGE_ROUTES,)
        error_type_class = TourismRouteError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        route = services.route_update(
            actor=principal(info), route=cls.get_route(id), **cls.route_fields(input)
        )
        return cls.success(tourism_route=route)


class TourismRouteStopsSet(TourismRouteMutation):
    tourism_route = graphene.Field(TourismRoute)

    class Arguments:
        id = graphene.ID(required=True)
        stops = graphene.List(graphene.NonNull(TourismRouteStopInput), required=True)

    class Meta:
        description = f"Replace all stops of a route, in the given order (at most {MAX_STOPS})."
        permissions = (PermissionEnum.MANAGE_ROUTES,)
        error_type_class = TourismRouteError

    @classmethod
    def perform_mutation(cls, root, info, id, stops):
        route = cls.get_route(id)
        if len(stops) > MAX_STOPS:
            raise ValidationError(
                {"stops": ValidationError(f"At most {MAX_STOPS} stops.", code="OUT_OF_RANGE")}
            )
        data = [
            StopData(
                title=stop.get("title") or "",
                village_id=(
                    cls.decode_id(stop["village_id"], only_type="CraftVillage", field="stops")
                    if stop.get("village_id")
                    else None
                ),
                activities=stop.get("activities") or "",
                visit_minutes=stop.get("visit_minutes"),
            )
            for stop in stops
        ]
        route = services.route_stops_set(actor=principal(info), route=route, stops=data)
        return cls.success(tourism_route=route)
