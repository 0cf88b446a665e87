"""PostgreSQL timestamps read by psycopg's C loader (issue 14).

Django's PostgreSQL backend registers its own loader for ``timestamptz`` on every connection:
a Python subclass of psycopg's pure-Python loader that parses each value with a regular
expression and then replaces its time zone with the connection's. A page of 20 products reads
about 80 timestamps, at about 10 µs each that way, about 2 µs with psycopg's compiled loader
(``psycopg[binary]``, installed here).

When the connection's time zone is UTC — Django's whenever ``USE_TZ`` is on and the database's
``TIME_ZONE`` is not set, as here — the compiled loader gives the same values: aware datetimes
in ``datetime.timezone.utc``, which Django sets as the session's time zone when it connects.
``UtcTimestamptzLoader`` is registered on each new connection in that case (by
``CoreConfig.ready`` through ``connection_created``); it carries the ``timezone`` attribute
Django's backend checks before each cursor, so Django keeps it. Anywhere else (another time
zone, SQLite, psycopg without its C implementation) nothing changes.
"""

import datetime
from typing import Any

from django.db.backends.signals import connection_created

try:
    import psycopg
    from psycopg.adapt import Loader
    from psycopg.pq import Format

    _OID = psycopg.adapters.types["timestamptz"].oid
    _COMPILED: Any = psycopg.adapters.get_loader(_OID, Format.TEXT)
    _AVAILABLE = psycopg.pq.__impl__ in ("c", "binary") and _COMPILED is not None
except ImportError:  # pragma: no cover - psycopg is a dependency; SQLite-only installs work too
    _AVAILABLE = False
    Loader = object  # type: ignore[assignment,misc]


class UtcTimestamptzLoader(Loader):
    """``timestamptz`` values read by psycopg's compiled loader, for a connection in UTC."""

    timezone = datetime.UTC  # what Django's backend compares with its connection's time zone

    def __init__(self, oid: int, context: Any = None) -> None:
        super().__init__(oid, context)
        self._load = _COMPILED(oid, context).load

    def load(self, data: Any) -> datetime.datetime:
        return self._load(data)  # type: ignore[no-any-return]


def use_compiled_loader(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On a new PostgreSQL connection whose time zone is UTC, read timestamps with psycopg's
    compiled loader."""
    if not _AVAILABLE or connection.vendor != "postgresql" or connection.timezone is not datetime.UTC:
        return
    if connection.connection.info.parameter_status("TimeZone") != "UTC":
        return
    connection.connection.adapters.register_loader(_OID, UtcTimestamptzLoader)


def install() -> None:
    connection_created.connect(use_compiled_loader, dispatch_uid="marketplace.core.timestamps")
