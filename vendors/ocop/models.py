"""OCOP certificates: a product's recognition (3-5 stars) with its decision and scanned document.

Whether a certificate counts ("valid") is computed, never stored: see ``selectors.valid_certificates``.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The score band of each star rank (points out of 100).
STAR_SCORES: dict[int, tuple[int, int]] = {3: (50, 69), 4: (70, 89), 5: (90, 100)}
VALIDITY_MONTHS = 36


class OcopCertificateStatus(models.TextChoices):
    SUBMITTED = "SUBMITTED", _("Submitted")
    VERIFIED = "VERIFIED", _("Verified")
    REJECTED = "REJECTED", _("Rejected")
    REVOKED = "REVOKED", _("Revoked")


class OcopProductGroup(models.TextChoices):
    # 2022 scheme (919/QĐ-TTg)
    FOOD = "FOOD", _("Food")
    BEVERAGES = "BEVERAGES", _("Beverages")
    HERBAL_MEDICINE = "HERBAL_MEDICINE", _("Herbal medicine and herbal products")
    HANDICRAFTS = "HANDICRAFTS", _("Handicrafts")
    ORNAMENTAL_PLANTS = "ORNAMENTAL_PLANTS", _("Ornamental plants and animals")
    TOURISM_SERVICES = "TOURISM_SERVICES", _("Community tourism, eco-tourism services and tourist sites")
    # 2018-only groups (490/QĐ-TTg)
    TEXTILES_GARMENTS = "TEXTILES_GARMENTS", _("Textiles and garments")
    SOUVENIRS_FURNITURE_DECORATION = "SOUVENIRS_FURNITURE_DECORATION", _("Souvenirs – furniture – decoration")


def _score_matches_stars() -> Q:
    condition = Q(score__isnull=True)
    for stars, (low, high) in STAR_SCORES.items():
        condition |= Q(stars=stars, score__gte=low, score__lte=high)
    return condition


class OcopCertificate(models.Model):
    product = models.ForeignKey("catalog.Product", related_name="ocop_certificates", on_delete=models.CASCADE)
    # The product's vendor, denormalised for scoping (a product never changes vendor).
    vendor = models.ForeignKey("shops.Vendor", related_name="ocop_certificates", on_delete=models.PROTECT)
    stars = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    product_group = models.CharField(max_length=32, choices=OcopProductGroup.choices)
    decision_number = models.CharField(max_length=64)
    decision_date = models.DateField()
    issued_by = models.CharField(max_length=255)
    valid_until = models.DateField()
    status = models.CharField(
        max_length=16, choices=OcopCertificateStatus.choices, default=OcopCertificateStatus.SUBMITTED
    )
    # Name of the scanned document in the private storage (never served publicly).
    document = models.CharField(max_length=255)
    review_note = models.TextField(blank=True, default="")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    expiry_notified_at = models.DateTimeField(null=True, blank=True)
    expired_marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("OCOP certificate")
        verbose_name_plural = _("OCOP certificates")
        ordering = ("created_at", "pk")
        indexes = [
            models.Index(fields=["status", "valid_until"], name="ocop_status_valid_until"),
            models.Index(fields=["product", "status"], name="ocop_product_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(stars__gte=3, stars__lte=5), name="ocop_stars_3_to_5"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100), name="ocop_score_0_to_100"
            ),
            models.CheckConstraint(condition=_score_matches_stars(), name="ocop_score_matches_stars"),
            models.CheckConstraint(
                condition=Q(status__in=OcopCertificateStatus.values), name="ocop_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(product_group__in=OcopProductGroup.values), name="ocop_product_group_valid"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("decision_date")), name="ocop_valid_after_decision"
            ),
            # One live certificate per decision and product; a rejected submission (a bad
            # scan, a typo) may be submitted again with the same decision number.
            models.UniqueConstraint(
                "product",
                Upper("decision_number"),
                condition=~Q(status=OcopCertificateStatus.REJECTED),
                name="uniq_ocop_decision_per_product",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.stars}★)"
