"""One ``notify`` entry: a delivery per (event, object, recipient, channel), queued after
commit, sent once however often the service or the task runs, in the recipient's language,
on the channels they chose (e-mail, SMS, Zalo), with retries for transient failures."""

import threading

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import connection, transaction
from django.test import TestCase

from marketplace.accounts.actors import SYSTEM
from marketplace.notifications import services
from marketplace.notifications.models import Delivery, NotificationSettings
from marketplace.notifications.notify import Recipient, notify
from marketplace.notifications.senders import TransientSendError
from marketplace.notifications.tasks import deliver
from tests.factories import UserFactory
from tests.marketplace.notifications.provider import provider

CONTEXT = {"product": "Bình gốm", "reason": "Quảng cáo"}


def told(user, **choices):  # type: ignore[no-untyped-def]
    NotificationSettings.objects.create(user=user, phone="+84912345678", **choices)
    return Recipient.for_user(user)


@pytest.mark.django_db
def test_one_delivery_per_channel_sent_once_whatever_runs_twice(settings):
    user = UserFactory(language_code="en")
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = notify("review_hidden", Recipient.for_user(user), object_key="review:1", context=CONTEXT)
        again = notify("review_hidden", Recipient.for_user(user), object_key="review:1", context=CONTEXT)
        assert mail.outbox == []  # nothing before the commit
    assert len(first) == 1 and again == []
    assert [(m.to, m.subject) for m in mail.outbox] == [([user.email], "Your review of Bình gốm is hidden")]
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.channel) == ("SENT", 1, "EMAIL")
    # The task delivered again (a redelivered message, a retry after the send): nothing more.
    assert deliver.apply(args=[delivery.pk]).get() == "SENT"
    assert services.deliver(actor=SYSTEM, delivery_id=delivery.pk) == "SENT"
    assert len(mail.outbox) == 1
    # Another object is another notification.
    with TestCase.captureOnCommitCallbacks(execute=True):
        notify("review_hidden", Recipient.for_user(user), object_key="review:2", context=CONTEXT)
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_rolled_back_write_tells_nobody():
    user = UserFactory()
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            notify("review_hidden", Recipient.for_user(user), object_key="review:1", context=CONTEXT)
            raise RuntimeError
    assert mail.outbox == [] and Delivery.objects.count() == 0


@pytest.mark.django_db
def test_the_chosen_channels_in_the_recipients_language(settings):
    settings.SMS_API_TOKEN, settings.ZALO_ZNS_ACCESS_TOKEN = "sms-token", "zalo-token"
    settings.ZALO_ZNS_TEMPLATES = {"review_hidden": "300001"}
    vietnamese = told(UserFactory(language_code="vi"), email=False, sms=True, zalo=True)
    english = told(UserFactory(language_code="en"), email=True, sms=True, zalo=False)
    with (
        provider((200, {"status": "success", "data": {"tranId": 1}}, 0)) as sms,
        provider((200, {"error": 0, "data": {"msg_id": "z1"}}, 0)) as zalo,
    ):
        settings.SMS_API_URL, settings.ZALO_ZNS_API_URL = f"{sms.url}/sms", f"{zalo.url}/zns"
        with TestCase.captureOnCommitCallbacks(execute=True):
            for recipient in (vietnamese, english):
                notify("review_hidden", recipient, object_key="review:9", context=CONTEXT)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([english.email], "Your review of Bình gốm is hidden")
    ]
    assert [r["json"]["content"] for r in sms.requests] == [
        "Đánh giá của bạn về Bình gốm đã bị ẩn",
        "Your review of Bình gốm is hidden",
    ]
    assert [r["json"]["template_id"] for r in zalo.requests] == ["300001"]
    assert zalo.requests[0]["json"]["template_data"] == CONTEXT
    assert sorted(Delivery.objects.values_list("channel", "status")) == [
        ("EMAIL", "SENT"),
        ("SMS", "SENT"),
        ("SMS", "SENT"),
        ("ZALO", "SENT"),
    ]


@pytest.mark.django_db
def test_channels_not_configured_are_not_used(settings):
    settings.SMS_API_URL, settings.ZALO_ZNS_API_URL = "", ""
    user = told(UserFactory(), email=True, sms=True, zalo=True)
    rows = notify("review_hidden", user, object_key="review:1", context=CONTEXT)
    assert [row.channel for row in rows] == ["EMAIL"]


@pytest.mark.django_db
def test_a_transient_failure_is_retried_and_sent_once(settings):
    settings.SMS_API_TOKEN = "t"
    user = told(UserFactory(), email=False, sms=True)
    with provider((503, {}, 0), (200, {"status": "success", "data": {"tranId": 5}}, 0)) as sms:
        settings.SMS_API_URL = f"{sms.url}/sms"
        (delivery,) = notify("review_hidden", user, object_key="review:1", context=CONTEXT)
        with pytest.raises(TransientSendError):
            services.deliver(actor=SYSTEM, delivery_id=delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_error) == ("PENDING", 1, "HTTP 503")
        assert deliver.apply(args=[delivery.pk]).get() == "SENT"  # the task's retry
        assert deliver.apply(args=[delivery.pk]).get() == "SENT"  # and once more: no second SMS
    assert len(sms.requests) == 2
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.provider_message_id) == ("SENT", 2, "5")


@pytest.mark.django_db
def test_retries_give_up_and_a_refusal_is_never_retried(settings):
    settings.SMS_API_TOKEN = "t"
    user = told(UserFactory(), email=False, sms=True)
    with provider((500, {}, 0)) as sms:
        settings.SMS_API_URL = f"{sms.url}/sms"
        (delivery,) = notify("review_hidden", user, object_key="review:1", context=CONTEXT)
        with pytest.raises(Retry):  # the task asks Celery to run it again later (with backoff)
            deliver.apply(args=[delivery.pk])
        assert Delivery.objects.get(pk=delivery.pk).status == "PENDING"
        last = deliver.apply(args=[delivery.pk], retries=deliver.max_retries)  # the last try
        assert last.get() == "FAILED"
    assert len(sms.requests) == 2
    assert Delivery.objects.get(pk=delivery.pk).status == "FAILED"
    with provider((200, {"status": "error", "code": "007"}, 0)) as sms:
        settings.SMS_API_URL = f"{sms.url}/sms"
        (refused,) = notify("review_hidden", user, object_key="review:2", context=CONTEXT)
        assert deliver.apply(args=[refused.pk]).get() == "FAILED"
    assert len(sms.requests) == 1
    assert Delivery.objects.get(pk=refused.pk).last_error.startswith("SMS refused: 007")


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_at_once_send_one_message(settings):
    """The same delivery run by two workers at the same moment (a message redelivered while
    the first worker still runs it): the row lock makes the second wait and find it sent."""
    settings.SMS_API_TOKEN = "t"
    user = told(UserFactory(), email=False, sms=True)
    with provider((200, {"status": "success", "data": {"tranId": 1}}, 0.5)) as sms:
        settings.SMS_API_URL = f"{sms.url}/sms"
        (delivery,) = notify("review_hidden", user, object_key="review:1", context=CONTEXT)
        results: list[str] = []

        def run() -> None:
            try:
                results.append(services.deliver(actor=SYSTEM, delivery_id=delivery.pk))
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
    assert results == ["SENT", "SENT"]
    assert len(sms.requests) == 1


@pytest.mark.django_db
def test_only_system_delivers():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.deliver(actor=UserFactory(), delivery_id=1)


@pytest.mark.django_db
def test_deliveries_whose_task_never_ran_are_sent_by_the_sweep(settings):
    """The broker was down at the commit: the delivery is recorded but its task never
    queued. The beat's sweep (every 10 minutes) queues it again; once, and only stalled ones."""
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.notifications.tasks import deliver_stalled

    user = UserFactory()
    (stalled,) = notify("review_hidden", Recipient.for_user(user), object_key="review:1", context=CONTEXT)
    (fresh,) = notify("review_hidden", Recipient.for_user(user), object_key="review:2", context=CONTEXT)
    Delivery.objects.filter(pk=stalled.pk).update(created_at=timezone.now() - timedelta(minutes=20))
    assert mail.outbox == []  # no commit here: nothing was queued
    assert deliver_stalled.apply().get() == 1
    assert [m.subject for m in mail.outbox] == ["Đánh giá của bạn về Bình gốm đã bị ẩn"]
    assert Delivery.objects.get(pk=stalled.pk).status == "SENT"
    assert Delivery.objects.get(pk=fresh.pk).status == "PENDING"
    assert deliver_stalled.apply().get() == 0
    assert len(mail.outbox) == 1
