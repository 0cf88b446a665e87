"""Abstract bases shared by the domain apps."""

from django.db import models


class SortableModel(models.Model):
    sort_order = models.IntegerField(default=0, db_index=True)

    class Meta:
        abstract = True


class SeoModel(models.Model):
    seo_title = models.CharField(max_length=255, blank=True, default="")
    seo_description = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        abstract = True


class Translation(models.Model):
    """One language's text for a translatable object; Vietnamese is the base language."""

    language_code = models.CharField(max_length=10)

    class Meta:
        abstract = True


def translated_slug_field() -> models.SlugField:  # type: ignore[type-arg]
    """A translation's own URL slug (Saleor 3.21+): optional, Unicode allowed, unique per
    language for each kind of object (the model adds the constraint)."""
    return models.SlugField(max_length=255, null=True, blank=True, allow_unicode=True)
