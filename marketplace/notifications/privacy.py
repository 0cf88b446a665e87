"""A deleted account leaves no trace in the notifications: its deliveries (addresses,
phone numbers and what they said) go; its channel settings go with the user row."""

from marketplace.accounts.models import User
from marketplace.notifications.models import Delivery


def forget_recipient(*, user: User) -> int:
    """Delete every delivery addressed to ``user`` (as an account or at its e-mail address)."""
    deleted, _rows = Delivery.objects.filter(
        recipient_key__in=[f"user:{user.pk}", f"email:{user.email.strip().lower()}"]
    ).delete()
    return deleted
