import graphene

from marketplace.accounts.permissions import PermissionEnum
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.ocop.errors import OcopError
from storefront_api.ocop.types import OcopCertificate
from vendors.ocop.services import certificate_verify


class OcopCertificateVerify(BaseMutation):
    ocop_certificate = graphene.Field(OcopCertificate)

    class Arguments:
        id = graphene.ID(required=True, description="A SUBMITTED certificate.")

    class Meta:
        description = (
            "Verify a SUBMITTED OCOP certificate (curators, staff): the product shows the OCOP "
            "badge until the certificate's validUntil. Not for certificates of your own shop."
        )
        permissions = (PermissionEnum.MANAGE_OCOP,)
        error_type_class = OcopError

    @classmethod
    def perform_mutation(cls, root, info, id):
        certificate = certificate_verify(
            actor=principal(info), certificate_id=cls.decode_id(id, only_type="OcopCertificate", field="id")
        )
        return cls.success(ocop_certificate=certificate)
