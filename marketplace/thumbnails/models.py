"""Stored thumbnails: generated once per (image, size, format), never per request."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ThumbnailFormat(models.TextChoices):
    ORIGINAL = "ORIGINAL", _("Original")  # the source image's own format
    WEBP = "WEBP", _("WebP")
    JPEG = "JPEG", _("JPEG")
    PNG = "PNG", _("PNG")


# The foreign keys naming a thumbnail's source image; exactly one is set.
SOURCES = ("product_media", "category", "collection", "vendor", "user")


def _exactly_one(fields: tuple[str, ...]) -> Q:
    condition = Q()
    for chosen in fields:
        condition |= Q(**{f"{field}__isnull": field != chosen for field in fields})
    return condition


class Thumbnail(models.Model):
    image = models.ImageField(upload_to="thumbnails")
    size = models.PositiveIntegerField()
    format = models.CharField(max_length=8, choices=ThumbnailFormat.choices)
    product_media = models.ForeignKey(
        "catalog.ProductMedia", null=True, blank=True, related_name="thumbnails", on_delete=models.CASCADE
    )
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, related_name="thumbnails", on_delete=models.CASCADE
    )
    collection = models.ForeignKey(
        "catalog.Collection", null=True, blank=True, related_name="thumbnails", on_delete=models.CASCADE
    )
    vendor = models.ForeignKey(
        "shops.Vendor", null=True, blank=True, related_name="thumbnails", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        "accounts.User", null=True, blank=True, related_name="avatar_thumbnails", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thumbnail")
        verbose_name_plural = _("thumbnails")
        constraints = [
            models.CheckConstraint(condition=_exactly_one(SOURCES), name="thumbnail_exactly_one_source"),
            models.UniqueConstraint(
                fields=["product_media", "size", "format"],
                name="uniq_thumbnail_media",
                condition=Q(product_media__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["category", "size", "format"],
                name="uniq_thumbnail_category",
                condition=Q(category__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["collection", "size", "format"],
                name="uniq_thumbnail_collection",
                condition=Q(collection__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["vendor", "size", "format"],
                name="uniq_thumbnail_vendor",
                condition=Q(vendor__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "size", "format"],
                name="uniq_thumbnail_user",
                condition=Q(user__isnull=False),
            ),
        ]
