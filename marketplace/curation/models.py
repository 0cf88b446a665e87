"""Design Centre showcase: a shop proposes one of its products, a curator decides.

An APPROVED submission is what lists a product in the design-centre channel; a product
has at most one open (PENDING or APPROVED) submission at a time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS


class ShowcaseSubmissionStatus(models.TextChoices):
    PENDING = "PENDING", _("Pending")
    APPROVED = "APPROVED", _("Approved")
    REJECTED = "REJECTED", _("Rejected")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")


OPEN_STATUSES = (ShowcaseSubmissionStatus.PENDING, ShowcaseSubmissionStatus.APPROVED)


class ShowcaseSubmission(models.Model):
    product = models.ForeignKey(
        "catalog.Product", related_name="showcase_submissions", on_delete=models.CASCADE
    )
    # The product's vendor, denormalised for scoping (a product never changes vendor).
    vendor = models.ForeignKey("shops.Vendor", related_name="showcase_submissions", on_delete=models.PROTECT)
    status = models.CharField(
        max_length=16, choices=ShowcaseSubmissionStatus.choices, default=ShowcaseSubmissionStatus.PENDING
    )
    pitch = models.TextField(blank=True, default="")
    curator_note = models.TextField(blank=True, default="")
    # The curator's price for every variant in design-centre; null: the default-channel prices.
    price_amount = models.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("showcase submission")
        verbose_name_plural = _("showcase submissions")
        ordering = ("submitted_at", "pk")
        indexes = [models.Index(fields=["status", "submitted_at"], name="showcase_status_submitted")]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="uniq_open_showcase_submission",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ShowcaseSubmissionStatus.values), name="showcase_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(price_amount__isnull=True) | Q(price_amount__gt=0), name="showcase_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} ({self.status})"
