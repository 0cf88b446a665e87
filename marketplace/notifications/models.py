"""What people are told, and how: each person's channels, and one delivery record per
(event, object, recipient, channel), unique, so a notification is queued once however
often the service that raised it runs, and sent once however often its task is retried."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "EMAIL", _("E-mail")
    SMS = "SMS", _("SMS")
    ZALO = "ZALO", _("Zalo")


class DeliveryStatus(models.TextChoices):
    PENDING = "PENDING", _("Pending")
    SENT = "SENT", _("Sent")
    FAILED = "FAILED", _("Failed")


class NotificationSettings(models.Model):
    """A person's channels. Without a row: e-mail only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, related_name="notification_settings", on_delete=models.CASCADE
    )
    email = models.BooleanField(default=True)
    sms = models.BooleanField(default=False)
    zalo = models.BooleanField(default=False)
    phone = models.CharField(max_length=20, blank=True, default="")  # E.164, for SMS and Zalo
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")


class Delivery(models.Model):
    event = models.CharField(max_length=64)
    object_key = models.CharField(max_length=128)  # "order:<uuid>", "review:12", "fulfillment:3"...
    recipient_key = models.CharField(max_length=320)  # "user:12" or "email:lan@example.vn"
    channel = models.CharField(max_length=8, choices=Channel.choices)
    address = models.CharField(max_length=254)  # the e-mail address or phone number used
    language = models.CharField(max_length=10, default="vi")
    context = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True, default="")
    provider_message_id = models.CharField(max_length=128, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification delivery")
        verbose_name_plural = _("notification deliveries")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["event", "object_key", "recipient_key", "channel"], name="uniq_notification_delivery"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="delivery_status_created")]
