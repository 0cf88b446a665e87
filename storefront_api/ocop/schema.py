"""OCOP certificates: the reviewers' list, and submission and review mutations."""

import graphene

from marketplace.accounts.permissions import PermissionEnum
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import describe, permission_required
from storefront_api.core.types import page_args
from storefront_api.ocop.enums import OcopCertificateStatusEnum, enum_value
from storefront_api.ocop.mutations import (
    OcopCertificateReject,
    OcopCertificateRevoke,
    OcopCertificateSubmit,
    OcopCertificateVerify,
)
from storefront_api.ocop.types import OcopCertificateCountableConnection
from vendors.ocop.selectors import certificate_list

PAGE_ARGS = page_args()


class OcopQueries(graphene.ObjectType):
    ocop_certificates = graphene.Field(
        graphene.NonNull(OcopCertificateCountableConnection),
        status=graphene.Argument(OcopCertificateStatusEnum, description="Only certificates in this status."),
        **PAGE_ARGS,
        description=(
            "OCOP certificates for review, oldest submission first." + describe([PermissionEnum.MANAGE_OCOP])
        ),
    )

    @staticmethod
    @permission_required(PermissionEnum.MANAGE_OCOP)
    def resolve_ocop_certificates(root, info, status=None, **args):
        qs = certificate_list(status=enum_value(status))
        page = paginate(qs, sort=[SortKey("created_at")], connection_name="ocopCertificates", **args)
        return OcopCertificateCountableConnection.from_page(page)


class OcopMutations(graphene.ObjectType):
    ocop_certificate_submit = OcopCertificateSubmit.Field()
    ocop_certificate_verify = OcopCertificateVerify.Field()
    ocop_certificate_reject = OcopCertificateReject.Field()
    ocop_certificate_revoke = OcopCertificateRevoke.Field()
