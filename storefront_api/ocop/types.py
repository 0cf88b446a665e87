import graphene

from marketplace.core.storage import private_url
from storefront_api.catalog.dataloaders import ProductByIdLoader
from storefront_api.core.context import ChannelContext
from storefront_api.core.dataloaders import then
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.permissions import principal
from storefront_api.core.types import CountableConnection, connection_for
from storefront_api.ocop.dataloaders import OcopPrivateAccessByVendorIdLoader
from storefront_api.ocop.enums import OcopCertificateStatusEnum, OcopProductGroupEnum
from storefront_api.vendors.dataloaders import VendorByIdLoader
from vendors.ocop.models import OcopCertificate as OcopCertificateModel
from vendors.ocop.selectors import certificate_by_id, is_valid, vendor_ids_with_private_ocop_access

DOCUMENT_URL_SECONDS = 300


class OcopBadge(graphene.ObjectType):  # resolved from the badge's OcopCertificate row
    stars = graphene.Int(required=True, description="3, 4 or 5.")
    product_group = graphene.Field(OcopProductGroupEnum, required=True)
    decision_number = graphene.String(required=True, description='The recognition decision: "1147/QĐ-UBND".')
    issued_by = graphene.String(required=True, description='The issuing authority: "UBND Thành phố Hà Nội".')
    valid_until = graphene.Date(required=True, description="The last day the recognition is valid.")

    class Meta:
        description = (
            "The OCOP mark of a product: its valid certificate with the most stars. Shown only "
            "while a VERIFIED certificate is inside its validity."
        )

    @staticmethod
    def resolve_product_group(root: OcopCertificateModel, info):
        return str(root.product_group)


class OcopCertificate(ModelObjectType):
    product = graphene.Field("storefront_api.catalog.types.products.Product", required=True)
    vendor = graphene.Field("storefront_api.vendors.types.Vendor", required=True)
    product_group = graphene.Field(OcopProductGroupEnum, required=True)
    status = graphene.Field(OcopCertificateStatusEnum, required=True)
    is_valid = graphene.Boolean(required=True, description="VERIFIED and today <= validUntil (Hanoi time).")
    document_url = graphene.String(
        description=(
            "The scanned certificate: a signed URL valid for a few minutes. Only for the shop's "
            "members and holders of MANAGE_OCOP; null for others."
        )
    )
    review_note = graphene.String(description="Why it was rejected or revoked.")
    submitted_at = graphene.DateTime(required=True)
    reviewed_at = graphene.DateTime()

    class Meta:
        model = OcopCertificateModel
        fields = ("id", "stars", "score", "decision_number", "decision_date", "issued_by", "valid_until")
        description = (
            "An OCOP recognition of a product (3-5 stars), valid for 36 months from its decision "
            "date. Visible to the shop's members and to reviewers (MANAGE_OCOP)."
        )

    @classmethod
    def get_node(cls, info, id):
        certificate = certificate_by_id(id)
        if certificate is None:
            return None
        allowed = vendor_ids_with_private_ocop_access(principal(info), [certificate.vendor_id])
        return certificate if allowed else None

    @staticmethod
    def resolve_product(root: OcopCertificateModel, info):
        return then(
            ProductByIdLoader(info.context).load(root.product_id),
            lambda product: ChannelContext(product, None, None),
        )

    @staticmethod
    def resolve_vendor(root: OcopCertificateModel, info):
        return VendorByIdLoader(info.context).load(root.vendor_id)

    @staticmethod
    def resolve_status(root: OcopCertificateModel, info):
        return str(root.status)  # a plain value, also for a TextChoices member set in memory

    @staticmethod
    def resolve_product_group(root: OcopCertificateModel, info):
        return str(root.product_group)

    @staticmethod
    def resolve_is_valid(root: OcopCertificateModel, info):
        return is_valid(root)

    @staticmethod
    def resolve_document_url(root: OcopCertificateModel, info):
        def signed(allowed: bool) -> str | None:
            return (
                private_url(root.document, expires=DOCUMENT_URL_SECONDS)
                if allowed and root.document
                else None
            )

        return then(OcopPrivateAccessByVendorIdLoader(info.context).load(root.vendor_id), signed)

    @staticmethod
    def resolve_review_note(root: OcopCertificateModel, info):
        return root.review_note or None

    @staticmethod
    def resolve_submitted_at(root: OcopCertificateModel, info):
        return root.created_at


OcopCertificateCountableConnection: type[CountableConnection] = connection_for(OcopCertificate)
