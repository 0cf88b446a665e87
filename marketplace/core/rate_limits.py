"""Rate limits: fixed-window counters in the shared cache (Redis in production and tests).

``hit`` counts one event atomically across every process — ``cache.add`` (Redis ``SET NX``
with an expiry) creates the window's counter, ``cache.incr`` (Redis ``INCR``) counts — so
forty parallel requests get forty distinct counts and a limit of five lets exactly five
through. Windows are aligned on multiples of their length; a counter expires with its
window. Names are hashed before they become keys: no e-mail address or IP sits in Redis.
"""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Hit:
    count: int  # events in the current window, this one included
    retry_after: int  # seconds until the window ends


def digest(value: str) -> str:
    """A stable, non-reversible short name for an e-mail address, an IP, a key..."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _key(scope: str, subject: str, window: int, index: int) -> str:
    return f"rate:{scope}:{digest(subject)}:{window}:{index}"


def _window(window: int, now: float | None) -> tuple[int, float]:
    if window < 1:
        raise ValueError("A window lasts at least one second.")
    moment = time.time() if now is None else now
    return int(moment // window), moment


def hit(scope: str, subject: str, *, window: int, now: float | None = None) -> Hit:
    """Count one event of ``subject`` (an IP, an address...) in ``scope`` for the current
    window of ``window`` seconds; the count includes this event."""
    index, moment = _window(window, now)
    key = _key(scope, subject, window, index)
    for _ in range(2):
        cache.add(key, 0, timeout=2 * window + 1)  # the next window may still summarise it
        try:
            count = int(cache.incr(key))
            break
        except ValueError:  # the counter expired between add and incr: start it again
            continue
    else:  # pragma: no cover - two expiries in a row cannot happen within one window
        count = 1
    return Hit(count=count, retry_after=max(1, int((index + 1) * window - moment + 0.999)))


def allow(scope: str, subject: str, *, limit: int, window: int, now: float | None = None) -> Hit | None:
    """Count the event; None when it is within ``limit`` for the window, else the Hit
    (whose ``retry_after`` says when the next window opens)."""
    counted = hit(scope, subject, window=window, now=now)
    return None if counted.count <= limit else counted


def previous_count(scope: str, subject: str, *, window: int, now: float | None = None) -> int:
    """How many events the window before the current one counted (for summaries)."""
    index, _ = _window(window, now)
    return int(cache.get(_key(scope, subject, window, index - 1)) or 0)
