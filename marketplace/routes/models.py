"""Craft-village tourism routes: ordered stops, most of them at a craft village."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import Translation


class TourismRoute(models.Model):
    slug = models.SlugField(max_length=255, unique=True)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    distance_km = models.FloatField(null=True, blank=True)
    duration_hours = models.FloatField(null=True, blank=True)
    is_published = models.BooleanField(default=False)
    launched_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tourism route")
        verbose_name_plural = _("tourism routes")
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(distance_km__isnull=True) | Q(distance_km__gte=0),
                name="route_distance_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(duration_hours__isnull=True) | Q(duration_hours__gte=0),
                name="route_duration_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TourismRouteStop(models.Model):
    route = models.ForeignKey(TourismRoute, related_name="stops", on_delete=models.CASCADE)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    village = models.ForeignKey(
        "villages.CraftVillage", related_name="route_stops", null=True, blank=True, on_delete=models.PROTECT
    )
    activities = models.TextField(blank=True, default="")
    visit_minutes = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("tourism route stop")
        verbose_name_plural = _("tourism route stops")
        ordering = ("route", "position")
        constraints = [models.UniqueConstraint(fields=["route", "position"], name="uniq_route_stop_position")]


class TourismRouteTranslation(Translation):
    route = models.ForeignKey(TourismRoute, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=255, blank=True, default="")
    description = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("tourism route translation")
        verbose_name_plural = _("tourism route translations")
        constraints = [
            models.UniqueConstraint(fields=["route", "language_code"], name="uniq_route_translation")
        ]
