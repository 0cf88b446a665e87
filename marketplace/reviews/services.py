"""Reviews: every write. A buyer reviews an order line they received (a verified purchase),
edits it for ``REVIEW_EDIT_DAYS``; the shop replies once; curators and staff hide it with a
reason (the author is told); signed-in people vote a review helpful once.

``Product.rating`` (the mean of the visible reviews' stars, two decimals) and
``Product.review_count`` are recomputed from the reviews table inside the same transaction,
under the product's row lock (taken first), so two reviews racing on one product both count.

Photos come in as uploaded files: they are checked and stored once the request is known to
be acceptable, outside the transaction, and discarded again when the write fails; photos a
review no longer uses are discarded after the commit.
"""

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user, require_user
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum, has_one_of_permissions
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.catalog.models import Product
from marketplace.core.errors import field_error
from marketplace.core.richtext import plain_text_or_error
from marketplace.core.uploads import PHOTO_TYPES, discard, discard_after_commit, store_upload
from marketplace.notifications.notify import Recipient, notify, notify_vendor_members
from marketplace.orders.models import OrderLine, VendorOrderStatus
from marketplace.reviews.error_codes import ReviewErrorCode
from marketplace.reviews.models import (
    MAX_PHOTOS,
    MAX_REASON,
    MAX_REPLY,
    MAX_TEXT,
    Review,
    ReviewHelpfulVote,
    ReviewPhoto,
)
from vendors.shops import policies
from vendors.shops.policies import VendorAction

MODERATORS = (PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_SHOWCASE)


def _clean_rating(rating: int | None) -> int:
    if rating is None:
        raise field_error("rating", ReviewErrorCode.REQUIRED, _("Give 1 to 5 stars."))
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise field_error("rating", ReviewErrorCode.OUT_OF_RANGE, _("Give 1 to 5 stars."))
    return rating


def _clean_text(text: str | None, *, field: str, limit: int) -> str:
    return plain_text_or_error(text, field=field, code=ReviewErrorCode.INVALID, max_length=limit)


def check_photo_count(count: int) -> None:
    """Refuse more than ``MAX_PHOTOS`` photos (the API checks it before storing any file)."""
    if count > MAX_PHOTOS:
        raise field_error(
            "photos", ReviewErrorCode.OUT_OF_RANGE, _("At most %(limit)s photos."), limit=MAX_PHOTOS
        )


def _store_photos(files: Sequence["File[bytes]"]) -> list[str]:
    """Store each photo under a generated name (all or none)."""
    names: list[str] = []
    try:
        for file in files:
            names.append(store_upload(file=file, allowed=PHOTO_TYPES, prefix="reviews", field="photos")[0])
    except BaseException:
        for name in names:
            discard(name)
        raise
    return names


def _refresh_rating(product_id: int) -> None:
    """Recompute the product's rating and review count (its row is locked by the caller)."""
    summary = Review.objects.filter(product_id=product_id, is_hidden=False).aggregate(
        mean=Avg("rating"), count=Count("pk")
    )
    mean = round(float(summary["mean"]), 2) if summary["count"] else None
    Product.objects.filter(pk=product_id).update(rating=mean, review_count=summary["count"])


def _lock_product(product_id: int) -> None:
    Product.objects.select_for_update().filter(pk=product_id).values_list("pk", flat=True).first()


def _set_photos(review: Review, names: list[str]) -> list[str]:
    """Replace the review's photos with ``names``; the names it no longer uses."""
    removed = [photo.image.name for photo in review.photos.all()]
    review.photos.all().delete()
    ReviewPhoto.objects.bulk_create(
        [ReviewPhoto(review=review, image=name, sort_order=index) for index, name in enumerate(names)]
    )
    review.photo_count = len(names)
    return [name for name in removed if name and name not in names]


def _reviewable_line(user: User, order_line_id: object | None, product_id: int | None) -> OrderLine:
    """The buyer's received, unreviewed order line: the one named, or one of the product."""
    lines = OrderLine.objects.select_related("order", "vendor_order", "variant").filter(order__user=user)
    if order_line_id is not None:
        line = lines.filter(pk=order_line_id).first()  # type: ignore[misc]
        if line is None or (
            product_id is not None and (line.variant is None or line.variant.product_id != product_id)
        ):
            raise field_error("order_line", ReviewErrorCode.NOT_FOUND, _("Couldn't find that order line."))
    elif product_id is not None:
        candidates = list(lines.filter(variant__product_id=product_id).order_by("-order__created_at"))
        if not candidates:
            raise field_error(
                "product", ReviewErrorCode.NOT_PURCHASED, _("Only buyers of this product can review it.")
            )
        received = [c for c in candidates if c.quantity_fulfilled > 0]
        unreviewed = [c for c in received if not Review.objects.filter(order_line=c).exists()]
        line = (unreviewed or received or candidates)[0]
    else:
        raise field_error("order_line", ReviewErrorCode.REQUIRED, _("Name the order line you received."))
    if line.variant is None:
        raise field_error("order_line", ReviewErrorCode.NOT_FOUND, _("This product is no longer sold."))
    if line.quantity_fulfilled < 1 or line.vendor_order.status == VendorOrderStatus.CANCELED:
        raise field_error(
            "order_line", ReviewErrorCode.NOT_RECEIVED, _("You can review an item once you have received it.")
        )
    return line


def review_create(
    *,
    actor: Actor,
    order_line_id: object | None = None,
    product_id: int | None = None,
    rating: int | None,
    text: str | None = "",
    photos: Sequence["File[bytes]"] | None = None,
) -> Review:
    """A signed-in buyer's review of an order line of a fulfilled (or picked-up) part."""
    user = require_user(actor)
    files = list(photos or [])
    check_photo_count(len(files))
    rating = _clean_rating(rating)
    text = _clean_text(text, field="text", limit=MAX_TEXT)
    line = _reviewable_line(user, order_line_id, product_id)
    assert line.variant is not None
    names = _store_photos(files)
    try:
        return _review_create(user=user, line=line, rating=rating, text=text, names=names)
    except BaseException:
        for name in names:
            discard(name)
        raise


def _review_create(*, user: User, line: OrderLine, rating: int, text: str, names: list[str]) -> Review:
    assert line.variant is not None
    product_id = line.variant.product_id
    try:
        with transaction.atomic():
            _lock_product(product_id)
            if Review.objects.filter(order_line=line).exists():
                raise field_error(
                    "order_line", ReviewErrorCode.ALREADY_EXISTS, _("You have already reviewed this item.")
                )
            now = timezone.now()
            review = Review.objects.create(
                product_id=product_id,
                vendor_id=line.vendor_order.vendor_id,
                order_line=line,
                user=user,
                rating=rating,
                text=text,
                created_at=now,
                updated_at=now,
            )
            _set_photos(review, names)
            review.save(update_fields=["photo_count"])
            _refresh_rating(product_id)
            notify_vendor_members(
                "vendor_review_new",
                vendor_id=review.vendor_id,
                object_key=f"review:{review.pk}",
                context={
                    "product": line.product_name,
                    "rating": rating,
                    "text": text[:500],
                    "number": line.order.number,
                },
            )
    except IntegrityError:  # a parallel request reviewed the same line first
        raise field_error(
            "order_line", ReviewErrorCode.ALREADY_EXISTS, _("You have already reviewed this item.")
        ) from None
    return review


def _own_review(user: User, review: Review) -> None:
    if review.user_id != user.pk:
        raise field_error("id", ReviewErrorCode.NOT_FOUND, _("Couldn't find that review."))


def review_update(
    *,
    actor: Actor,
    review: Review,
    rating: int | None = None,
    text: str | None = None,
    photos: Sequence["File[bytes]"] | None = None,
) -> Review:
    """The author changes the stars, text or photos (``photos`` replaces them all) within
    ``REVIEW_EDIT_DAYS`` of writing it; the photos dropped are discarded after the commit."""
    user = require_user(actor)
    _own_review(user, review)
    if photos is not None:
        check_photo_count(len(photos))
    if timezone.now() > review.created_at + timedelta(days=settings.REVIEW_EDIT_DAYS):
        raise field_error(
            "id",
            ReviewErrorCode.EDIT_WINDOW_CLOSED,
            _("A review can be changed for %(days)s days after it is written."),
            days=settings.REVIEW_EDIT_DAYS,
        )
    new_rating = _clean_rating(rating) if rating is not None else None
    new_text = _clean_text(text, field="text", limit=MAX_TEXT) if text is not None else None
    names = _store_photos(list(photos)) if photos is not None else None
    try:
        return _review_update(review=review, rating=new_rating, text=new_text, names=names)
    except BaseException:
        for name in names or []:
            discard(name)
        raise


def _review_update(
    *, review: Review, rating: int | None, text: str | None, names: list[str] | None
) -> Review:
    new_rating, new_text = rating, text
    with transaction.atomic():
        _lock_product(review.product_id)
        locked = Review.objects.select_for_update().get(pk=review.pk)
        fields = ["updated_at"]
        if new_rating is not None:
            locked.rating = new_rating
            fields.append("rating")
        if new_text is not None:
            locked.text = new_text
            fields.append("text")
        if names is not None:
            discard_after_commit(_set_photos(locked, names))
            fields.append("photo_count")
        locked.updated_at = timezone.now()
        locked.save(update_fields=fields)
        _refresh_rating(locked.product_id)
    return locked


def review_reply(*, actor: Actor, review: Review, text: str | None) -> Review:
    """The shop's one public reply (its members, or staff with MANAGE_PRODUCTS)."""
    policies.require(actor, VendorAction.EDIT_PRODUCTS, review.vendor_id)
    reply = _clean_text(text, field="text", limit=MAX_REPLY)
    if not reply:
        raise field_error("text", ReviewErrorCode.REQUIRED, _("Write the reply."))
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        if locked.replied_at is not None:
            raise field_error("id", ReviewErrorCode.ALREADY_EXISTS, _("The shop has already replied."))
        locked.reply, locked.replied_at = reply, timezone.now()
        locked.replied_by = actor_user(actor)
        locked.save(update_fields=["reply", "replied_at", "replied_by"])
    return locked


def review_hide(*, actor: Actor, review: Review, reason: str | None) -> Review:
    """A curator (MANAGE_SHOWCASE) or staff member (MANAGE_PRODUCTS) hides a review with a
    reason; it leaves the product's rating and the author is told. Hiding twice changes nothing."""
    if not has_one_of_permissions(actor, MODERATORS):
        raise PermissionDenied(
            _("You need one of the following permissions: MANAGE_PRODUCTS, MANAGE_SHOWCASE.")
        )
    reason = _clean_text(reason, field="reason", limit=MAX_REASON)
    if not reason:
        raise field_error("reason", ReviewErrorCode.REQUIRED, _("Say why the review is hidden."))
    with transaction.atomic():
        _lock_product(review.product_id)
        locked = (
            Review.objects.select_for_update(of=("self",)).select_related("user", "product").get(pk=review.pk)
        )
        if locked.is_hidden:
            return locked
        locked.is_hidden, locked.hidden_reason, locked.hidden_at = True, reason, timezone.now()
        locked.hidden_by = actor_user(actor)
        locked.save(update_fields=["is_hidden", "hidden_reason", "hidden_at", "hidden_by"])
        audit.record(
            actor,
            AuditAction.REVIEW_HIDE,
            locked,
            label=f"{locked.product.name} ({locked.rating}★)",
            product=locked.product_id,
            note=reason,
        )
        _refresh_rating(locked.product_id)
        if locked.user is not None:
            notify(
                "review_hidden",
                Recipient.for_user(locked.user),
                object_key=f"review:{locked.pk}",
                context={"product": locked.product.name, "reason": reason},
            )
    return locked


def review_vote_helpful(*, actor: Actor, review: Review) -> Review:
    """A signed-in person finds a visible review helpful (once; their own does not count)."""
    user = require_user(actor)
    if review.is_hidden:
        raise field_error("id", ReviewErrorCode.NOT_FOUND, _("Couldn't find that review."))
    if review.user_id == user.pk:
        raise field_error("id", ReviewErrorCode.INVALID, _("You cannot vote for your own review."))
    with transaction.atomic():
        _vote, created = ReviewHelpfulVote.objects.get_or_create(review=review, user=user)
        if created:
            Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    review.refresh_from_db(fields=["helpful_count"])
    return review
