"""Hanoi's craft villages: real places, with their 2025 commune and the abolished district."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import Translation


class CraftVillage(models.Model):
    slug = models.SlugField(max_length=255, unique=True)
    name = models.CharField(max_length=255)
    craft = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    province = models.CharField(max_length=128, default="Hà Nội")
    commune = models.CharField(max_length=128, blank=True, default="")
    legacy_district = models.CharField(max_length=128, blank=True, default="")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    search_document = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("craft village")
        verbose_name_plural = _("craft villages")
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="village_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="village_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CraftVillageTranslation(Translation):
    village = models.ForeignKey(CraftVillage, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=255, blank=True, default="")
    craft = models.CharField(max_length=255, blank=True, default="")
    description = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("craft village translation")
        verbose_name_plural = _("craft village translations")
        constraints = [
            models.UniqueConstraint(fields=["village", "language_code"], name="uniq_village_translation")
        ]
