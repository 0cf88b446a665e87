"""``totalCount`` of an unfiltered product list is counted on the listings alone (each
listing carries every visibility fact, the shop's status kept by database triggers): after
every kind of write that changes what the public sees, it equals the length of the list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalog.models import Product, ProductChannelListing
from marketplace.catalog.selectors import listed_count, visible_products
from marketplace.catalog.services.listings import product_channel_listing_update
from marketplace.catalog.services.products import product_delete
from marketplace.catalog.services.variants import variant_delete
from tests.conftest import client_for, data
from tests.factories import UserFactory, VendorFactory, listed_product
from vendors.shops.models import Vendor, VendorStatus
from vendors.shops.services import vendor_approve, vendor_suspend

pytestmark = pytest.mark.django_db

LIST = """
query ($channel: String, $filter: ProductFilterInput) {
  products(first: 100, channel: $channel, filter: $filter) {
    totalCount
    edges { node { id name } }
  }
}
"""


@pytest.fixture
def staff(db):  # type: ignore[no-untyped-def]
    return UserFactory(is_superuser=True, is_staff=True)


def counted(client, **variables) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    products = data(client.graphql(LIST, {"channel": "default-channel", **variables}))["products"]
    return products["totalCount"], sorted(edge["node"]["name"] for edge in products["edges"])


def assert_consistent(client, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    total, names = counted(client)
    assert names == sorted(expected)
    assert total == len(expected)


def test_the_count_matches_the_list_whatever_hides_a_product(api_client, seeded_channels):
    channel = seeded_channels["default-channel"]
    listed_product(name="Bình")
    listed_product(name="Nháp", published=False)
    listed_product(name="Ẩn", visible_in_listings=False)
    listed_product(name="Chưa có giá", prices=())
    listed_product(name="Sắp bán").channel_listings.update(published_at=timezone.now() + timedelta(days=1))
    listed_product(name="Chờ duyệt", vendor=VendorFactory(status=VendorStatus.PENDING))
    with CaptureQueriesContext(connection) as captured:
        assert_consistent(api_client, {"Bình"})
    counts = [q["sql"] for q in captured if "catalog_listedproductcount" in q["sql"]]
    assert len(counts) == 1 and "catalog_product " not in counts[0]  # the kept count; no product read
    assert not [q for q in captured if "COUNT(*)" in q["sql"]]  # and nothing counted row by row
    assert listed_count(channel_id=channel.pk) == 1
    # The unfiltered count takes the listings' own path; a filtered one counts the list's query.
    total, names = counted(api_client, filter={"search": "binh"})
    assert (total, names) == (1, ["Bình"])


def test_publish_and_unpublish(api_client, seeded_channels, staff):
    channel = seeded_channels["default-channel"]
    vase = listed_product(name="Bình")
    listed_product(name="Chén")
    assert_consistent(api_client, {"Bình", "Chén"})
    product_channel_listing_update(
        actor=staff, product=vase, update=[{"channel_id": channel.pk, "is_published": False}], remove=[]
    )
    assert_consistent(api_client, {"Chén"})
    product_channel_listing_update(
        actor=staff, product=vase, update=[{"channel_id": channel.pk, "is_published": True}], remove=[]
    )
    assert_consistent(api_client, {"Bình", "Chén"})
    product_channel_listing_update(actor=staff, product=vase, update=[], remove=[channel.pk])
    assert_consistent(api_client, {"Chén"})


def test_visibility_in_listings(api_client, seeded_channels, staff):
    channel = seeded_channels["default-channel"]
    vase = listed_product(name="Bình")
    listed_product(name="Chén")
    product_channel_listing_update(
        actor=staff,
        product=vase,
        update=[{"channel_id": channel.pk, "visible_in_listings": False}],
        remove=[],
    )
    assert_consistent(api_client, {"Chén"})
    product_channel_listing_update(
        actor=staff, product=vase, update=[{"channel_id": channel.pk, "visible_in_listings": True}], remove=[]
    )
    assert_consistent(api_client, {"Bình", "Chén"})


def test_scheduled_publication(api_client, seeded_channels, staff):
    channel = seeded_channels["default-channel"]
    vase = listed_product(name="Bình")
    later = timezone.now() + timedelta(hours=2)
    product_channel_listing_update(
        actor=staff, product=vase, update=[{"channel_id": channel.pk, "published_at": later}], remove=[]
    )
    assert_consistent(api_client, set())
    product_channel_listing_update(
        actor=staff,
        product=vase,
        update=[{"channel_id": channel.pk, "published_at": timezone.now() - timedelta(seconds=1)}],
        remove=[],
    )
    assert_consistent(api_client, {"Bình"})


def test_removing_the_last_price(api_client, seeded_channels, staff):
    vase = listed_product(name="Bình", prices=(100_000, 120_000))
    listed_product(name="Chén")
    first, second = vase.variants.order_by("pk")
    variant_delete(actor=staff, variant=first)
    assert_consistent(api_client, {"Bình", "Chén"})
    variant_delete(actor=staff, variant=second)
    assert_consistent(api_client, {"Chén"})


def test_shop_suspended_and_approved_again(api_client, seeded_channels, staff):
    shop = VendorFactory()
    listed_product(name="Bình", vendor=shop)
    listed_product(name="Lọ", vendor=shop)
    listed_product(name="Chén")
    vendor_suspend(actor=staff, vendor=shop, reason="kiểm tra")
    assert_consistent(api_client, {"Chén"})
    assert set(
        ProductChannelListing.objects.filter(product__vendor=shop).values_list("vendor_active", flat=True)
    ) == {False}
    vendor_approve(actor=staff, vendor=Vendor.objects.get(pk=shop.pk))
    assert_consistent(api_client, {"Bình", "Lọ", "Chén"})


def test_product_deleted(api_client, seeded_channels, staff):
    vase = listed_product(name="Bình")
    listed_product(name="Chén")
    product_delete(actor=staff, product=vase)
    assert_consistent(api_client, {"Chén"})


def test_writes_outside_the_services_keep_the_shop_status_too(api_client, seeded_channels):
    """The shop's status on the listings is the database's job: bulk updates, a product
    moved to another shop and a listing saved from a stale copy all keep it right."""
    shop, pending = VendorFactory(), VendorFactory(status=VendorStatus.PENDING)
    vase = listed_product(name="Bình", vendor=shop)
    stale = ProductChannelListing.objects.get(product=vase)
    Vendor.objects.filter(pk=shop.pk).update(status=VendorStatus.SUSPENDED)
    assert_consistent(api_client, set())
    stale.save()  # its vendor_active was read while the shop was ACTIVE
    assert_consistent(api_client, set())
    Vendor.objects.filter(pk=shop.pk).update(status=VendorStatus.ACTIVE)
    assert_consistent(api_client, {"Bình"})
    Product.objects.filter(pk=vase.pk).update(vendor=pending)
    assert_consistent(api_client, set())
    Vendor.objects.filter(pk=pending.pk).update(status=VendorStatus.ACTIVE)
    assert_consistent(api_client, {"Bình"})


def test_a_shop_member_counts_its_own_drafts_with_the_list(seeded_channels):
    """A signed-in artisan also sees its shop's unpublished products: its count is the
    list's own query, not the public listings' count."""
    from vendors.shops.models import VendorMember

    shop = VendorFactory()
    artisan = UserFactory()
    VendorMember.objects.create(vendor=shop, user=artisan, role="OWNER")
    listed_product(name="Nháp", vendor=shop, published=False)
    listed_product(name="Chén")
    channel = seeded_channels["default-channel"]
    assert visible_products(channel_id=channel.pk).count() == 1
    total, names = counted(client_for(artisan))
    assert (total, names) == (2, ["Chén", "Nháp"])


def kept_counts() -> dict[int, int]:
    """``ListedProductCount`` summed per channel, next to the listings counted directly."""
    from django.db.models import Sum

    from marketplace.catalog.models import ListedProductCount

    return {
        row["channel_id"]: row["total"]
        for row in ListedProductCount.objects.values("channel_id").annotate(total=Sum("listed"))
        if row["total"]
    }


def counted_directly() -> dict[int, int]:
    from django.db.models import Count

    rows = (
        ProductChannelListing.objects.filter(
            is_published=True,
            visible_in_listings=True,
            vendor_active=True,
            discounted_price_amount__isnull=False,
        )
        .values("channel_id")
        .annotate(total=Count("pk"))
    )
    return {row["channel_id"]: row["total"] for row in rows}


def test_bulk_writes_keep_the_count(api_client, seeded_channels):
    """Writes that bypass the services (queryset updates, bulk inserts, deletes of many rows,
    a listing moved to another channel) are counted by the database all the same."""
    default, centre = seeded_channels["default-channel"], seeded_channels["design-centre"]
    products = [listed_product(name=f"Chén {index:02d}") for index in range(40)]
    assert kept_counts() == counted_directly() == {default.pk: 40}
    ProductChannelListing.objects.filter(product__in=products[:25]).update(is_published=False)
    assert_consistent(api_client, {f"Chén {index:02d}" for index in range(25, 40)})
    ProductChannelListing.objects.filter(product__in=products[30:35]).update(channel=centre)
    assert kept_counts() == counted_directly() == {default.pk: 10, centre.pk: 5}
    ProductChannelListing.objects.filter(product__in=products[:10]).update(is_published=True)
    ProductChannelListing.objects.filter(product__in=products[35:]).delete()
    assert kept_counts() == counted_directly() == {default.pk: 15, centre.pk: 5}
    assert listed_count(channel_id=centre.pk) == 5
    ProductChannelListing.objects.bulk_create(
        ProductChannelListing(
            product=product,
            channel=centre,
            currency=centre.currency_code,
            is_published=True,
            discounted_price_amount=1000,
        )
        for product in products[:3]
    )
    assert kept_counts() == counted_directly() == {default.pk: 15, centre.pk: 8}
    assert listed_count(channel_id=default.pk) == 15


def test_a_write_that_changes_no_visibility_leaves_the_count_rows_alone(seeded_channels):
    """A price change of a listed product (the commonest listing write) does not touch the
    counter rows, so it never waits on another writer of the same row."""
    vase = listed_product(name="Bình")

    def versions() -> set:
        with connection.cursor() as cursor:  # every write of a row makes a new version (ctid)
            cursor.execute("SELECT ctid::text, listed FROM catalog_listedproductcount")
            return set(cursor.fetchall())

    before = versions()
    assert sum(listed for _, listed in before) == 1
    ProductChannelListing.objects.filter(product=vase).update(discounted_price_amount=5)
    assert versions() == before
    ProductChannelListing.objects.filter(product=vase).update(visible_in_listings=False)  # this one counts
    assert versions() != before and sum(listed for _, listed in versions()) == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_count(seeded_channels):
    """Eight connections publish and unpublish their own products at once, each in its own
    transactions: the kept count ends equal to the listings counted directly."""
    import random
    import threading

    from django.db import close_old_connections, transaction

    default = seeded_channels["default-channel"]
    products = [listed_product(name=f"Bình {index:02d}") for index in range(32)]
    barrier = threading.Barrier(8)
    failures: list[BaseException] = []

    def writer(mine: list[Product], seed: int) -> None:
        chooser = random.Random(seed)
        try:
            barrier.wait()
            for _ in range(15):
                with transaction.atomic():
                    picked = chooser.sample(mine, 2)
                    ProductChannelListing.objects.filter(product__in=picked).update(
                        is_published=chooser.random() < 0.5
                    )
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer, args=(products[i::8], i)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    expected = counted_directly().get(default.pk, 0)
    assert kept_counts().get(default.pk, 0) == expected
    assert listed_count(channel_id=default.pk) == expected
