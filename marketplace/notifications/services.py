"""Sending a recorded delivery, and a person's choice of channels.

``deliver`` locks the delivery's row for the time of the send: a second run of the task
(a retry, a message redelivered after a worker died) waits, then finds it SENT and does
nothing. A send that failed for good is FAILED; a transient failure leaves it PENDING with
the attempt counted, for the task to retry with backoff. (If a worker dies after the
provider accepted a message but before the commit, the message is sent again when the task
is redelivered: at least once in that window; Zalo receives the same ``tracking_id``.)
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, require_system, require_user
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.phones import InvalidPhone, normalize_phone
from marketplace.core.emails import render_email
from marketplace.core.errors import field_error
from marketplace.notifications.events import EVENTS
from marketplace.notifications.models import Delivery, DeliveryStatus, NotificationSettings
from marketplace.notifications.senders import SENDERS, Message, PermanentSendError, TransientSendError


def _message(delivery: Delivery) -> Message:
    event = EVENTS[delivery.event]
    subject, body = render_email(event.template, language=delivery.language, context=delivery.context)
    link = delivery.context.get("link") or ""
    params = {
        key: str(value) for key, value in delivery.context.items() if not isinstance(value, dict | list)
    }
    return Message(
        subject=subject,
        body=body,
        short_text=f"{subject} {link}".strip(),
        template_id=str(settings.ZALO_ZNS_TEMPLATES.get(delivery.event, "")),
        params=params,
    )


def deliver(*, actor: Actor, delivery_id: int) -> str:
    """Send one delivery once: its status afterwards (``TransientSendError`` propagates
    after the attempt is recorded, for the task to retry)."""
    require_system(actor)
    transient: TransientSendError | None = None
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None:
            return "MISSING"
        if delivery.status != DeliveryStatus.PENDING:
            return str(delivery.status)
        delivery.attempts += 1
        try:
            message_id = SENDERS[delivery.channel].send(
                address=delivery.address, message=_message(delivery), reference=f"lnm-{delivery.pk}"
            )
        except TransientSendError as exc:
            transient, delivery.last_error = exc, str(exc)[:500]
        except PermanentSendError as exc:
            delivery.status, delivery.last_error = DeliveryStatus.FAILED, str(exc)[:500]
        else:
            delivery.status, delivery.sent_at = DeliveryStatus.SENT, timezone.now()
            delivery.provider_message_id = message_id[:128]
        delivery.save(update_fields=["status", "attempts", "last_error", "sent_at", "provider_message_id"])
    if transient is not None:
        raise transient
    return str(delivery.status)


def stalled(*, actor: Actor, now: datetime | None = None) -> list[int]:
    """Deliveries still PENDING 15 minutes to 2 days after they were recorded: their task
    was never queued (the broker was down at the commit) or was lost. Sending them again is
    safe (``deliver`` sends a delivery once)."""
    require_system(actor)
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING,
            created_at__lt=now - timedelta(minutes=15),
            created_at__gt=now - timedelta(days=2),
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )


def give_up(*, actor: Actor, delivery_id: int) -> None:
    """The task's retries are exhausted: the delivery is FAILED."""
    require_system(actor)
    Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.FAILED
    )


def settings_of(user: Any) -> NotificationSettings:
    """A person's channels (the defaults, unsaved, when they never chose)."""
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


def notification_settings_update(
    *,
    actor: Actor,
    email: bool | None = None,
    sms: bool | None = None,
    zalo: bool | None = None,
    phone: str | None = None,
) -> NotificationSettings:
    """The signed-in person chooses their channels; SMS and Zalo need a phone number."""
    user = require_user(actor)
    with transaction.atomic():
        row, _created = NotificationSettings.objects.select_for_update().get_or_create(user=user)
        if phone is not None:
            try:
                row.phone = normalize_phone(phone) if phone.strip() else ""
            except InvalidPhone as exc:
                raise exc.as_field_error("phone", AccountErrorCode.INVALID_PHONE) from None
        for name, value in (("email", email), ("sms", sms), ("zalo", zalo)):
            if value is not None:
                setattr(row, name, bool(value))
        if (row.sms or row.zalo) and not row.phone:
            raise field_error(
                "phone", AccountErrorCode.REQUIRED, _("Give a phone number for SMS and Zalo messages.")
            )
        row.save()
    return row
