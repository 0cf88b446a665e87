import graphene

from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.core.upload import Upload
from storefront_api.ocop.enums import OcopProductGroupEnum, enum_value
from storefront_api.ocop.errors import OcopError
from storefront_api.ocop.types import OcopCertificate
from vendors.ocop.services import certificate_submit


class OcopCertificateSubmitInput(graphene.InputObjectType):
    product_id = graphene.ID(required=True, description="A product of your shop.")
    stars = graphene.Int(required=True, description="3, 4 or 5.")
    score = graphene.Int(description="Out of 100, when known: 3★ 50-69, 4★ 70-89, 5★ 90-100.")
    product_group = graphene.Field(OcopProductGroupEnum, required=True)
    decision_number = graphene.String(required=True, description='The decision: "1147/QĐ-UBND".')
    decision_date = graphene.Date(required=True, description="Not in the future.")
    issued_by = graphene.String(required=True, description='The issuing authority: "UBND Thành phố Hà Nội".')
    document = Upload(
        required=True, description="The scanned certificate: PDF, JPEG, PNG or WEBP, at most 10 MB."
    )


class OcopCertificateSubmit(BaseMutation):
    ocop_certificate = graphene.Field(OcopCertificate)

    class Arguments:
        input = OcopCertificateSubmitInput(required=True)

    class Meta:
        description = (
            "Submit an OCOP certificate of a product for review. For members of the product's "
            "ACTIVE shop (and staff with MANAGE_PRODUCTS). The document is stored privately."
        )
        auth_required = True
        error_type_class = OcopError

    @classmethod
    def perform_mutation(cls, root, info, input):
        certificate = certificate_submit(
            actor=principal(info),
            product_id=cls.decode_id(input["product_id"], only_type="Product", field="product_id"),
            stars=input["stars"],
            score=input.get("score"),
            product_group=enum_value(input["product_group"]),
            decision_number=input["decision_number"],
            decision_date=input["decision_date"],
            issued_by=input["issued_by"],
            document=input.get("document"),
        )
        return cls.success(ocop_certificate=certificate)
