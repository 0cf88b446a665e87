"""Statements run again and again are prepared once per PostgreSQL connection
(``rows.preparing_cursor``, issue 14): the loaders' ``rows_in``, ``Prepared`` first pages and the
listed count. What must hold: one server-side statement per shape whatever the values and the
number of keys, the same answers, every query still in Django's log, database errors still
Django's, nothing prepared with ``DATABASE_PREPARED_STATEMENTS`` off, and a connection that
rolled back or failed keeps working."""

import pytest
from django.db import connection, transaction
from django.db.models import Q
from django.db.utils import ProgrammingError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalog.models import Category, ProductChannelListing
from marketplace.catalog.selectors import listed_count
from marketplace.core import rows
from marketplace.core.rows import preparing_cursor, rows_in
from tests.factories import CategoryFactory, channel, listed_product

pytestmark = pytest.mark.django_db


def prepared(fragment: str) -> list[tuple[str, int]]:
    """The session's prepared statements containing ``fragment``, with how often each ran."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s ORDER BY name",
            [f"%{fragment}%"],
        )
        return cursor.fetchall()


def test_a_loaders_statement_is_prepared_once_whatever_the_keys():
    made = [CategoryFactory(name=f"Làng {n}") for n in range(4)]
    before = prepared('FROM "catalog_category" WHERE')
    got = [rows_in(Category, {"pk": {made[0].pk}}), rows_in(Category, {"pk": {c.pk for c in made}}, ("pk",))]
    got.append(rows_in(Category, {"pk": {made[2].pk, made[3].pk}}, ("pk",)))
    assert [[c.name for c in found] for found in got] == [
        ["Làng 0"],
        ["Làng 0", "Làng 1", "Làng 2", "Làng 3"],
        ["Làng 2", "Làng 3"],
    ]
    after = prepared('FROM "catalog_category" WHERE')
    new = [row for row in after if row not in before]
    # one statement without an order and one with it (= ANY($1): any number of keys)
    assert sorted(runs for _, runs in new) == [1, 2]
    assert all("= ANY($1)" in statement for statement, _ in new)


def test_the_listed_count_and_a_prepared_first_page_are_prepared():
    for _ in range(3):
        listed_product()
    pk = channel().pk
    assert [listed_count(channel_id=pk) for _ in range(3)] == [3, 3, 3]
    assert [runs for _, runs in prepared("catalog_listedproductcount")] == [3]

    page = rows.Prepared(
        lambda channel, now: ProductChannelListing.objects.filter(
            Q(published_at__lte=now) | Q(published_at=None), channel_id=channel
        ).order_by("pk"),
        channel=-7_391_204_583,
        now=timezone.now().replace(year=2000),
    )
    for _ in range(2):
        assert len(page.rows(channel=pk, now=timezone.now())) == 3
    assert [runs for _, runs in prepared('FROM "catalog_productchannellisting" WHERE')] == [2]


def test_every_prepared_query_is_in_djangos_log():
    category = CategoryFactory(name="Gốm")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(2):
            assert [c.name for c in rows_in(Category, {"pk": {category.pk}})] == ["Gốm"]
    assert len(queries) == 2
    assert all('FROM "catalog_category" WHERE "catalog_category"."id" = ANY($1)' in q["sql"] for q in queries)


def test_database_errors_are_djangos_and_the_connection_goes_on():
    category = CategoryFactory(name="Gốm")
    with pytest.raises(ProgrammingError):  # django.db.utils', not psycopg's
        with transaction.atomic(), preparing_cursor(connection) as cursor:
            cursor.execute("SELECT no_such_column FROM catalog_category WHERE id = %s", [category.pk])
    # prepared inside a transaction that rolled back: still usable, still the same answer
    with pytest.raises(RuntimeError), transaction.atomic():
        assert rows_in(Category, {"pk": {category.pk}})[0].name == "Gốm"
        raise RuntimeError
    assert rows_in(Category, {"pk": {category.pk}})[0].name == "Gốm"


def test_nothing_is_prepared_when_turned_off(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    category = CategoryFactory(name="Gốm")
    before = prepared("catalog_category")
    for _ in range(3):
        assert rows_in(Category, {"pk": {category.pk}})[0].name == "Gốm"
    assert listed_count(channel_id=channel().pk) == 0
    assert prepared("catalog_category") == before
    assert prepared("catalog_listedproductcount") == []


def test_values_are_bound_by_the_server_not_written_into_the_sql():
    CategoryFactory(name="Gốm")
    hostile = "x' OR '1'='1"
    assert rows_in(Category, {"name": {hostile}}) == []
    assert [statement for statement, _ in prepared("catalog_category") if hostile in statement] == []
