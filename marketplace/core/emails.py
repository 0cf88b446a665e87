"""Outgoing email. Messages are composed by the domain apps and sent by a Celery task
queued after the transaction commits, so a rolled-back write never sends mail.

Each kind of e-mail is a pair of translated templates in its app,
``<app>/emails/<kind>_subject.txt`` and ``<app>/emails/<kind>_body.txt`` (plain text,
``{% translate %}`` / ``{% blocktranslate %}``, the English source translated in the
catalogue), rendered in the reader's language: Vietnamese, or English for a reader whose
language is English (a user's ``language_code``, an order's ``language_code``).
"""

from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from marketplace.core.tasks import send_email

EMAIL_LANGUAGES = ("vi", "en")


def send_after_commit(*, to: str, subject: str, body: str) -> None:
    transaction.on_commit(lambda: send_email.delay(to=to, subject=subject, body=body))


def email_language(code: str | None) -> str:
    """``en`` for an English reader (``en``, ``EN``, ``en-GB``...), else ``vi``, the base language."""
    return "en" if (code or "").lower().startswith("en") else "vi"


def render_email(template: str, *, language: str | None, context: dict[str, Any]) -> tuple[str, str]:
    """The subject (one line) and the body of the e-mail ``template`` (``"orders/emails/
    confirmation"``) in the reader's language."""
    with translation.override(email_language(language)):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context).rstrip() + "\n"
    return subject, body


def send_templated_after_commit(
    *, to: str, template: str, language: str | None, context: dict[str, Any]
) -> None:
    """Render ``template`` for its reader now (in their language) and send it after commit."""
    subject, body = render_email(template, language=language, context=context)
    send_after_commit(to=to, subject=subject, body=body)
