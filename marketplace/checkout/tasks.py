from celery import shared_task

from marketplace.accounts.actors import SYSTEM
from marketplace.checkout import services


@shared_task
def delete_expired_reservations() -> int:
    """Housekeeping only: expired reservations already hold nothing."""
    return services.delete_expired_reservations(actor=SYSTEM)


@shared_task
def delete_abandoned_checkouts() -> int:
    """Carts nobody touched for long (see the service for the delays)."""
    return services.delete_abandoned_checkouts(actor=SYSTEM)
