"""Celery queues by purpose, with real workers: a worker per queue (as docker/ and the
Kubernetes manifests run them) on a private redis-server, the API served by gunicorn.

A burst of thumbnail jobs is queued first; then a buyer places an order over HTTP. The
order e-mail goes to the ``emails`` queue, where its own worker starts it at once: it is
delivered while most thumbnails are still waiting on the ``media`` worker. Each worker saw
only its own queue's tasks, and the e-mail task's log lines carry the id of the HTTP request
that placed the order."""

import signal
import time
import warnings

import pytest
from celery.exceptions import AlwaysEagerIgnored
from django.conf import settings
from django.core.files.base import ContentFile

from marketplace.catalog.models import ProductMedia
from marketplace.celery import app
from marketplace.thumbnails.models import Thumbnail
from marketplace.thumbnails.tasks import create_thumbnails
from tests.checkout_helpers import pay_and_complete, ready_checkout, shop_with_product
from tests.hardening.processes import free_port, project_env, start_gunicorn, start_redis, stop_process
from tests.images import image_bytes
from tests.scale.http import HttpApiClient
from tests.scale.workers import celery_env, database_url, worker

PHOTOS = 40  # a burst longer than placing an order over HTTP, even on a busy machine
SIZES = [1024, 512]
REQUEST_ID = "order-placed-0001"


def test_every_task_has_a_queue_of_its_purpose():
    app.loader.import_default_modules()
    ours = {name for name in app.tasks if name.startswith(("marketplace.", "vendors."))}
    assert ours == set(settings.CELERY_TASK_ROUTES)  # no task falls to the default queue unseen
    queues = {queue.name for queue in settings.CELERY_TASK_QUEUES}
    assert queues == {"payments", "emails", "media", "maintenance"}
    assert {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()} == queues
    for entry in settings.CELERY_BEAT_SCHEDULE.values():  # every periodic task is routed too
        assert entry["task"] in settings.CELERY_TASK_ROUTES


def delivered(mail) -> bool:
    return mail.exists() and any("To: lan@example.vn" in path.read_text() for path in mail.iterdir())


@pytest.fixture
def broker():
    port = free_port()
    server = start_redis(port)
    yield f"redis://127.0.0.1:{port}/0"
    stop_process(server, sig=signal.SIGKILL)


@pytest.mark.django_db(transaction=True)
def test_an_order_email_does_not_wait_behind_a_burst_of_thumbnails(broker, tmp_path, seeded_channels):
    _, product = shop_with_product(price=120_000, stock=5)
    source = ProductMedia.objects.create(product=product)
    source.image.save("big.png", ContentFile(image_bytes(size=(3000, 2000), format="PNG")), save=True)
    photos = [source] + [
        ProductMedia.objects.create(product=product, image=source.image.name) for _ in range(PHOTOS - 1)
    ]

    mail = tmp_path / "mail"
    env = celery_env(broker, EMAIL_FILE_PATH=str(mail))
    media = worker("media", log=tmp_path / "media.log", env=env)
    emails = worker("emails", log=tmp_path / "emails.log", env=env)
    port = free_port()
    api_env = project_env(
        DATABASE_URL=database_url(), CELERY_BROKER_URL=broker, CELERY_TASK_ALWAYS_EAGER="false"
    )
    api = start_gunicorn(port=port, env=api_env, log=tmp_path / "api.log")
    try:
        media.wait_for_log(" ready.")
        emails.wait_for_log(" ready.")
        with app.connection_for_write(broker) as connection, warnings.catch_warnings():
            warnings.simplefilter("ignore", AlwaysEagerIgnored)
            for photo in photos:  # routed by name, as .delay() would be
                app.send_task(
                    create_thumbnails.name,
                    args=["media", photo.pk],
                    kwargs={"sizes": SIZES, "formats": ["WEBP"]},
                    connection=connection,
                )

        buyer = HttpApiClient(f"http://127.0.0.1:{port}", headers={"X-Request-ID": REQUEST_ID})
        checkout_id = ready_checkout(buyer, [(product, 1)])
        completed = pay_and_complete(buyer, checkout_id)
        assert completed["errors"] == [] and completed["order"] is not None
        ordered_at = time.monotonic()

        deadline = ordered_at + 20
        while not delivered(mail) and time.monotonic() < deadline:
            time.sleep(0.05)
        delivered_after = time.monotonic() - ordered_at
        thumbnails_then = Thumbnail.objects.count()
        assert delivered(mail), emails.text()  # the buyer's order confirmation

        # The e-mail did not queue behind the thumbnails: most of them were still waiting.
        assert thumbnails_then < len(photos) * len(SIZES) / 2, (thumbnails_then, delivered_after)
        assert delivered_after < 10
        print(
            f"order e-mail delivered {delivered_after:.2f} s after the order; {thumbnails_then} thumbnails done then"
        )
        assert thumbnails_then > 0  # the media worker was busy with them meanwhile
    finally:
        stop_process(api)
        media.stop(kill=True)
        emails.stop(kill=True)

    media_log, emails_log = media.text(), emails.text()
    assert "create_thumbnails[" in media_log and "deliver[" not in media_log
    # Order messages go through the notifications' deliver task (marketplace/notifications).
    assert "notifications.tasks.deliver[" in emails_log and "create_thumbnails[" not in emails_log
    # The request id travelled with the task into the worker's log lines.
    assert any(REQUEST_ID in line and "deliver" in line for line in emails_log.splitlines()), emails_log
