"""Saleor's channels: a storefront with its own currency, listings and prices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    is_active = models.BooleanField(default=True)
    currency_code = models.CharField(max_length=3)
    default_country = models.CharField(max_length=2, default="VN")

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.slug
