"""The commission rate set while the shop's owner edits the profile, for real (threads, each
on its own connection, committing): the rate waits for the row lock, then writes only its
column, so both edits survive."""

import threading
from decimal import Decimal

import pytest
from django.db import transaction

from marketplace.accounts.actors import SYSTEM
from marketplace.core.edits import lock_row
from tests.factories import VendorFactory
from tests.marketplace.catalog.test_concurrent_updates import Worker, sessions_waiting_for_a_lock, wait_until
from vendors.shops.models import Vendor
from vendors.shops.services import vendor_commission_rate_set

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_rate_set_during_a_profile_edit_keeps_both():
    vendor = VendorFactory(name="Gốm Chu Đậu", phone="")
    locked, release = threading.Event(), threading.Event()

    def profile_edit() -> None:
        with transaction.atomic():
            shop = lock_row(Vendor.objects.get(pk=vendor.pk))
            locked.set()
            release.wait(30)
            shop.phone = "0912345678"
            shop.save(update_fields=["phone"])

    def set_rate() -> Decimal:
        shop = Vendor.objects.get(pk=vendor.pk)  # read before the other edit commits
        return vendor_commission_rate_set(actor=SYSTEM, vendor=shop, rate="7.5").commission_rate

    first = Worker(profile_edit)
    first.start()
    assert locked.wait(30)
    second = Worker(set_rate)
    second.start()
    assert wait_until(lambda: sessions_waiting_for_a_lock() >= 1)
    release.set()
    first.outcome()
    assert second.outcome() == Decimal("7.50")
    vendor.refresh_from_db()
    assert (vendor.phone, vendor.commission_rate) == ("0912345678", Decimal("7.50"))
