"""Outgoing email. Messages are composed by the domain apps and sent by a Celery task
queued after the transaction commits, so a rolled-back write never sends mail."""

from django.db import transaction

from marketplace.core.tasks import send_email


def send_after_commit(*, to: str, subject: str, body: str) -> None:
    transaction.on_commit(lambda: send_email.delay(to=to, subject=subject, body=body))
