"""Timestamps are read by psycopg's compiled loader on PostgreSQL connections in UTC
(``marketplace.core.timestamps``): the same aware datetimes Django's own loader gives, in
``datetime.timezone.utc``, kept by Django's backend for every cursor; no change for a
connection in another time zone."""

import datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import BaseTzLoader
from psycopg.pq import Format

from marketplace.catalog.models import ProductChannelListing
from marketplace.core import timestamps
from tests.factories import listed_product

pytestmark = pytest.mark.django_db

VALUES = [
    "2026-12-07 05:41:21.669004+00",
    "2026-12-07 12:41:21.669004+07",  # another offset: the same instant
    "1970-01-01 00:00:00+00",
    "0001-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999999+00",
    "2024-02-29 23:59:59.5-03:30",
]


def _loader_class():
    connection.ensure_connection()
    return connection.connection.adapters.get_loader(timestamps._OID, Format.TEXT)


def test_connections_in_utc_read_timestamps_with_the_compiled_loader():
    assert _loader_class() is timestamps.UtcTimestamptzLoader
    with connection.cursor() as cursor:  # Django keeps it: no per-cursor loader of its own
        assert (
            cursor.cursor.adapters.get_loader(timestamps._OID, Format.TEXT) is timestamps.UtcTimestamptzLoader
        )


@pytest.mark.parametrize("text", VALUES)
def test_the_values_are_djangos(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz", [text])
        (ours,) = cursor.fetchone()

    class DjangoLoader(BaseTzLoader):
        timezone = datetime.UTC

    with connection.cursor() as cursor:
        cursor.cursor.adapters.register_loader(timestamps._OID, DjangoLoader)
        cursor.execute("SELECT %s::timestamptz", [text])
        (djangos,) = cursor.fetchone()
    assert ours == djangos
    assert ours.tzinfo is datetime.UTC and djangos.tzinfo is datetime.UTC
    assert ours.utcoffset() == datetime.timedelta(0)


def test_model_fields_read_aware_utc_datetimes(seeded_channels):
    product = listed_product()
    listing = ProductChannelListing.objects.get(product=product)
    assert listing.available_for_purchase_at == product.created_at
    assert listing.available_for_purchase_at.tzinfo is datetime.UTC
    assert ProductChannelListing.objects.filter(
        available_for_purchase_at=listing.available_for_purchase_at
    ).exists()  # written back and compared to the microsecond


def test_nothing_changes_for_a_connection_in_another_time_zone(monkeypatch):
    class Info:
        @staticmethod
        def parameter_status(name):
            return "Asia/Ho_Chi_Minh"

    class Adapters:
        registered = []

        def register_loader(self, *args):
            self.registered.append(args)

    class Raw:
        info = Info()
        adapters = Adapters()

    class Wrapper:
        vendor = "postgresql"
        timezone = datetime.UTC
        connection = Raw()

    timestamps.use_compiled_loader(None, Wrapper())
    assert Adapters.registered == []
    Wrapper.timezone = datetime.timezone(datetime.timedelta(hours=7))
    Info.parameter_status = staticmethod(lambda name: "UTC")
    timestamps.use_compiled_loader(None, Wrapper())
    assert Adapters.registered == []
    Wrapper.timezone = datetime.UTC
    timestamps.use_compiled_loader(None, Wrapper())
    assert Adapters.registered == [(timestamps._OID, timestamps.UtcTimestamptzLoader)]
