"""Sign-in throttling per IP address and per account, in the shared cache (Redis), atomic.
Requests of a trusted storefront server (``STOREFRONT_SERVER_IPS``) are counted per
account only: one address is many buyers there.

After ``LOGIN_FAILURES_ALLOWED`` failures from an IP or for an account, each further
attempt must wait 2, 4, 8... seconds after the last failure (up to
``LOGIN_MAX_DELAY_SECONDS``). A success clears the account's counter, not the IP's.

Every attempt is counted *before* its password is checked (Redis ``INCR``: parallel
attempts get distinct numbers), as Saleor blocks before the attempt. The first attempts up
to the allowance go ahead; any later one needs the one *permit* the last failure left
(its value: the moment it may be used), taken with an atomic delete, so of forty parallel
wrong passwords exactly ``LOGIN_FAILURES_ALLOWED`` are checked and, after each delay, one
more. A refused attempt is not counted (its increment is taken back).
"""

import math
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import TranslatableError
from marketplace.core.rate_limits import digest


class LoginDelayed(TranslatableError):
    def __init__(self, wait: int) -> None:
        super().__init__(_("Too many failed sign-in attempts; try again in %(wait)s seconds."), wait=wait)
        self.wait = wait


# A permit: when the next attempt may start, and how many failures led to it (the next
# failure's delay follows from that count, not from the attempts racing at that moment).
Permit = tuple[float, int]


@dataclass
class Attempt:
    ip_subject: str | None  # None: not counted per IP (a trusted storefront server's request)
    account_subject: str
    counts: dict[str, int] = field(default_factory=dict)
    permits: dict[str, Permit] = field(default_factory=dict)  # the permits this attempt took

    @property
    def subjects(self) -> tuple[str, ...]:
        return tuple(s for s in (self.ip_subject, self.account_subject) if s is not None)


def _subjects(ip: str | None, email: str) -> tuple[str | None, str]:
    return (f"ip:{digest(ip)}" if ip else None), f"account:{digest(email.strip().lower())}"


def _failures_key(subject: str) -> str:
    return f"login:fail:{subject}"


def _permit_key(subject: str) -> str:
    return f"login:permit:{subject}"


def _ttl() -> int:
    return settings.LOGIN_MAX_DELAY_SECONDS * 2  # type: ignore[no-any-return]


def _delay(failures: int) -> int:
    over = failures - settings.LOGIN_FAILURES_ALLOWED
    return 0 if over < 0 else min(2 ** (over + 1), settings.LOGIN_MAX_DELAY_SECONDS)


def _wait_for(permit: Permit | None, now: float) -> int:
    """Seconds until a permit may be used; 1 when none exists yet (an attempt is in flight)."""
    return 1 if permit is None else max(math.ceil(permit[0] - now), 0)


def _permit(subject: str) -> Permit | None:
    value = cache.get(_permit_key(subject))
    return (float(value[0]), int(value[1])) if isinstance(value, list | tuple) and len(value) == 2 else None


def seconds_to_wait(*, ip: str | None, email: str) -> int:
    """0 when an attempt may be made now, else how long the caller must still wait."""
    now = time.time()
    wait = 0
    for subject in Attempt(*_subjects(ip, email)).subjects:
        if int(cache.get(_failures_key(subject)) or 0) >= settings.LOGIN_FAILURES_ALLOWED:
            wait = max(wait, _wait_for(_permit(subject), now))
    return wait


def _count(subject: str) -> int:
    key = _failures_key(subject)
    for _ignored in range(2):
        cache.add(key, 0, timeout=_ttl())
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr
            continue
    return 1  # pragma: no cover


def _uncount(subject: str) -> None:
    try:
        cache.decr(_failures_key(subject))
    except ValueError:  # already expired or cleared
        pass


def _take_permit(subject: str, now: float) -> tuple[Permit | None, int]:
    """Take the subject's permit if it may be used now: ``(the permit, 0)``, else
    ``(None, seconds to wait)``."""
    permit = _permit(subject)
    if permit is None or permit[0] > now:
        return None, max(_wait_for(permit, now), 1)
    if not cache.delete(_permit_key(subject)):  # another attempt took it first
        return None, 1
    return permit, 0


def _put_back(subject: str, permit: Permit) -> None:
    cache.set(_permit_key(subject), permit, timeout=_ttl())


def begin(*, ip: str | None, email: str) -> Attempt:
    """Count an attempt before its password is checked; LoginDelayed (nothing counted)
    when it must wait. End it with ``failed``, ``succeeded`` or ``abandon``. ``ip`` None:
    counted per account only (a trusted storefront server speaks for many buyers).

    The IP is counted first and the account only by attempts the IP let through, so the
    attempts of one client are admitted in one order on both counters."""
    attempt = Attempt(*_subjects(ip, email))
    now = time.time()
    for subject in attempt.subjects:
        count = _count(subject)
        attempt.counts[subject] = count
        if count <= settings.LOGIN_FAILURES_ALLOWED:
            continue
        permit, wait = _take_permit(subject, now)
        if permit is None:
            abandon(attempt)
            raise LoginDelayed(wait)
        attempt.permits[subject] = permit
    return attempt


def abandon(attempt: Attempt) -> None:
    """The attempt did not happen (refused, or failed for another reason): take back its
    count and its permits."""
    for subject in attempt.counts:
        _uncount(subject)
    for subject, value in attempt.permits.items():
        _put_back(subject, value)


def failed(attempt: Attempt) -> None:
    """A wrong password: the counts stay; from the allowance on, the next attempt gets a
    permit usable after the delay."""
    now = time.time()
    for subject, count in attempt.counts.items():
        cache.touch(_failures_key(subject), _ttl())
        taken = attempt.permits.get(subject)
        failures = taken[1] + 1 if taken else count
        if failures >= settings.LOGIN_FAILURES_ALLOWED:
            _put_back(subject, (now + _delay(failures), failures))


def succeeded(attempt: Attempt) -> None:
    """The right password: the account's counter is cleared; the IP's keeps its failures
    (this attempt was not one) and its permit, usable at once."""
    cache.delete_many([_failures_key(attempt.account_subject), _permit_key(attempt.account_subject)])
    if attempt.ip_subject is None:
        return
    _uncount(attempt.ip_subject)
    taken = attempt.permits.get(attempt.ip_subject)
    if taken is not None:
        _put_back(attempt.ip_subject, (time.time(), taken[1]))
