from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text email (retried with backoff when the mail server is unreachable)."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
