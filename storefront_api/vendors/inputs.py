import graphene

from storefront_api.account.inputs import AddressInput
from storefront_api.core.upload import Upload


class VendorApplyInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    village_id = graphene.ID()
    description = graphene.String(description="Plain text; HTML markup is removed. At most 5,000 characters.")
    phone = graphene.String(description="A Vietnamese number (+84... or 0...); stored in E.164.")
    address = AddressInput(description="The workshop; becomes the shop's first warehouse.")


class VendorUpdateInput(graphene.InputObjectType):
    name = graphene.String()
    description = graphene.String(description="Plain text; HTML markup is removed. At most 5,000 characters.")
    phone = graphene.String(description="A Vietnamese number (+84... or 0...); stored in E.164.")
    logo = Upload(description="JPEG, PNG or WEBP, at most 10 MB (GraphQL multipart request).")
