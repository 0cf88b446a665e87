from celery import shared_task

from marketplace.checkout import services


@shared_task
def delete_expired_reservations() -> int:
    """Housekeeping only: expired reservations already hold nothing."""
    return services.delete_expired_reservations()
