import graphene

from storefront_api.catalog.inputs import SeoInput


class CollectionCreateInput(graphene.InputObjectType):
    name = graphene.String(
        required=True, description="The collection's name (Vietnamese, the base language)."
    )
    slug = graphene.String(description="Made from the name when omitted.")
    description = graphene.JSONString(description="Rich text (EditorJS JSON); its HTML is cleaned.")
    seo = SeoInput()


class CollectionInput(graphene.InputObjectType):
    name = graphene.String()
    slug = graphene.String()
    description = graphene.JSONString(description="Rich text (EditorJS JSON); its HTML is cleaned.")
    seo = SeoInput()


class MoveProductInput(graphene.InputObjectType):
    product_id = graphene.ID(required=True, description="A product of the collection.")
    sort_order = graphene.Int(description="How many places to move it (negative: earlier).")


class CollectionChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="Only the design-centre channel.")
    is_published = graphene.Boolean(required=True)
    published_at = graphene.DateTime(description="Public from this moment (scheduling); now when omitted.")


class CollectionChannelListingUpdateInput(graphene.InputObjectType):
    add_channels = graphene.List(graphene.NonNull(CollectionChannelListingAddInput))
    remove_channels = graphene.List(graphene.NonNull(graphene.ID))
