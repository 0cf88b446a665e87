"""Buyers' reviews of what they received: one per order line, 1 to 5 stars, text, photos,
helpful votes, the shop's one public reply, and a curator's or staff member's hiding.

``Product.rating`` and ``Product.review_count`` are kept from the visible reviews by the
services (``marketplace/reviews/services.py``), under the product's row lock."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_PHOTOS = 5
MAX_TEXT = 5000
MAX_REPLY = 2000
MAX_REASON = 500


class Review(models.Model):
    product = models.ForeignKey("catalog.Product", related_name="reviews", on_delete=models.CASCADE)
    vendor = models.ForeignKey("shops.Vendor", related_name="reviews", on_delete=models.CASCADE)
    # The verified purchase: one review per order line.
    order_line = models.OneToOneField("orders.OrderLine", related_name="review", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="reviews", null=True, blank=True, on_delete=models.SET_NULL
    )
    rating = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True, default="")
    helpful_count = models.PositiveIntegerField(default=0)
    photo_count = models.PositiveSmallIntegerField(default=0)
    reply = models.TextField(blank=True, default="")
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=MAX_REASON, blank=True, default="")
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(fields=["product", "is_hidden", "created_at"], name="review_product_newest"),
            models.Index(fields=["product", "is_hidden", "helpful_count"], name="review_product_helpful"),
            models.Index(fields=["vendor", "is_hidden"], name="review_vendor"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
            models.CheckConstraint(condition=Q(photo_count__lte=MAX_PHOTOS), name="review_photos_at_most_5"),
        ]


class ReviewPhoto(models.Model):
    review = models.ForeignKey(Review, related_name="photos", on_delete=models.CASCADE)
    image = models.ImageField(max_length=255, upload_to="reviews/")  # names made by store_upload
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("review photo")
        verbose_name_plural = _("review photos")
        ordering = ("sort_order", "pk")


class ReviewHelpfulVote(models.Model):
    review = models.ForeignKey(Review, related_name="votes", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="uniq_review_vote")]
