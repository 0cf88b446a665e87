from celery import shared_task

from marketplace.accounts.actors import SYSTEM
from marketplace.notifications import services
from marketplace.notifications.senders import TransientSendError


@shared_task(bind=True, max_retries=6)
def deliver(self, delivery_id: int) -> str:  # type: ignore[no-untyped-def]
    """Send one recorded notification (e-mail, SMS or Zalo) once; a transient failure is
    retried with backoff (10 s, 20 s, 40 s ... at most 10 minutes), then recorded FAILED."""
    try:
        return services.deliver(actor=SYSTEM, delivery_id=delivery_id)
    except TransientSendError as exc:
        if self.request.retries >= self.max_retries:
            services.give_up(actor=SYSTEM, delivery_id=delivery_id)
            return "FAILED"
        raise self.retry(exc=exc, countdown=min(10 * 2**self.request.retries, 600)) from exc


@shared_task
def deliver_stalled() -> int:
    """Every 10 minutes (beat): queue again the deliveries whose task never ran."""
    ids = services.stalled(actor=SYSTEM)
    for delivery_id in ids:
        deliver.delay(delivery_id)
    return len(ids)
