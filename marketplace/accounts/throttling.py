"""Sign-in throttling per IP address and per account, in the shared cache (Redis).

After ``LOGIN_FAILURES_ALLOWED`` failures, each further attempt from that IP or for that
account must wait 2, 4, 8... seconds after the last failure (up to
``LOGIN_MAX_DELAY_SECONDS``). A success clears the account's counter, not the IP's.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _keys(ip: str, email: str) -> list[str]:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:ip:{ip}", f"login-fail:account:{digest}"]


def _delay(failures: int) -> int:
    over = failures - settings.LOGIN_FAILURES_ALLOWED
    return 0 if over < 0 else min(2 ** (over + 1), settings.LOGIN_MAX_DELAY_SECONDS)


def seconds_to_wait(*, ip: str, email: str) -> int:
    """0 when an attempt may be made now, else how long the caller must still wait."""
    now = time.time()
    wait = 0
    for key in _keys(ip, email):
        state = cache.get(key)
        if state:
            failures, last = state
            wait = max(wait, int(last + _delay(failures) - now + 0.999))
    return max(wait, 0)


def record_failure(*, ip: str, email: str) -> None:
    now = time.time()
    for key in _keys(ip, email):
        failures, _ = cache.get(key) or (0, now)
        cache.set(key, (failures + 1, now), timeout=settings.LOGIN_MAX_DELAY_SECONDS * 2)


def record_success(*, ip: str, email: str) -> None:
    cache.delete(_keys(ip, email)[1])
