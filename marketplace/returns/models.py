"""A buyer's request to return delivered items to the shop that sent them.

REQUESTED (the buyer asked: lines, reason, photos) → ACCEPTED (the shop agrees; the goods are
to come back) → RECEIVED (the shop has them back: refunded) — or REFUSED (the shop says no,
with a note), or KEPT (the shop refunds and the buyer keeps the items). The money follows an
``OrderGrantedRefund`` (its status says whether the refund went through).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReturnStatus(models.TextChoices):
    REQUESTED = "REQUESTED", _("Requested")
    ACCEPTED = "ACCEPTED", _("Accepted")
    REFUSED = "REFUSED", _("Refused")
    RECEIVED = "RECEIVED", _("Received")
    KEPT = "KEPT", _("Refunded, kept by the buyer")


class ReturnRequest(models.Model):
    order = models.ForeignKey("orders.Order", related_name="return_requests", on_delete=models.CASCADE)
    vendor_order = models.ForeignKey(
        "orders.VendorOrder", related_name="return_requests", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="return_requests",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    status = models.CharField(max_length=16, choices=ReturnStatus.choices, default=ReturnStatus.REQUESTED)
    reason = models.TextField()
    # The shop's answer (why it refused, or how to send the parcel back).
    note = models.TextField(blank=True, default="")
    restocked = models.BooleanField(default=False)  # the shop put the units back on sale
    granted_refund = models.OneToOneField(
        "orders.OrderGrantedRefund",
        related_name="return_request",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    fulfillment = models.OneToOneField(
        "orders.Fulfillment", related_name="return_request", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("return request")
        verbose_name_plural = _("return requests")
        ordering = ("-created_at", "-pk")


class ReturnLine(models.Model):
    return_request = models.ForeignKey(ReturnRequest, related_name="lines", on_delete=models.CASCADE)
    order_line = models.ForeignKey("orders.OrderLine", related_name="return_lines", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("return line")
        verbose_name_plural = _("return lines")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="return_line_quantity_positive"),
            models.UniqueConstraint(fields=["return_request", "order_line"], name="uniq_return_line"),
        ]


class ReturnPhoto(models.Model):
    """A photo of the damage, in private storage (read through short-lived signed links)."""

    return_request = models.ForeignKey(ReturnRequest, related_name="photos", on_delete=models.CASCADE)
    image = models.CharField(max_length=255)  # the private storage name
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("return photo")
        verbose_name_plural = _("return photos")
        ordering = ("sort_order", "pk")
