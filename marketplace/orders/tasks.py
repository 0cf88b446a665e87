from celery import shared_task

from marketplace.accounts.actors import SYSTEM
from marketplace.orders import services


@shared_task
def expire_unpaid_orders() -> int:
    """Unpaid VNPay orders past their payment window expire and release their stock."""
    return services.expire_unpaid_orders(actor=SYSTEM)
