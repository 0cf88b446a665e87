import graphene

from storefront_api.account.inputs import AddressInput
from storefront_api.core.upload import Upload


class VendorApplyInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    village_id = graphene.ID()
    description = graphene.String()
    phone = graphene.String(description="E.164 or national format, validated.")
    address = AddressInput(description="The workshop; becomes the shop's first warehouse.")


class VendorUpdateInput(graphene.InputObjectType):
    name = graphene.String()
    description = graphene.String()
    phone = graphene.String()
    logo = Upload(description="JPEG, PNG or WEBP, at most 10 MB (GraphQL multipart request).")
