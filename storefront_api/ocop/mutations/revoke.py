from typing import Any

import graphene

from marketplace.accounts.actors import actor_user
from marketplace.accounts.permissions import PermissionEnum
from storefront_api.core.errors import api_error
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.ocop.errors import OcopError
from storefront_api.ocop.types import OcopCertificate
from vendors.ocop.services import certificate_revoke


class OcopCertificateRevoke(BaseMutation):
    ocop_certificate = graphene.Field(OcopCertificate)

    class Arguments:
        id = graphene.ID(required=True, description="A VERIFIED certificate.")
        note = graphene.String(required=True, description="Why, for the shop (emailed to its owners).")

    class Meta:
        description = (
            "Revoke a VERIFIED OCOP certificate: its badge disappears at once. Staff members only "
            "(a signed-in staff user holding the permission; apps cannot revoke)."
        )
        permissions = (PermissionEnum.MANAGE_OCOP,)
        error_type_class = OcopError

    @classmethod
    def check_access(cls, info: Any) -> None:
        super().check_access(info)
        user = actor_user(principal(info))  # an app is no person
        if user is None or not user.is_staff:
            raise api_error("Only staff members can revoke OCOP certificates.", "PermissionDenied")

    @classmethod
    def perform_mutation(cls, root, info, id, note):
        certificate = certificate_revoke(
            actor=principal(info),
            certificate_id=cls.decode_id(id, only_type="OcopCertificate", field="id"),
            note=note,
        )
        return cls.success(ocop_certificate=certificate)
