"""Once-only form submissions: every back-office form carries a random token; the first
POST with it claims it (an atomic ``cache.add`` in Redis), and when it succeeds the token
remembers where it led. A second POST of the same form — the phone resent it after a
timeout, or the person tapped again — does not run the service again: it is sent where the
first one led (or told that the first is still being saved). A refused submission releases
its token, so the corrected form can be sent again."""

import re
import secrets
from dataclasses import dataclass

from django.core.cache import cache

FIELD = "form_token"
TTL_SECONDS = 24 * 3600
PENDING = "pending"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_token() -> str:
    return secrets.token_urlsafe(18)


@dataclass
class Claim:
    key: str | None  # None: no usable token came with the form (nothing to remember)
    done_url: str | None = None  # the first submission succeeded and led here
    in_progress: bool = False  # the first submission is still running

    @property
    def fresh(self) -> bool:
        return self.done_url is None and not self.in_progress


def claim(*, user_id: int, token: str | None) -> Claim:
    if not token or not _TOKEN.match(token):
        return Claim(key=None)
    key = f"backoffice:form:{user_id}:{token}"
    if cache.add(key, PENDING, timeout=TTL_SECONDS):
        return Claim(key=key)
    value = cache.get(key)
    if isinstance(value, str) and value.startswith("/"):
        return Claim(key=None, done_url=value)
    return Claim(key=None, in_progress=True)


def release(found: Claim) -> None:
    if found.key:
        cache.delete(found.key)


def complete(found: Claim, url: str) -> None:
    if found.key:
        cache.set(found.key, url, timeout=TTL_SECONDS)
