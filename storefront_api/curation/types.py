import graphene
from django.conf import settings

from marketplace.accounts.actors import actor_user
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.curation.models import ShowcaseSubmission as ShowcaseSubmissionModel
from marketplace.curation.models import ShowcaseSubmissionStatus
from marketplace.curation.selectors import submissions_visible_to
from storefront_api.catalog.dataloaders import ProductByIdLoader
from storefront_api.channels.resolvers import channel_or_error
from storefront_api.core.context import ChannelContext
from storefront_api.core.dataloaders import then
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.permissions import principal
from storefront_api.core.types import CountableConnection, connection_for
from storefront_api.curation.enums import ShowcaseSubmissionStatusEnum
from storefront_api.vendors.dataloaders import VendorByIdLoader


def may_see_reviewer(info) -> bool:
    actor = principal(info)
    user = actor_user(actor)
    return has_permissions(actor, [PermissionEnum.MANAGE_SHOWCASE]) or (user is not None and user.is_staff)


class ShowcaseSubmission(ModelObjectType):
    product = graphene.Field(
        "storefront_api.catalog.types.products.Product",
        required=True,
        description="Seen in design-centre once approved, in default-channel otherwise.",
    )
    vendor = graphene.Field("storefront_api.vendors.types.Vendor", required=True)
    status = graphene.Field(ShowcaseSubmissionStatusEnum, required=True)
    pitch = graphene.String(description="The shop's note to the curators.")
    curator_note = graphene.String(description="The curator's note (the reason of a rejection).")
    submitted_at = graphene.DateTime(required=True)
    reviewed_at = graphene.DateTime()
    reviewed_by = graphene.Field(
        "storefront_api.account.types.User",
        description="The curator who decided; for curators and staff only.",
    )

    class Meta:
        model = ShowcaseSubmissionModel
        fields = ("id",)
        description = (
            "A shop's proposal of a product for the Design Centre showcase, and the curator's "
            "decision. Visible to the shop's members and to curators (MANAGE_SHOWCASE)."
        )

    @classmethod
    def get_node(cls, info, id):
        return submissions_visible_to(principal(info)).filter(pk=id).first()

    @staticmethod
    def resolve_product(root: ShowcaseSubmissionModel, info):
        approved = root.status == ShowcaseSubmissionStatus.APPROVED
        channel = channel_or_error(
            info, settings.SHOWCASE_CHANNEL_SLUG if approved else settings.DEFAULT_CHANNEL_SLUG
        )
        return then(
            ProductByIdLoader(info.context).load(root.product_id),
            lambda product: ChannelContext(product, channel.slug, channel.pk),
        )

    @staticmethod
    def resolve_vendor(root: ShowcaseSubmissionModel, info):
        return VendorByIdLoader(info.context).load(root.vendor_id)

    @staticmethod
    def resolve_status(root: ShowcaseSubmissionModel, info):
        return str(root.status)

    @staticmethod
    def resolve_pitch(root: ShowcaseSubmissionModel, info):
        return root.pitch or None

    @staticmethod
    def resolve_curator_note(root: ShowcaseSubmissionModel, info):
        return root.curator_note or None

    @staticmethod
    def resolve_reviewed_by(root: ShowcaseSubmissionModel, info):
        return root.reviewed_by if may_see_reviewer(info) else None


ShowcaseSubmissionCountableConnection: type[CountableConnection] = connection_for(ShowcaseSubmission)
