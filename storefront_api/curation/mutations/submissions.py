import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.selectors import product_by_id
from marketplace.curation.models import ShowcaseSubmission as ShowcaseSubmissionModel
from marketplace.curation.selectors import submission_by_id
from marketplace.curation.services import submission_create, submission_review, submission_withdraw
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.curation.enums import ShowcaseDecisionEnum, enum_value
from storefront_api.curation.errors import ShowcaseError
from storefront_api.curation.types import ShowcaseSubmission


def _not_found(field: str, what: str) -> ValidationError:
    return ValidationError({field: ValidationError(f"Couldn't find that {what}.", code="NOT_FOUND")})


class SubmissionMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_submission(cls, id: str) -> ShowcaseSubmissionModel:
        pk = cls.decode_id(id, only_type="ShowcaseSubmission", field="id")
        submission = submission_by_id(pk)
        if submission is None:
            raise _not_found("id", "submission")
        return submission  # the service decides whether the actor may see it


class ShowcaseSubmissionCreate(SubmissionMutation):
    showcase_submission = graphene.Field(ShowcaseSubmission)

    class Arguments:
        product_id = graphene.ID(
            required=True, description="A product of your shop, published in default-channel."
        )
        pitch = graphene.String(description="Your note to the curators.")

    class Meta:
        description = (
            "Propose a product for the Design Centre showcase. For members of the product's ACTIVE "
            "shop (and staff with MANAGE_PRODUCTS); one pending or approved submission per product."
        )
        auth_required = True
        error_type_class = ShowcaseError

    @classmethod
    def perform_mutation(cls, root, info, product_id, pitch=None):
        pk = cls.decode_id(product_id, only_type="Product", field="product_id")
        product = product_by_id(pk)
        if product is None:
            raise _not_found("product_id", "product")
        submission = submission_create(actor=principal(info), product=product, pitch=pitch)
        return cls.success(showcase_submission=submission)


class ShowcaseSubmissionWithdraw(SubmissionMutation):
    showcase_submission = graphene.Field(ShowcaseSubmission)

    class Arguments:
        id = graphene.ID(required=True, description="A PENDING or APPROVED submission.")

    class Meta:
        description = (
            "Withdraw a showcase submission; an approved product leaves the design-centre channel and "
            "its collections. For the shop's members and curators (MANAGE_SHOWCASE)."
        )
        auth_required = True
        error_type_class = ShowcaseError

    @classmethod
    def perform_mutation(cls, root, info, id):
        submission = submission_withdraw(actor=principal(info), submission=cls.get_submission(id))
        return cls.success(showcase_submission=submission)


class ShowcaseSubmissionReview(SubmissionMutation):
    showcase_submission = graphene.Field(ShowcaseSubmission)

    class Arguments:
        id = graphene.ID(required=True, description="A PENDING submission.")
        decision = graphene.Argument(ShowcaseDecisionEnum, required=True)
        curator_note = graphene.String(description="Required to reject; emailed to the shop's owners.")
        price = PositiveDecimal(
            description="With APPROVE: the design-centre price of every variant (VND, whole đồng). "
            "Default: each variant's default-channel price."
        )

    class Meta:
        description = (
            "Approve (list in the design-centre channel) or reject a PENDING showcase submission. "
            "Not for submissions of your own shop."
        )
        permissions = (PermissionEnum.MANAGE_SHOWCASE,)
        error_type_class = ShowcaseError

    @classmethod
    def perform_mutation(cls, root, info, id, decision, curator_note=None, price=None):
        submission = submission_review(
            actor=principal(info),
            submission=cls.get_submission(id),
            decision=enum_value(decision),
            note=curator_note,
            price=price,
        )
        return cls.success(showcase_submission=submission)
