"""Reads of reviews, with their visibility rule: the public sees the reviews nobody hid."""

from django.db.models import QuerySet

from marketplace.reviews.models import Review


def visible_reviews(*, has_photos: bool | None = None, ratings: list[int] | None = None) -> QuerySet[Review]:
    qs = Review.objects.filter(is_hidden=False)
    if has_photos is True:
        qs = qs.filter(photo_count__gt=0)
    elif has_photos is False:
        qs = qs.filter(photo_count=0)
    if ratings:
        qs = qs.filter(rating__in=ratings)
    return qs


def review_by_id(pk: int) -> Review | None:
    """Any review, for a mutation (whose service decides what the caller may do with it)."""
    return Review.objects.select_related("product", "user").filter(pk=pk).first()
