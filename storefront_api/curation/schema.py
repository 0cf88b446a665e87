"""The Design Centre showcase: submissions (shops propose, curators decide) and the
curators' featured collections."""

import graphene

from marketplace.curation.selectors import submission_list
from storefront_api.core.ids import decode_id
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import principal
from storefront_api.core.types import page_args
from storefront_api.curation import mutations as m
from storefront_api.curation.enums import ShowcaseSubmissionStatusEnum, enum_value
from storefront_api.curation.types import ShowcaseSubmissionCountableConnection

PAGE_ARGS = page_args()


class CurationQueries(graphene.ObjectType):
    showcase_submissions = graphene.Field(
        graphene.NonNull(ShowcaseSubmissionCountableConnection),
        status=graphene.Argument(
            ShowcaseSubmissionStatusEnum, description="Only submissions in this status."
        ),
        vendor=graphene.Argument(graphene.ID, description="Only this shop's submissions."),
        **PAGE_ARGS,
        description=(
            "Showcase submissions, oldest first: all of them for curators (MANAGE_SHOWCASE), their "
            "own shops' for shop members, none for anyone else."
        ),
    )

    @staticmethod
    def resolve_showcase_submissions(root, info, status=None, vendor=None, **args):
        vendor_id = decode_id(vendor, only_type="Vendor") if vendor else None
        qs = submission_list(actor=principal(info), status=enum_value(status), vendor_id=vendor_id)
        page = paginate(qs, sort=[SortKey("submitted_at")], connection_name="showcaseSubmissions", **args)
        return ShowcaseSubmissionCountableConnection.from_page(page)


class CurationMutations(graphene.ObjectType):
    showcase_submission_create = m.ShowcaseSubmissionCreate.Field()
    showcase_submission_withdraw = m.ShowcaseSubmissionWithdraw.Field()
    showcase_submission_review = m.ShowcaseSubmissionReview.Field()
    collection_create = m.CollectionCreate.Field()
    collection_update = m.CollectionUpdate.Field()
    collection_delete = m.CollectionDelete.Field()
    collection_add_products = m.CollectionAddProducts.Field()
    collection_remove_products = m.CollectionRemoveProducts.Field()
    collection_reorder_products = m.CollectionReorderProducts.Field()
    collection_channel_listing_update = m.CollectionChannelListingUpdate.Field()
    collection_translate = m.CollectionTranslate.Field()
