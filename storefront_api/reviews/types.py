"""Product reviews as the API shows them: public once written, hidden ones never listed."""

from typing import Any

import graphene

from marketplace.notifications.models import NotificationSettings as NotificationSettingsModel
from marketplace.reviews.models import Review as ReviewModel
from marketplace.reviews.selectors import visible_reviews
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import OrderDirection
from storefront_api.core.images import absolute_url
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.pagination import Page, SortKey, encode_cursor, paginate, validate_page_arguments
from storefront_api.core.types import CountableConnection, Image, connection_for, page_args
from storefront_api.reviews.dataloaders import ReviewFirstPageByProductLoader
from storefront_api.reviews.inputs import ProductReviewFilterInput, ProductReviewSortingInput


class ReviewReply(graphene.ObjectType):
    text = graphene.String(required=True, description="The shop's public reply.")
    created_at = graphene.DateTime(required=True)

    class Meta:
        description = "The shop's one public reply to a review."


class ProductReview(ModelObjectType):
    rating = graphene.Int(required=True, description="1 to 5 stars.")
    text = graphene.String(required=True, description="Plain text (markup removed when written).")
    author_name = graphene.String(
        required=True, description="The buyer's first name and initial; empty once the account is deleted."
    )
    is_verified_purchase = graphene.Boolean(
        required=True, description="Always true: only buyers of a received order line review."
    )
    variant_name = graphene.String(description="The variant bought, as named on the order.")
    photos = graphene.List(graphene.NonNull(Image), required=True, description="Up to 5 photos (originals).")
    helpful_count = graphene.Int(required=True, description="How many people found it helpful.")
    reply = graphene.Field(ReviewReply, description="The shop's reply, if any.")
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    is_hidden = graphene.Boolean(required=True, description="Hidden by a curator or staff member.")
    hidden_reason = graphene.String(description="Why it was hidden (returned by the hiding mutation).")

    class Meta:
        model = ReviewModel
        fields = ("id",)
        description = "A buyer's review of a product they received (a verified purchase)."

    @classmethod
    def get_node(cls, info, id):  # type: ignore[no-untyped-def]
        return visible_reviews().select_related("user", "order_line").filter(pk=id).first()

    @staticmethod
    def resolve_author_name(root: ReviewModel, info) -> str:  # type: ignore[no-untyped-def]
        user = root.user
        if user is None:
            return ""
        initial = f" {user.last_name.strip()[:1]}." if user.last_name.strip() else ""
        return f"{user.first_name.strip()}{initial}".strip()

    @staticmethod
    def resolve_is_verified_purchase(root: ReviewModel, info) -> bool:  # type: ignore[no-untyped-def]
        return True

    @staticmethod
    def resolve_variant_name(root: ReviewModel, info):  # type: ignore[no-untyped-def]
        return root.order_line.variant_name or None

    @staticmethod
    def resolve_photos(root: ReviewModel, info):  # type: ignore[no-untyped-def]
        return [Image(url=absolute_url(info, photo.image.url), alt="") for photo in root.photos.all()]

    @staticmethod
    def resolve_reply(root: ReviewModel, info):  # type: ignore[no-untyped-def]
        if root.replied_at is None:
            return None
        return ReviewReply(text=root.reply, created_at=root.replied_at)

    @staticmethod
    def resolve_created(root: ReviewModel, info):  # type: ignore[no-untyped-def]
        return root.created_at

    @staticmethod
    def resolve_hidden_reason(root: ReviewModel, info):  # type: ignore[no-untyped-def]
        return root.hidden_reason or None


ProductReviewCountableConnection: type[CountableConnection] = connection_for(ProductReview)

SORT_ATTRS = {"CREATED_AT": "created_at", "HELPFUL": "helpful_count", "RATING": "rating"}


def reviews_field() -> graphene.Field:
    return graphene.Field(
        graphene.NonNull(ProductReviewCountableConnection),
        sort_by=graphene.Argument(
            ProductReviewSortingInput, description="Newest first unless asked otherwise."
        ),
        filter=graphene.Argument(ProductReviewFilterInput),
        **page_args(),
        description="The product's visible reviews (newest first; most helpful; with photos...).",
    )


def _sort(sort_by: dict[str, Any] | None) -> list[SortKey]:
    if not sort_by:
        return [SortKey("created_at", True)]
    field = getattr(sort_by["field"], "value", sort_by["field"])
    direction = getattr(sort_by["direction"], "value", sort_by["direction"])
    descending = direction == OrderDirection.DESC.value  # type: ignore[attr-defined]
    keys = [SortKey(SORT_ATTRS[field], descending)]
    if field != "CREATED_AT":
        keys.append(SortKey("created_at", True if field == "HELPFUL" else descending))
    return keys


def _cursor(row: ReviewModel, keys: list[SortKey]) -> str:
    values = []
    for key in [*keys, SortKey("pk")]:
        value = row.pk if key.attr == "pk" else getattr(row, key.attr)
        values.append(value.isoformat() if hasattr(value, "isoformat") else value)
    return encode_cursor(values)


class _Total:
    def __init__(self, total: int) -> None:
        self.total = total

    def count(self) -> int:
        return self.total


def resolve_product_reviews(product_id: int, info, *, sort_by=None, filter=None, **args):  # type: ignore[no-untyped-def]
    """The first page of many products' reviews comes from one batched query; a page
    after a cursor (one product's "more reviews") is a keyset query of its own."""
    filter = filter or {}
    has_photos = filter.get("has_photos")
    ratings = tuple(sorted(set(filter.get("rating") or [])))[:5]
    keys = _sort(sort_by)
    # The primary key breaks ties in the direction of the last key, as paginate() does.
    if args.get("last") is None and args.get("after") is None and args.get("before") is None:
        amount = validate_page_arguments(first=args.get("first"), last=None, connection_name="reviews")
        sort = tuple((k.attr, k.descending) for k in [*keys, SortKey("pk", keys[-1].descending)])
        key = (product_id, has_photos, ratings, sort, amount)

        def page(loaded):  # type: ignore[no-untyped-def]
            rows, total = loaded
            chosen = rows[:amount]
            return ProductReviewCountableConnection.from_page(
                Page(
                    rows=chosen,
                    cursors=[_cursor(row, keys) for row in chosen],
                    has_next_page=len(rows) > amount,
                    has_previous_page=False,
                    queryset=_Total(total),  # type: ignore[arg-type]
                )
            )

        return then(ReviewFirstPageByProductLoader(info.context).load(key), page)
    qs = (
        visible_reviews(has_photos=has_photos, ratings=list(ratings))
        .filter(product_id=product_id)
        .select_related("user", "order_line")
        .prefetch_related("photos")
    )
    return ProductReviewCountableConnection.from_page(
        paginate(qs, sort=keys, connection_name="reviews", **args)
    )


class NotificationSettings(graphene.ObjectType):
    email = graphene.Boolean(required=True, description="E-mails (on unless turned off).")
    sms = graphene.Boolean(required=True, description="SMS to `phone` (when the marketplace sends SMS).")
    zalo = graphene.Boolean(
        required=True, description="Zalo messages to `phone` (when the marketplace is connected to Zalo ZNS)."
    )
    phone = graphene.String(description="The number for SMS and Zalo, E.164.")

    class Meta:
        description = "How the signed-in person is told of their orders, returns, reviews and shops."

    @staticmethod
    def resolve_phone(root: NotificationSettingsModel, info):  # type: ignore[no-untyped-def]
        return root.phone or None
