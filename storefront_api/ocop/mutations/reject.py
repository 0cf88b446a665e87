import graphene

from marketplace.accounts.permissions import PermissionEnum
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.ocop.errors import OcopError
from storefront_api.ocop.types import OcopCertificate
from vendors.ocop.services import certificate_reject


class OcopCertificateReject(BaseMutation):
    ocop_certificate = graphene.Field(OcopCertificate)

    class Arguments:
        id = graphene.ID(required=True, description="A SUBMITTED certificate.")
        note = graphene.String(required=True, description="Why, for the shop (emailed to its owners).")

    class Meta:
        description = (
            "Reject a SUBMITTED OCOP certificate (curators, staff). Not for certificates of your own shop."
        )
        permissions = (PermissionEnum.MANAGE_OCOP,)
        error_type_class = OcopError

    @classmethod
    def perform_mutation(cls, root, info, id, note):
        certificate = certificate_reject(
            actor=principal(info),
            certificate_id=cls.decode_id(id, only_type="OcopCertificate", field="id"),
            note=note,
        )
        return cls.success(ocop_certificate=certificate)
