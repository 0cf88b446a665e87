"""Two devices editing one product at once, for real: threads, each on its own PostgreSQL
connection, committing (a transactional test). The second edit waits for the row lock,
then starts from what the first one committed, and writes only its own fields."""

import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction

from marketplace.catalog.models import Product, ProductChannelListing
from marketplace.catalog.services.listings import product_channel_listing_update
from marketplace.catalog.services.products import product_update
from marketplace.core.edits import lock_row
from storefront_api.core.ids import to_id
from tests.conftest import client_for, data
from tests.factories import UserFactory, VendorFactory, channel, listed_product
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db(transaction=True)

UPDATE = """
mutation ($id: ID!, $input: ProductInput!) { productUpdate(id: $id, input: $input) {
  product { name seoTitle } errors { field code message } } }
"""


class Worker(threading.Thread):
    """Runs ``work()`` on its own database connection; keeps its result or its exception."""

    def __init__(self, work: Any, barrier: threading.Barrier | None = None) -> None:
        super().__init__(daemon=True)
        self.work, self.barrier = work, barrier
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            if self.barrier is not None:
                self.barrier.wait()
            self.result = self.work()
        except BaseException as error:  # reported by the test
            self.error = error
        finally:
            connection.close()

    def outcome(self) -> Any:
        self.join(timeout=60)
        assert not self.is_alive(), "the worker is still waiting"
        if self.error is not None:
            raise self.error
        return self.result


def sessions_waiting_for_a_lock() -> int:
    """Connections of this test database blocked on a lock right now."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # a fresh view, even inside a transaction
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def wait_until(predicate: Any, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def owner(seeded_channels):
    user = UserFactory(email="minh@example.vn")
    VendorMember.objects.create(vendor=VendorFactory(), user=user, role=VendorMemberRole.OWNER)
    return user


@pytest.fixture
def product(owner):
    vendor = owner.vendor_memberships.get().vendor
    return listed_product(vendor=vendor, name="Bình gốm", slug="binh-gom", seo_title="", weight_grams=500)


def test_two_edits_through_the_service_at_once_both_survive(owner, product):
    phone, laptop = Product.objects.get(pk=product.pk), Product.objects.get(pk=product.pk)
    barrier = threading.Barrier(2)
    workers = [
        Worker(
            lambda: product_update(actor=owner, product=phone, data={"name": "Bình gốm men lam"}), barrier
        ),
        Worker(lambda: product_update(actor=owner, product=laptop, data={"seo_title": "Bình hoa"}), barrier),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.outcome()
    saved = Product.objects.get(pk=product.pk)
    assert (saved.name, saved.seo_title, saved.weight_grams) == ("Bình gốm men lam", "Bình hoa", 500)
    assert saved.updated_at > product.updated_at


def test_an_edit_waits_for_the_row_and_keeps_what_the_holder_committed(owner, product):
    stale = Product.objects.get(pk=product.pk)  # the form the phone loaded
    worker = Worker(lambda: product_update(actor=owner, product=stale, data={"name": "Bình gốm men lam"}))
    with transaction.atomic():  # the laptop's edit, in progress: it holds the row
        Product.objects.select_for_update().get(pk=product.pk)
        Product.objects.filter(pk=product.pk).update(weight_grams=750)
        worker.start()
        assert wait_until(lambda: sessions_waiting_for_a_lock() == 1)
        time.sleep(0.3)
        assert worker.is_alive()  # still waiting for the row
        assert Product.objects.get(pk=product.pk).name == "Bình gốm"
    returned = worker.outcome()
    saved = Product.objects.get(pk=product.pk)
    assert (saved.name, saved.weight_grams) == ("Bình gốm men lam", 750)
    assert (returned.name, returned.weight_grams) == ("Bình gốm men lam", 750)


def test_two_devices_over_http_editing_different_fields_both_survive(owner, product):
    """The row is held while both requests arrive, so both are sure to meet at it."""
    phone, laptop = client_for(owner), client_for(owner)
    product_id = to_id("Product", product.pk)
    barrier = threading.Barrier(2)
    workers = [
        Worker(
            lambda: phone.graphql(UPDATE, {"id": product_id, "input": {"name": "Bình gốm men lam"}}), barrier
        ),
        Worker(
            lambda: laptop.graphql(UPDATE, {"id": product_id, "input": {"seo": {"title": "Bình hoa"}}}),
            barrier,
        ),
    ]
    with transaction.atomic():
        Product.objects.select_for_update().get(pk=product.pk)
        for worker in workers:
            worker.start()
        assert wait_until(
            lambda: sessions_waiting_for_a_lock() == 2 or not all(w.is_alive() for w in workers)
        )
        assert sessions_waiting_for_a_lock() == 2
    answers = [data(worker.outcome())["productUpdate"] for worker in workers]
    assert [a["errors"] for a in answers] == [[], []]
    # Whichever went second answered with both edits.
    assert {"name": "Bình gốm men lam", "seoTitle": "Bình hoa"} in [a["product"] for a in answers]
    saved = Product.objects.get(pk=product.pk)
    assert (saved.name, saved.seo_title, saved.weight_grams) == ("Bình gốm men lam", "Bình hoa", 500)


def test_a_listing_edit_waits_and_keeps_the_other_devices_change(owner, product):
    listing = ProductChannelListing.objects.get(product=product)
    unpublish = [{"channel_id": channel().pk, "is_published": False}]
    worker = Worker(
        lambda: product_channel_listing_update(actor=owner, product=product, update=unpublish, remove=[])
    )
    with transaction.atomic():
        ProductChannelListing.objects.select_for_update().get(pk=listing.pk)
        ProductChannelListing.objects.filter(pk=listing.pk).update(visible_in_listings=False)
        worker.start()
        assert wait_until(lambda: sessions_waiting_for_a_lock() == 1)
    worker.outcome()
    saved = ProductChannelListing.objects.get(pk=listing.pk)
    assert (saved.is_published, saved.visible_in_listings) == (False, False)


def test_lock_row_needs_the_services_transaction(product):
    with pytest.raises(RuntimeError):
        lock_row(Product.objects.get(pk=product.pk))
