"""Celery entry points of the catalogue: primitives in, idempotent, one service call each."""

from celery import shared_task

from marketplace.accounts.actors import SYSTEM
from marketplace.catalog.services import media


@shared_task
def delete_unconfirmed_uploads() -> int:
    """Files of direct uploads whose grant expired without a confirmation (beat, every 15 minutes)."""
    return media.delete_unconfirmed_uploads(actor=SYSTEM)
