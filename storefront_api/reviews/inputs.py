import graphene

from storefront_api.core.enums import OrderDirection
from storefront_api.core.upload import Upload
from storefront_api.reviews.enums import ProductReviewSortField


class ProductReviewSortingInput(graphene.InputObjectType):
    field = graphene.Argument(
        ProductReviewSortField, required=True, description="Sort reviews by this field."
    )
    direction = graphene.Argument(
        OrderDirection, required=True, description="Specifies the direction in which to sort."
    )


class ProductReviewFilterInput(graphene.InputObjectType):
    has_photos = graphene.Boolean(description="Only reviews with (true) or without (false) photos.")
    rating = graphene.List(graphene.NonNull(graphene.Int), description="Only reviews with these stars.")


class ProductReviewCreateInput(graphene.InputObjectType):
    order_line = graphene.ID(
        description="The order line you received (an order of yours, a shipped or picked-up part)."
    )
    product = graphene.ID(
        description="Or the product: your received order line of it that has no review yet is used."
    )
    rating = graphene.Int(required=True, description="1 to 5 stars.")
    text = graphene.String(description="Plain text, at most 5,000 characters (any markup is removed).")
    photos = graphene.List(
        graphene.NonNull(Upload),
        description="At most 5 photos (JPEG, PNG, WEBP or HEIC; 10 MB each), as a GraphQL multipart request.",
    )


class ProductReviewUpdateInput(graphene.InputObjectType):
    rating = graphene.Int(description="1 to 5 stars.")
    text = graphene.String(description="Plain text, at most 5,000 characters.")
    photos = graphene.List(
        graphene.NonNull(Upload),
        description="Replaces every photo of the review (at most 5; [] removes them).",
    )
