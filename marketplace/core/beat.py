"""Celery beat with the schedule in the database (django-celery-beat) and one leader.

``django-celery-beat``'s ``DatabaseScheduler`` keeps the periodic tasks and their last run
in PostgreSQL, but two beat processes using it would both send every task. This scheduler
sends only while it holds a PostgreSQL advisory lock, taken on a connection of its own:
run two beats (or move beat to another host) and one leads while the other waits; when the
leader dies its connection closes, the lock is released and the other takes over within
``STANDBY_RETRY_SECONDS``. Each run is written to the database before its task is sent, so
the new leader resumes exactly where the old one stopped (a leader killed between the two
skips that one run; it never sends it twice). The periodic tasks are idempotent besides.
"""

import logging
from typing import Any

from django.db import connections
from django_celery_beat.schedulers import DatabaseScheduler

logger = logging.getLogger(__name__)

# pg_try_advisory_lock's key: any number no other part of the project uses ("LNBEAT").
LOCK_KEY = 0x4C4E42454154
STANDBY_RETRY_SECONDS = 1.0


class LeaderDatabaseScheduler(DatabaseScheduler):
    """``DatabaseScheduler`` that schedules only while it leads (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._lock_connection: Any = None
        self._installed = False
        super().__init__(*args, **kwargs)

    def setup_schedule(self) -> None:
        """Deferred: the leader installs the schedule from the settings when it takes over."""

    def tick(self, *args: Any, **kwargs: Any) -> float:
        if not self._lead():
            return STANDBY_RETRY_SECONDS
        if not self._installed:
            super().setup_schedule()  # the settings' entries into the database
            self._installed = True
            # Then read every entry afresh, as the database has it (the last runs the previous
            # leader recorded), and build the heap once from that.
            self._initial_read = True
            self._heap = None
            self._heap_invalidated = False
        return super().tick(*args, **kwargs)  # type: ignore[no-any-return]

    def reserve(self, entry: Any) -> Any:
        """Record the run in the database *before* the task is sent (beat alone would write it
        after its next sleep): a leader that dies in between makes the next leader skip
        nothing and repeat nothing — at worst one run is missed, never doubled."""
        new_entry = super().reserve(entry)
        self.sync()
        return new_entry

    def _lead(self) -> bool:
        if self._lock_connection is not None:
            try:
                with self._lock_connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                return True
            except Exception as error:  # the connection is gone, and the lock with it
                logger.warning("beat lost the leader lock (%s); standing by", error)
                self._drop_lock_connection()
                self._installed = False
                return False
        candidate = connections.create_connection("default")
        try:
            with candidate.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
                (acquired,) = cursor.fetchone()
        except Exception as error:
            logger.warning("beat cannot reach the database for the leader lock: %s", error)
            candidate.close()
            return False
        if not acquired:
            candidate.close()
            return False
        self._lock_connection = candidate
        logger.info("beat is the leader: it sends the periodic tasks")
        return True

    def _drop_lock_connection(self) -> None:
        try:
            self._lock_connection.close()
        except Exception:  # already broken
            pass
        self._lock_connection = None

    def close(self) -> None:
        if self._lock_connection is not None:
            self._drop_lock_connection()  # releases the lock for the standby
        super().close()
