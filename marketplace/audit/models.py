"""The audit log: one append-only row per curator or staff decision, written by the
decision's service inside its own transaction (``marketplace.audit.services.record``).

What the row says is copied at the time (the actor's e-mail, the subject's label), so it
still reads right after the account or the object is renamed or deleted."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VENDOR_APPROVE = "vendor.approve", _("Shop approved")
    VENDOR_REINSTATE = "vendor.reinstate", _("Shop reinstated")
    VENDOR_REJECT = "vendor.reject", _("Shop application rejected")
    VENDOR_SUSPEND = "vendor.suspend", _("Shop suspended")
    VENDOR_COMMISSION_RATE = "vendor.commission_rate", _("Commission rate changed")
    SUBMISSION_APPROVE = "submission.approve", _("Showcase submission approved")
    SUBMISSION_REJECT = "submission.reject", _("Showcase submission rejected")
    OCOP_VERIFY = "ocop.verify", _("OCOP certificate verified")
    OCOP_REJECT = "ocop.reject", _("OCOP certificate rejected")
    OCOP_REVOKE = "ocop.revoke", _("OCOP certificate revoked")
    COLLECTION_CREATE = "collection.create", _("Featured collection created")
    COLLECTION_UPDATE = "collection.update", _("Featured collection changed")
    COLLECTION_PUBLISH = "collection.publish", _("Featured collection publication changed")
    COLLECTION_DELETE = "collection.delete", _("Featured collection deleted")
    CATEGORY_CREATE = "category.create", _("Category created")
    CATEGORY_UPDATE = "category.update", _("Category changed")
    PRODUCT_TYPE_CREATE = "product_type.create", _("Product type created")
    PRODUCT_TYPE_UPDATE = "product_type.update", _("Product type changed")
    PRODUCT_TYPE_DELETE = "product_type.delete", _("Product type deleted")
    ATTRIBUTE_CREATE = "attribute.create", _("Attribute created")
    ATTRIBUTE_UPDATE = "attribute.update", _("Attribute changed")
    ATTRIBUTE_VALUE_UPDATE = "attribute_value.update", _("Attribute value renamed")
    ATTRIBUTE_VALUE_DELETE = "attribute_value.delete", _("Attribute value removed")
    SHIPPING_ZONE_CREATE = "shipping_zone.create", _("Shipping zone created")
    SHIPPING_ZONE_UPDATE = "shipping_zone.update", _("Shipping zone changed")
    SHIPPING_ZONE_DELETE = "shipping_zone.delete", _("Shipping zone deleted")
    SHIPPING_METHOD_CREATE = "shipping_method.create", _("Shipping method created")
    SHIPPING_METHOD_UPDATE = "shipping_method.update", _("Shipping method changed")
    SHIPPING_METHOD_DELETE = "shipping_method.delete", _("Shipping method deleted")
    ROUTE_CREATE = "route.create", _("Tourism route created")
    ROUTE_UPDATE = "route.update", _("Tourism route changed")
    PERMISSION_GROUP_CREATE = "permission_group.create", _("Permission group created")
    PERMISSION_GROUP_UPDATE = "permission_group.update", _("Permission group changed")
    STAFF_CREATE = "staff.create", _("Staff account created")
    REFUND_GRANT = "refund.grant", _("Refund granted")
    REFUND_UPDATE = "refund.update", _("Granted refund changed")
    REFUND_RETRY = "refund.retry", _("Refund retried")
    REVIEW_HIDE = "review.hide", _("Review hidden")


class ActorKind(models.TextChoices):
    USER = "user", _("Person")
    APP = "app", _("App")
    SYSTEM = "system", _("Marketplace")
    ANONYMOUS = "anonymous", _("Anonymous")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_kind = models.CharField(_("actor kind"), max_length=16, choices=ActorKind.choices)
    actor_email = models.CharField(_("actor e-mail"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject_label = models.CharField(_("subject"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "-created_at"], name="audit_subject_idx"),
            models.Index(fields=["-created_at"], name="audit_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.subject_label}"
