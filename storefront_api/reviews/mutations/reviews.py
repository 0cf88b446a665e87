"""Reviews: the buyer writes and edits, the shop replies, curators and staff hide, anyone
signed in votes helpful. Photos go to the services as uploaded files (they store them)."""

import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.reviews import services
from marketplace.reviews.models import Review
from marketplace.reviews.selectors import review_by_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.reviews.errors import ReviewError
from storefront_api.reviews.inputs import ProductReviewCreateInput, ProductReviewUpdateInput
from storefront_api.reviews.types import ProductReview


class ReviewMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_review(cls, id: str) -> Review:
        review = review_by_id(cls.decode_id(id, only_type="ProductReview", field="id"))
        if review is None:
            raise ValidationError({"id": ValidationError("Couldn't find that review.", code="NOT_FOUND")})
        return review


class ProductReviewCreate(ReviewMutation):
    review = graphene.Field(ProductReview)

    class Arguments:
        input = ProductReviewCreateInput(required=True)

    class Meta:
        description = (
            "Review an item you received: an order line of your order whose shop shipped it (or "
            "handed it over at pickup). One review per order line; 1 to 5 stars, text, up to 5 photos."
        )
        auth_required = True
        error_type_class = ReviewError

    @classmethod
    def perform_mutation(cls, root, info, input):  # type: ignore[no-untyped-def]
        line_id = (
            cls.decode_uuid(input["order_line"], only_type="OrderLine", field="order_line")
            if input.get("order_line")
            else None
        )
        product_id = (
            cls.decode_id(input["product"], only_type="Product", field="product")
            if input.get("product")
            else None
        )
        review = services.review_create(
            actor=principal(info),
            order_line_id=line_id,
            product_id=product_id,
            rating=input.get("rating"),
            text=input.get("text"),
            photos=input.get("photos"),
        )
        return cls.success(review=review)


class ProductReviewUpdate(ReviewMutation):
    review = graphene.Field(ProductReview)

    class Arguments:
        id = graphene.ID(required=True, description="Your review.")
        input = ProductReviewUpdateInput(required=True)

    class Meta:
        description = (
            "Change your review's stars, text or photos, within 30 days (REVIEW_EDIT_DAYS) of writing it."
        )
        auth_required = True
        error_type_class = ReviewError

    @classmethod
    def perform_mutation(cls, root, info, id, input):  # type: ignore[no-untyped-def]
        review = cls.get_review(id)
        photos = input.get("photos")
        if photos is not None:
            services.check_photo_count(len(photos))
        if review.user_id is None or review.user_id != getattr(info.context.user, "pk", None):
            raise ValidationError({"id": ValidationError("Couldn't find that review.", code="NOT_FOUND")})
        review = services.review_update(
            actor=principal(info),
            review=review,
            rating=input.get("rating"),
            text=input.get("text"),
            photos=photos,
        )
        return cls.success(review=review)


class ProductReviewReply(ReviewMutation):
    review = graphene.Field(ProductReview)

    class Arguments:
        id = graphene.ID(required=True, description="A review of your shop's product.")
        text = graphene.String(required=True, description="Plain text, at most 2,000 characters.")

    class Meta:
        description = "The shop's one public reply to a review (its members; staff with MANAGE_PRODUCTS)."
        auth_required = True
        error_type_class = ReviewError

    @classmethod
    def perform_mutation(cls, root, info, id, text):  # type: ignore[no-untyped-def]
        review = services.review_reply(actor=principal(info), review=cls.get_review(id), text=text)
        return cls.success(review=review)


class ProductReviewHide(ReviewMutation):
    review = graphene.Field(ProductReview)

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(
            required=True, description="Why (sent to the author), at most 500 characters."
        )

    class Meta:
        description = (
            "Hide a review from the product's page and rating, with a reason the author is told. "
            "Curators and staff."
        )
        permissions = (PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_SHOWCASE)
        error_type_class = ReviewError

    @classmethod
    def perform_mutation(cls, root, info, id, reason):  # type: ignore[no-untyped-def]
        review = services.review_hide(actor=principal(info), review=cls.get_review(id), reason=reason)
        return cls.success(review=review)


class ProductReviewVoteHelpful(ReviewMutation):
    review = graphene.Field(ProductReview)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Say a review helped you (once per person; not your own)."
        auth_required = True
        error_type_class = ReviewError

    @classmethod
    def perform_mutation(cls, root, info, id):  # type: ignore[no-untyped-def]
        review = services.review_vote_helpful(actor=principal(info), review=cls.get_review(id))
        return cls.success(review=review)
