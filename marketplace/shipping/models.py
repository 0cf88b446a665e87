"""Where parcels go and what they cost: zones of provinces, and methods priced by weight.

Each artisan ships its own parcel, so a checkout with items from three shops pays a
method's price three times, each for that shop's parcel weight.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS


class ShippingZone(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    # Official province names (``Address.country_area``); the default zone takes the rest.
    provinces = models.JSONField(default=list, blank=True)
    is_default = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("shipping zone")
        verbose_name_plural = _("shipping zones")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_shipping_zone"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ShippingMethod(models.Model):
    """A parcel costs ``base_price`` up to ``base_weight_grams``, then ``price_per_extra_kg``
    for each started kilogram above it; parcels above ``maximum_weight_grams`` cannot use it."""

    zone = models.ForeignKey(ShippingZone, related_name="methods", on_delete=models.CASCADE)
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=255, blank=True, default="")
    currency = models.CharField(max_length=3, default="VND")
    base_price_amount = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    base_weight_grams = models.PositiveIntegerField(default=1000)
    price_per_extra_kg_amount = models.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, default=0
    )
    maximum_weight_grams = models.PositiveIntegerField(null=True, blank=True)
    minimum_delivery_days = models.PositiveSmallIntegerField(default=1)
    maximum_delivery_days = models.PositiveSmallIntegerField(default=3)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("shipping method")
        verbose_name_plural = _("shipping methods")
        ordering = ("zone", "base_price_amount", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(base_price_amount__gte=0, price_per_extra_kg_amount__gte=0),
                name="shipping_price_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(minimum_delivery_days__lte=F("maximum_delivery_days")),
                name="shipping_delivery_days_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name
