import graphene

from storefront_api.catalog.inputs import SeoInput
from storefront_api.core.upload import Upload


class CollectionCreateInput(graphene.InputObjectType):
    name = graphene.String(description="The collection's name (Vietnamese, the base language); required.")
    slug = graphene.String(description="Made from the name when omitted.")
    description = graphene.JSONString(description="Rich text (EditorJS JSON); its HTML is cleaned.")
    seo = SeoInput()


class CollectionInput(graphene.InputObjectType):
    name = graphene.String()
    slug = graphene.String()
    description = graphene.JSONString(description="Rich text (EditorJS JSON); its HTML is cleaned.")
    seo = SeoInput()
    background_image = Upload(
        description=(
            "Background image file: JPEG, PNG, WEBP or HEIC, at most 10 MB (GraphQL multipart "
            "request). null removes the image."
        )
    )
    background_image_alt = graphene.String(description="Alt text for the background image.")


class MoveProductInput(graphene.InputObjectType):
    product_id = graphene.ID(required=True, description="A product of the collection.")
    sort_order = graphene.Int(description="How many places to move it (negative: earlier).")


class PublishableChannelListingInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="Only the design-centre channel.")
    is_published = graphene.Boolean(
        description="Whether it is published; unchanged when omitted (a new listing is unpublished)."
    )
    published_at = graphene.DateTime(description="Public from this moment (scheduling); now when omitted.")


class CollectionChannelListingUpdateInput(graphene.InputObjectType):
    add_channels = graphene.List(graphene.NonNull(PublishableChannelListingInput))
    remove_channels = graphene.List(graphene.NonNull(graphene.ID))
