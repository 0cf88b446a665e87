"""Reading the e-mails the API wrote with Django's file-based backend
(``EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend``, ``EMAIL_FILE_PATH``):
one ``.log`` file per connection, each message followed by a line of 79 dashes."""

import email
import email.policy
import re
from dataclasses import dataclass
from pathlib import Path

SEPARATOR = "-" * 79
_URL = re.compile(r"https?://[^\s<>\"')]+")


@dataclass(frozen=True)
class Mail:
    to: tuple[str, ...]
    subject: str
    text: str  # the text/plain body (or the HTML one when there is no plain part)
    path: Path


def read_mails(directory: Path) -> list[Mail]:
    """Every message in ``directory``, oldest file first."""
    if not directory.is_dir():
        return []
    mails: list[Mail] = []
    for path in sorted(directory.glob("*.log"), key=lambda p: (p.stat().st_mtime, p.name)):
        for chunk in path.read_bytes().split(f"\n{SEPARATOR}\n".encode()):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.lstrip(b"\n"), policy=email.policy.default)
            recipients = tuple(
                address.strip().lower()
                for address in str(message.get("To", "")).split(",")
                if address.strip()
            )
            body = message.get_body(preferencelist=("plain", "html"))
            text = body.get_content() if body is not None else ""
            mails.append(Mail(recipients, str(message.get("Subject", "")), text, path))
    return mails


def links_to(mails: list[Mail], *, recipient: str, base_url: str) -> list[str]:
    """The links starting with ``base_url`` in the messages to ``recipient``, newest message
    first (a link's ``&amp;`` from an HTML body is read as ``&``)."""
    recipient = recipient.lower()
    found: list[str] = []
    for mail in reversed(mails):
        if not any(recipient in to for to in mail.to):
            continue
        for url in _URL.findall(mail.text):
            url = url.replace("&amp;", "&").rstrip(".,;")
            if url.startswith(base_url) and url not in found:
                found.append(url)
    return found
