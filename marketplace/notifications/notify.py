"""``notify(event, recipient, object_key=..., context=...)``: the one entry point.

Called inside a service's transaction. For each channel the recipient has chosen (and the
marketplace has configured) it records one ``Delivery`` — unique per (event, object,
recipient, channel): the same event about the same object reaches a person once per
channel however often it is raised — and queues the ``deliver`` task after the commit. A
rolled-back write queues nothing. ``context`` holds JSON values only (it is stored with
the delivery and rendered in the recipient's language when it is sent).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from celery.exceptions import Retry
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.notifications.events import EVENTS
from marketplace.notifications.models import Channel, Delivery, NotificationSettings
from marketplace.notifications.tasks import deliver

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    key: str  # "user:12" or "email:lan@example.vn"
    email: str
    language: str
    user: User | None = None

    @classmethod
    def for_user(cls, user: User, *, language: str | None = None, email: str | None = None) -> "Recipient":
        return cls(f"user:{user.pk}", email or user.email, language or user.language_code, user)

    @classmethod
    def for_address(cls, email: str, *, language: str) -> "Recipient":
        return cls(f"email:{email.strip().lower()}", email.strip(), language)


def _addresses(recipient: Recipient, event: str) -> list[tuple[str, str]]:
    """(channel, address) for each channel this recipient is told through."""
    chosen = (
        NotificationSettings.objects.filter(user=recipient.user).first()
        if recipient.user is not None
        else None
    )
    result: list[tuple[str, str]] = []
    if recipient.email and (chosen is None or chosen.email):
        result.append((Channel.EMAIL, recipient.email))
    if chosen is not None and chosen.phone:
        if chosen.sms and settings.SMS_API_URL:
            result.append((Channel.SMS, chosen.phone))
        if chosen.zalo and settings.ZALO_ZNS_API_URL and settings.ZALO_ZNS_TEMPLATES.get(event):
            result.append((Channel.ZALO, chosen.phone))
    return result


def _queue(delivery_id: int) -> None:
    try:
        deliver.delay(delivery_id)
    except Retry:  # in-process tasks (the demo, tests): a provider that failed now stays PENDING
        logger.warning("Notification %s not sent yet: its provider failed", delivery_id)


def notify(event: str, recipient: Recipient, *, object_key: str, context: dict[str, Any]) -> list[Delivery]:
    """Record and queue ``event`` about ``object_key`` for ``recipient``: the new deliveries."""
    if event not in EVENTS:
        raise ValueError(f"Unknown notification event: {event}")
    created_rows = []
    for channel, address in _addresses(recipient, event):
        delivery, created = Delivery.objects.get_or_create(  # its INSERT runs in a savepoint
            event=event,
            object_key=object_key,
            recipient_key=recipient.key,
            channel=channel,
            defaults={"address": address, "language": recipient.language or "vi", "context": context},
        )
        if created:
            created_rows.append(delivery)
            transaction.on_commit(partial(_queue, delivery.pk))
    return created_rows


def notify_many(
    event: str, users: Iterable[User], *, object_key: str, context: dict[str, Any]
) -> list[Delivery]:
    rows: list[Delivery] = []
    for user in users:
        rows += notify(event, Recipient.for_user(user), object_key=object_key, context=context)
    return rows


def notify_vendor_members(
    event: str, *, vendor_id: int, object_key: str, context: dict[str, Any], owners_only: bool = False
) -> list[Delivery]:
    """Every active member of the shop (its OWNERs only with ``owners_only``), each in their language."""
    users = User.objects.filter(vendor_memberships__vendor_id=vendor_id, is_active=True)
    if owners_only:
        users = users.filter(vendor_memberships__role="OWNER")
    return notify_many(event, users.distinct().order_by("pk"), object_key=object_key, context=context)


def notify_holders(
    event: str, *, permission: PermissionEnum, object_key: str, context: dict[str, Any]
) -> list[Delivery]:
    """Every active staff member holding ``permission`` through a group (curators hold
    MANAGE_SHOWCASE, OCOP reviewers MANAGE_OCOP, shop approvers MANAGE_VENDORS)."""
    users = User.objects.filter(
        Q(
            groups__permissions__content_type__app_label="accounts",
            groups__permissions__codename=permission.codename,
        ),
        is_active=True,
        is_staff=True,
    )
    return notify_many(event, users.distinct().order_by("pk"), object_key=object_key, context=context)
