"""The buyer's orders. Only what accounts need is here so far (``me.orders``); checkout,
order lines and the per-artisan VendorOrder arrive with the checkout issue."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS


class OrderStatus(models.TextChoices):
    UNCONFIRMED = "UNCONFIRMED"
    UNFULFILLED = "UNFULFILLED"
    PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED"
    FULFILLED = "FULFILLED"
    CANCELED = "CANCELED"


class Order(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.PositiveIntegerField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="orders", null=True, blank=True, on_delete=models.SET_NULL
    )
    user_email = models.EmailField(blank=True, default="")
    channel = models.ForeignKey("channels.Channel", related_name="orders", on_delete=models.PROTECT)
    status = models.CharField(max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED)
    currency = models.CharField(max_length=3)
    total_gross_amount = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-number",)
        constraints = [
            models.CheckConstraint(condition=Q(total_gross_amount__gte=0), name="order_total_not_negative"),
        ]
