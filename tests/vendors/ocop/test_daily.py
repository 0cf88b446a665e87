"""The daily beat task: records expiries, sends each 30-day reminder once, is idempotent,
and is never needed for the badge to disappear."""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from marketplace.accounts.actors import SYSTEM
from tests.factories import listed_product
from tests.vendors.ocop.helpers import TODAY, certificate
from vendors.ocop.models import OcopCertificateStatus
from vendors.ocop.selectors import badges_for_products
from vendors.ocop.services import certificates_expire_and_remind
from vendors.ocop.tasks import ocop_daily

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def run(today, capture):
    with capture(execute=True):
        return certificates_expire_and_remind(actor=SYSTEM, today=today)


def test_reminders_once_and_expiries_recorded(shops, django_capture_on_commit_callbacks):
    vendor = shops.vendor
    due = certificate(shops.product, valid_until=TODAY + 30 * DAY, decision_number="1/QĐ")
    later = certificate(listed_product(vendor=vendor), valid_until=TODAY + 31 * DAY, decision_number="2/QĐ")
    expired = certificate(listed_product(vendor=vendor), valid_until=TODAY - DAY, decision_number="3/QĐ")
    pending = certificate(
        listed_product(vendor=vendor),
        valid_until=TODAY + 3 * DAY,
        status=OcopCertificateStatus.SUBMITTED,
        decision_number="4/QĐ",
    )
    renewed_product = listed_product(vendor=vendor)
    renewed_old = certificate(renewed_product, valid_until=TODAY + 10 * DAY, decision_number="5/QĐ")
    certificate(renewed_product, decision_date=TODAY - 5 * DAY, decision_number="6/QĐ")

    assert run(TODAY, django_capture_on_commit_callbacks) == {"expired": 1, "reminded": 1}
    assert [m.to for m in mail.outbox] == [[shops.owner.email]]
    assert due.decision_number in mail.outbox[0].body
    for cert in (due, later, expired, pending, renewed_old):
        cert.refresh_from_db()
    assert due.expiry_notified_at is not None
    assert later.expiry_notified_at is None and pending.expiry_notified_at is None
    assert renewed_old.expiry_notified_at is None  # the product already has a longer certificate
    assert expired.expired_marked_at is not None and expired.status == OcopCertificateStatus.VERIFIED

    assert run(TODAY, django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 0}
    assert len(mail.outbox) == 1

    assert run(TODAY + DAY, django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 1}
    assert len(mail.outbox) == 2 and later.decision_number in mail.outbox[1].body
    # the day after ``due`` expires: it and the replaced ``renewed_old`` are recorded as expired
    assert run(due.valid_until + DAY, django_capture_on_commit_callbacks) == {"expired": 2, "reminded": 0}
    assert len(mail.outbox) == 2  # nobody is reminded twice


def test_the_badge_goes_without_the_task(shops):
    cert = certificate(shops.product, valid_until=TODAY)
    assert badges_for_products([shops.product.pk], TODAY + DAY) == {}
    cert.refresh_from_db()
    assert cert.expired_marked_at is None  # the task has not run; the rule did not need it


def test_the_beat_task(shops, today, django_capture_on_commit_callbacks):
    certificate(shops.product, valid_until=TODAY + 7 * DAY)
    with django_capture_on_commit_callbacks(execute=True):
        assert ocop_daily.delay().get() == {"expired": 0, "reminded": 1}
    with django_capture_on_commit_callbacks(execute=True):
        assert ocop_daily.delay().get() == {"expired": 0, "reminded": 0}
    assert len(mail.outbox) == 1
    entry = settings.CELERY_BEAT_SCHEDULE["ocop-daily"]
    assert entry["task"] == ocop_daily.name == "vendors.ocop.tasks.ocop_daily"
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {0}
