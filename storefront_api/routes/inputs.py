import graphene


class TourismRouteInput(graphene.InputObjectType):
    name = graphene.String(description="Required when creating a route.")
    slug = graphene.String(description="Made from the name when omitted on create.")
    description = graphene.String(description="Plain text; HTML markup is removed. At most 5,000 characters.")
    distance_km = graphene.Float(description="0 to 2000; null clears it.")
    duration_hours = graphene.Float(description="0 to 240; null clears it.")
    is_published = graphene.Boolean()


class TourismRouteStopInput(graphene.InputObjectType):
    title = graphene.String(required=True)
    village_id = graphene.ID(description="The craft village of the stop; omitted for other stops.")
    activities = graphene.String()
    visit_minutes = graphene.Int(description="0 to 1440.")
