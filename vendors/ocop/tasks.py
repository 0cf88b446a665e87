from celery import shared_task
from django.db import OperationalError

from marketplace.accounts.actors import SYSTEM
from vendors.ocop.services import certificates_expire_and_remind


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def ocop_daily() -> dict[str, int]:
    """Daily (Celery beat, 06:00 Asia/Ho_Chi_Minh): record expired OCOP certificates and
    send the 30-day expiry reminders. Idempotent; the badge never waits for it."""
    return certificates_expire_and_remind(actor=SYSTEM)
