"""Settings of the beat processes tests/scale/test_beat.py starts: the scale workers'
settings with a short schedule — two of the project's periodic tasks every few seconds —
so that a run of seconds shows "once per period"."""

from datetime import timedelta

from tests.scale.worker_settings import *  # noqa: F403

CELERY_BEAT_SCHEDULE = {
    "checkout-expired-reservations": {
        "task": "marketplace.checkout.tasks.delete_expired_reservations",
        "schedule": timedelta(seconds=2),
    },
    "orders-expire-unpaid": {
        "task": "marketplace.orders.tasks.expire_unpaid_orders",
        "schedule": timedelta(seconds=3),
    },
}
