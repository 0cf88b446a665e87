"""``rows_in``: the loaders' rows read without a queryset must be the rows, values and order the
ORM gives for the same question (JSON parsed, decimals and aware datetimes, ``pk``, several
key sets, descending order), from the database the router chooses, and nothing at all for an
empty set of keys. ``Prepared`` (a queryset compiled once, run with new values) must answer as
its queryset for any values, fill its slots with each call's values, refuse values of another
type, and build and run the queryset each time where it cannot be prepared."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalog.models import (
    Category,
    ProductChannelListing,
    ProductTranslation,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.core import rows
from marketplace.core.rows import rows_in
from tests.factories import CategoryFactory, channel, listed_product

pytestmark = pytest.mark.django_db


def values(instances):
    return [
        {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}
        for instance in instances
    ]


@pytest.fixture
def products():
    parent = CategoryFactory(
        name="Gốm", description={"blocks": [{"type": "paragraph", "data": {"text": "Men"}}]}
    )
    made = [
        listed_product(prices=(120_000, 95_500), category=parent),
        listed_product(prices=(45_000,), category=CategoryFactory(name="Áo", parent=parent)),
        listed_product(
            prices=(300_000, 310_000, 80_000), category=CategoryFactory(name="Bát", parent=parent)
        ),
    ]
    ProductTranslation.objects.create(
        product=made[0], language_code="en", name="Vase", description={"blocks": []}
    )
    ProductTranslation.objects.create(product=made[1], language_code="en", name="Bowl")
    ProductTranslation.objects.create(product=made[1], language_code="fr", name="Bol")
    return made


def test_the_rows_values_and_order_are_the_orms(products):
    ids = {p.pk for p in products}
    listings = rows_in(ProductChannelListing, {"product_id": ids}, ("channel_id", "pk"))
    assert values(listings) == values(
        ProductChannelListing.objects.filter(product_id__in=ids).order_by("channel_id", "pk")
    )
    assert all(listing.available_for_purchase_at.tzinfo for listing in listings)
    assert all(isinstance(listing.discounted_price_amount, Decimal) for listing in listings)

    variants = rows_in(ProductVariant, {"product_id": ids}, ("-sort_order", "sku", "pk"))
    assert values(variants) == values(
        ProductVariant.objects.filter(product_id__in=ids).order_by("-sort_order", "sku", "pk")
    )
    assert len(variants) == 6

    prices = rows_in(
        ProductVariantChannelListing,
        {"variant_id": {v.pk for v in variants}, "channel_id": {channel().pk}},
        ("pk",),
    )
    assert values(prices) == values(
        ProductVariantChannelListing.objects.filter(variant__in=variants, channel=channel()).order_by("pk")
    )
    assert sorted(p.price_amount for p in prices)[0] == Decimal("45000")


def test_json_columns_are_parsed_as_the_orm_parses_them(products):
    parent = products[0].category
    assert rows_in(Category, {"pk": {parent.pk}})[0].description == {
        "blocks": [{"type": "paragraph", "data": {"text": "Men"}}]
    }
    children = rows_in(Category, {"parent_id": {parent.pk}}, ("name", "pk"))
    assert sorted(c.name for c in children) == ["Bát", "Áo"]  # in the database's collation below
    assert values(children) == values(Category.objects.filter(parent=parent).order_by("name", "pk"))
    translations = rows_in(
        ProductTranslation, {"product_id": {p.pk for p in products}, "language_code": {"en"}}, ("pk",)
    )
    assert [(t.name, t.description) for t in translations] == [("Vase", {"blocks": []}), ("Bowl", None)]
    assert values(translations) == values(
        ProductTranslation.objects.filter(product__in=products, language_code="en").order_by("pk")
    )


def test_the_instances_behave_as_loaded_ones(products):
    listing = rows_in(ProductChannelListing, {"product_id": {products[0].pk}})[0]
    assert listing._state.adding is False and listing._state.db == "default"
    assert listing.product == products[0]  # relations load as from any instance
    listing.visible_in_listings = False
    listing.save(update_fields=["visible_in_listings"])
    assert ProductChannelListing.objects.get(pk=listing.pk).visible_in_listings is False


def test_an_empty_key_set_reads_nothing(products):
    with CaptureQueriesContext(connection) as queries:
        assert rows_in(ProductChannelListing, {"product_id": set(), "channel_id": {1}}) == []
        assert rows_in(Category, {"pk": []}) == []
    assert len(queries) == 0


def test_keys_are_prepared_by_their_field_and_are_parameters_not_sql(products):
    hostile = "en' OR '1'='1"
    assert rows_in(ProductTranslation, {"product_id": {products[1].pk}, "language_code": {hostile}}) == []
    assert [
        t.name
        for t in rows_in(ProductTranslation, {"product_id": {str(products[1].pk)}, "language_code": {"fr"}})
    ] == ["Bol"]


def test_the_rows_come_from_the_database_the_router_chooses(products, monkeypatch):
    asked = []

    def db_for_read(model, **hints):
        asked.append(model)
        return "default"

    monkeypatch.setattr(rows.router, "db_for_read", db_for_read)
    rows_in(ProductChannelListing, {"product_id": {products[0].pk}})
    assert asked == [ProductChannelListing]


# ---------------------------------------------------------------- Prepared


def _listed_products(channel: int, now: datetime):
    from marketplace.catalog.selectors import public_products

    return public_products(channel_id=channel, now=now).order_by("search_name", "slug", "pk")


CHANNEL_STAND_IN = -7_391_204_583
NOW_STAND_IN = datetime(2000, 1, 2, 3, 4, 5, 678_901, tzinfo=UTC)


def test_a_prepared_query_answers_as_its_queryset_for_any_values(products, monkeypatch):
    from marketplace.catalog.models import Product

    built = []

    def build(channel: int, now: datetime):
        built.append((channel, now))
        return _listed_products(channel, now).annotate(twice=F("rating") * 2)

    prepared = rows.Prepared(build, channel=CHANNEL_STAND_IN, now=NOW_STAND_IN)
    now = timezone.now()
    for _ in range(3):
        got = prepared.rows(channel=channel().pk, now=now)
        expected = list(build(channel().pk, now))
        assert [p.pk for p in got] == [p.pk for p in expected] and len(got) == 3
        assert [p.get_deferred_fields() for p in got] == [p.get_deferred_fields() for p in expected]
        assert {"search_document", "description_plaintext"} <= got[0].get_deferred_fields()
        assert values(got) == values(expected)  # (reads the deferred fields)
        assert [p.twice for p in got] == [p.twice for p in expected]
        assert all(isinstance(p, Product) and p._state.adding is False for p in got)
    # built once with the stand-ins (compiled), then only by this test's own comparisons
    assert built.count((CHANNEL_STAND_IN, NOW_STAND_IN)) == 1
    assert prepared.rows(channel=999_999, now=now) == []  # another channel: its own rows


def test_the_values_fill_the_slots_each_time_they_change(products):
    from marketplace.catalog.models import ProductChannelListing

    prepared = rows.Prepared(_listed_products, channel=CHANNEL_STAND_IN, now=NOW_STAND_IN)
    now = timezone.now()
    ProductChannelListing.objects.filter(product=products[0]).update(published_at=now + timedelta(hours=1))
    assert products[0].pk not in [p.pk for p in prepared.rows(channel=channel().pk, now=now)]
    later = now + timedelta(hours=2)
    assert products[0].pk in [p.pk for p in prepared.rows(channel=channel().pk, now=later)]
    assert prepared.rows(channel=channel("design-centre").pk, now=later) == []


def test_values_of_another_type_or_missing_ones_are_refused(products):
    prepared = rows.Prepared(_listed_products, channel=CHANNEL_STAND_IN, now=NOW_STAND_IN)
    with pytest.raises(TypeError):
        prepared.rows(channel=str(channel().pk), now=timezone.now())
    with pytest.raises(TypeError):
        prepared.rows(channel=channel().pk, now=timezone.now().date())
    with pytest.raises(TypeError):
        prepared.rows(channel=channel().pk)


def test_values_are_parameters_not_sql(products):
    prepared = rows.Prepared(lambda name: Category.objects.filter(name=name), name="\x01stand-in\x01")
    assert prepared.rows(name="Gốm' OR '1'='1") == []
    assert [c.name for c in prepared.rows(name="Gốm")] == ["Gốm"]


@pytest.mark.parametrize(
    "build",
    [
        # a stand-in that never reaches the SQL
        lambda channel, now: ProductChannelListing.objects.filter(channel_id=channel).order_by("pk"),
        # related rows read with the query
        lambda channel, now: (
            ProductChannelListing.objects.select_related("product")
            .filter(channel_id=channel, published_at__lte=now)
            .order_by("pk")
        ),
    ],
    ids=["stand-in-missing", "select-related"],
)
def test_what_cannot_be_prepared_is_built_and_run_each_time(products, build):
    built = []

    def counted(channel: int, now: datetime):
        built.append(channel)
        return build(channel, now)

    ProductChannelListing.objects.update(published_at=timezone.now() - timedelta(days=1))
    prepared = rows.Prepared(counted, channel=CHANNEL_STAND_IN, now=NOW_STAND_IN)
    for _ in range(2):
        got = prepared.rows(channel=channel().pk, now=timezone.now())
        assert values(got) == values(build(channel().pk, timezone.now())) and len(got) == 3
    assert built.count(channel().pk) == 2


def test_a_prepared_query_reads_from_the_database_the_router_chooses(products, monkeypatch):
    asked = []

    def db_for_read(model, **hints):
        asked.append(model)
        return "default"

    monkeypatch.setattr(rows.router, "db_for_read", db_for_read)
    prepared = rows.Prepared(_listed_products, channel=CHANNEL_STAND_IN, now=NOW_STAND_IN)
    prepared.rows(channel=channel().pk, now=timezone.now())
    prepared.rows(channel=channel().pk, now=timezone.now())
    from marketplace.catalog.models import Product

    assert asked == [Product, Product]


def _state(instance):
    return (instance._state.adding, instance._state.db, instance.get_deferred_fields())


@pytest.mark.parametrize("deferred", [(), ("description", "seo_title")], ids=["all-fields", "deferred"])
def test_instances_are_those_from_db_builds(products, deferred):
    fields = [f.attname for f in Category._meta.concrete_fields if f.attname not in deferred]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(fields)} FROM catalog_category ORDER BY id")
        found = cursor.fetchall()
    fast = rows.instances(Category, "default", fields, found)
    slow = [Category.from_db("default", fields, row) for row in found]
    assert [vars(i).keys() - {"_state"} for i in fast] == [vars(i).keys() - {"_state"} for i in slow]
    assert [{k: v for k, v in vars(i).items() if k != "_state"} for i in fast] == [
        {k: v for k, v in vars(i).items() if k != "_state"} for i in slow
    ]
    assert [_state(i) for i in fast] == [_state(i) for i in slow] and fast[0].get_deferred_fields() == set(
        deferred
    )
    child = next(i for i in fast if i.parent_id)
    assert child.parent.name == "Gốm"  # relations load and cache as on any instance
    child.name = "Bát cổ"
    child.save(update_fields=["name"])
    assert Category.objects.get(pk=child.pk).name == "Bát cổ"


def test_instances_send_the_init_signals_when_someone_listens(products):
    from django.db.models.signals import post_init, pre_init

    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs.get("instance"))

    pre_init.connect(listener, sender=Category)
    post_init.connect(listener, sender=Category)
    try:
        built = rows_in(Category, {"pk": {products[0].category_id}})
    finally:
        pre_init.disconnect(listener, sender=Category)
        post_init.disconnect(listener, sender=Category)
    assert heard == [None, built[0]]  # pre_init has no instance yet, post_init the built one


def test_a_model_with_its_own_attribute_logic_is_built_by_from_db():
    from django_celery_beat.models import CrontabSchedule

    assert rows._is_plain(Category) and not rows._is_plain(CrontabSchedule)
    schedule = CrontabSchedule.objects.create(minute="5", timezone="Asia/Ho_Chi_Minh")
    (built,) = rows_in(CrontabSchedule, {"pk": {schedule.pk}})
    assert str(built.timezone) == "Asia/Ho_Chi_Minh" and not isinstance(built.timezone, str)
