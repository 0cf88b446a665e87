"""The channels' senders, behind one interface: ``send(address=, message=, reference=)``
returns the provider's message id, or raises ``TransientSendError`` (try again later: a
timeout, a refused connection, a 5xx) or ``PermanentSendError`` (the provider refused this
message: never retried).

- e-mail: Django's mail (``EMAIL_*`` settings);
- SMS: a SpeedSMS-style HTTP API (``SMS_API_URL``): ``POST`` JSON ``{"to": [phone],
  "content", "sms_type", "sender"}`` with HTTP basic auth ``SMS_API_TOKEN:x``; success is
  ``{"status": "success", "data": {"tranId": ...}}``;
- Zalo ZNS (Zalo Notification Service, ``ZALO_ZNS_API_URL``): ``POST`` JSON ``{"phone":
  "84…", "template_id", "template_data", "tracking_id"}`` with the ``access_token``
  header; success is ``{"error": 0, "data": {"msg_id": ...}}``. ``tracking_id`` is our
  delivery's id, so Zalo can tell a repeated request.
"""

from dataclasses import dataclass, field
from typing import Any, Protocol

import requests
from django.conf import settings
from django.core.mail import send_mail


class TransientSendError(Exception):
    pass


class PermanentSendError(Exception):
    pass


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    short_text: str  # one line for SMS
    template_id: str = ""  # Zalo ZNS
    params: dict[str, str] = field(default_factory=dict)


class Sender(Protocol):
    def send(self, *, address: str, message: Message, reference: str) -> str: ...


class EmailSender:
    def send(self, *, address: str, message: Message, reference: str) -> str:
        try:
            send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [address])
        except OSError as exc:  # the mail server is unreachable
            raise TransientSendError(str(exc)) from exc
        return ""


def _post_json(url: str, *, payload: dict[str, Any], **options: Any) -> dict[str, Any]:
    try:
        response = requests.post(
            url, json=payload, timeout=settings.NOTIFICATION_HTTP_TIMEOUT_SECONDS, **options
        )
    except requests.RequestException as exc:  # timeout, refused, reset
        raise TransientSendError(f"{type(exc).__name__}: {exc}") from exc
    if response.status_code >= 500 or response.status_code == 429:
        raise TransientSendError(f"HTTP {response.status_code}")
    if response.status_code >= 400:
        raise PermanentSendError(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        body = response.json()
    except ValueError as exc:
        raise PermanentSendError(f"Not JSON: {response.text[:200]}") from exc
    if not isinstance(body, dict):
        raise PermanentSendError(f"Unexpected answer: {response.text[:200]}")
    return body


def provider_phone(phone: str) -> str:
    """``+84912345678`` -> ``84912345678`` (what SpeedSMS and Zalo take)."""
    return phone.lstrip("+")


class SmsSender:
    def send(self, *, address: str, message: Message, reference: str) -> str:
        body = _post_json(
            settings.SMS_API_URL,
            payload={
                "to": [provider_phone(address)],
                "content": message.short_text,
                "sms_type": settings.SMS_TYPE,
                "sender": settings.SMS_SENDER,
            },
            auth=(settings.SMS_API_TOKEN, "x"),
        )
        if body.get("status") != "success":
            raise PermanentSendError(f"SMS refused: {body.get('code')} {body.get('message')}")
        data = body.get("data") or {}
        return str(data.get("tranId", "")) if isinstance(data, dict) else ""


class ZaloZnsSender:
    def send(self, *, address: str, message: Message, reference: str) -> str:
        body = _post_json(
            settings.ZALO_ZNS_API_URL,
            payload={
                "phone": provider_phone(address),
                "template_id": message.template_id,
                "template_data": message.params,
                "tracking_id": reference,
            },
            headers={"access_token": settings.ZALO_ZNS_ACCESS_TOKEN},
        )
        if body.get("error") != 0:
            raise PermanentSendError(f"Zalo refused: {body.get('error')} {body.get('message')}")
        data = body.get("data") or {}
        return str(data.get("msg_id", "")) if isinstance(data, dict) else ""


SENDERS: dict[str, Sender] = {"EMAIL": EmailSender(), "SMS": SmsSender(), "ZALO": ZaloZnsSender()}
