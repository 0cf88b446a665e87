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
    counts = [q["sql"] for q in captured if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1 and 'catalog_product"' not in counts[0].split("FROM", 1)[1]
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
