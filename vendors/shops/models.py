"""Artisan shops (vendors) and their members."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendors.shops.managers import VendorQuerySet


class VendorStatus(models.TextChoices):
    PENDING = "PENDING", _("Pending")
    ACTIVE = "ACTIVE", _("Active")
    SUSPENDED = "SUSPENDED", _("Suspended")
    REJECTED = "REJECTED", _("Rejected")


class VendorMemberRole(models.TextChoices):
    OWNER = "OWNER", _("Owner")
    STAFF = "STAFF", _("Staff")


class Vendor(models.Model):
    slug = models.SlugField(max_length=255, unique=True)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    village = models.ForeignKey(
        "villages.CraftVillage",
        related_name="vendors",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    status = models.CharField(
        max_length=16, choices=VendorStatus.choices, default=VendorStatus.PENDING, db_index=True
    )
    phone = models.CharField(max_length=20, blank=True, default="")
    logo = models.ImageField(upload_to="vendor-logos", blank=True, default="")
    commission_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("10.00"))
    allows_pickup = models.BooleanField(default=False)
    search_document = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VendorQuerySet.as_manager()

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commission_rate__gte=0, commission_rate__lte=50),
                name="vendor_commission_rate_0_to_50",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=VendorStatus.values), name="vendor_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class VendorMember(models.Model):
    vendor = models.ForeignKey(Vendor, related_name="members", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="vendor_memberships", on_delete=models.CASCADE
    )
    role = models.CharField(max_length=8, choices=VendorMemberRole.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vendor member")
        verbose_name_plural = _("vendor members")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["vendor", "user"], name="uniq_vendor_member"),
        ]
