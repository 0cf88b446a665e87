"""Reading the audit log (the staff console's page and the admin)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from marketplace.audit.models import AuditAction, AuditEvent

# The kinds of subject a decision is recorded on, as "app_label.model" (the page's filter).
SUBJECT_TYPES: tuple[str, ...] = (
    "shops.vendor",
    "curation.showcasesubmission",
    "ocop.ocopcertificate",
    "catalog.collection",
    "catalog.category",
    "catalog.producttype",
    "catalog.attribute",
    "catalog.attributevalue",
    "shipping.shippingzone",
    "shipping.shippingmethod",
    "routes.tourismroute",
    "auth.group",
    "accounts.user",
    "orders.ordergrantedrefund",
    "reviews.review",
)


def subject_content_type(key: str) -> ContentType | None:
    """The content type of a ``SUBJECT_TYPES`` key; ``None`` for anything else."""
    if key not in SUBJECT_TYPES:
        return None
    app_label, model = key.split(".", 1)
    try:
        return ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None


def audit_events(
    *,
    action: AuditAction | None = None,
    subject_type: ContentType | None = None,
    subject_id: int | None = None,
) -> QuerySet[AuditEvent]:
    """Newest first, with the actor and the subject's type joined (one query per page)."""
    qs = AuditEvent.objects.select_related("actor", "subject_type").order_by("-created_at", "-pk")
    if action is not None:
        qs = qs.filter(action=action)
    if subject_type is not None:
        qs = qs.filter(subject_type=subject_type)
    if subject_id is not None:
        qs = qs.filter(subject_id=subject_id)
    return qs


def events_for(subject_type: ContentType, subject_id: int) -> QuerySet[AuditEvent]:
    return audit_events(subject_type=subject_type, subject_id=subject_id)
