"""``manage.py populatedb``: the demo data on the real PostgreSQL, and that seeding twice
changes nothing."""

import io
import unicodedata

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models import Exists, OuterRef
from django.utils import timezone
from PIL import Image

from marketplace.accounts.models import User
from marketplace.catalog.models import (
    Category,
    Collection,
    CollectionChannelListing,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.search import update_product_search_documents
from marketplace.channels.models import Channel
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.inventory.models import ClickAndCollectOption, Warehouse
from marketplace.routes.models import TourismRoute
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus
from vendors.villages.models import CraftVillage

SEEDED_APPS = (
    "accounts",
    "catalog",
    "channels",
    "inventory",
    "routes",
    "shops",
    "villages",
    "orders",
    "payments",
    "checkout",
    "content",
)
ROUTE_VILLAGES = {
    "nam-thang-long-ve-nguon-coi": [None, "quang-phu-cau", "phung-xa"],
    "nam-thang-long-tinh-hoa-lang-nghe": ["ha-thai", "phuc-am", "lang-cuu"],
    "dau-chan-lang-co-bat-trang": [None, None, None, "bat-trang"],
}


def populate(*args: str) -> str:
    """Run populatedb as on a demo or test database (the test settings have DEBUG off)."""
    out = io.StringIO()
    call_command("populatedb", "--demo-accounts", *args, stdout=out)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()  # type: ignore[attr-defined]
        for app in SEEDED_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _assert_places() -> None:
    villages = CraftVillage.objects.prefetch_related("translations")
    assert villages.count() == 17
    for village in villages:
        english = [t for t in village.translations.all() if t.language_code == "en"]
        assert english and english[0].name and english[0].craft, village.slug
        assert village.province == "Hà Nội" and village.commune and village.search_document
    assert "bat trang" in CraftVillage.objects.get(slug="bat-trang").search_document

    routes = TourismRoute.objects.prefetch_related("stops__village", "translations")
    assert {r.slug for r in routes} == set(ROUTE_VILLAGES)
    for route in routes:
        stops = list(route.stops.order_by("position"))
        assert [s.position for s in stops] == list(range(1, len(stops) + 1))
        assert [s.village.slug if s.village else None for s in stops] == ROUTE_VILLAGES[route.slug]
        assert route.is_published and route.launched_on
        assert [t.name for t in route.translations.all() if t.language_code == "en"]


def _assert_vendors() -> None:
    assert Vendor.objects.filter(status=VendorStatus.ACTIVE).count() >= 25
    assert Vendor.objects.filter(status=VendorStatus.PENDING).count() == 1
    assert not Vendor.objects.filter(warehouses__isnull=True).exists()
    for vendor in Vendor.objects.all():
        assert vendor.phone.startswith("+849") and len(vendor.phone) == 12
        assert vendor.search_document
    for warehouse in Warehouse.objects.select_related("address", "vendor"):
        assert warehouse.address.country == "VN"
        assert warehouse.address.country_area == "Thành phố Hà Nội"
        assert 10000 <= int(warehouse.address.postal_code) <= 14999
        if warehouse.vendor and warehouse.vendor.allows_pickup:
            assert warehouse.click_and_collect_option == ClickAndCollectOption.LOCAL
    centre = Warehouse.objects.get(slug="design-centre-hanoi-museum")
    assert centre.vendor is None and centre.click_and_collect_option == ClickAndCollectOption.ALL


def _assert_catalogue() -> None:
    default = Channel.objects.get(slug="default-channel")
    showcase = Channel.objects.get(slug="design-centre")
    assert not Category.objects.filter(parent__isnull=True).exclude(level=0).exists()
    assert not Category.objects.filter(parent__isnull=False).exclude(level=1).exists()
    assert not Category.objects.filter(translations__isnull=True).exists()

    assert Product.objects.count() >= 300
    for name in Product.objects.values_list("name", flat=True):
        assert name == unicodedata.normalize("NFC", name)
    assert not Product.objects.filter(translations__isnull=True).exists()
    assert not Product.objects.filter(variants__isnull=True).exists()
    assert ProductVariant.objects.filter(sku__isnull=True).count() == 0

    published = ProductChannelListing.objects.filter(
        channel=default, is_published=True, product__vendor__status=VendorStatus.ACTIVE
    )
    priced = ProductVariantChannelListing.objects.filter(
        variant__product_id=OuterRef("product_id"), channel=default
    )
    assert published.count() >= 290
    assert not published.exclude(Exists(priced)).exists()
    assert not published.filter(discounted_price_amount__isnull=True).exists()
    assert ProductChannelListing.objects.filter(channel=default, is_published=False).exists()
    prices = ProductVariantChannelListing.objects.values_list("price_amount", flat=True)
    assert all(p % 1000 == 0 and 35_000 <= p <= 12_000_000 for p in prices)

    bat_trang = Product.objects.filter(vendor__village__slug="bat-trang").first()
    assert "bat trang" in bat_trang.search_document  # type: ignore[union-attr]
    assert Product.objects.published(showcase.pk).count() >= 10
    # The pending shop's products exist but are not public.
    pending = Product.objects.filter(vendor__status=VendorStatus.PENDING)
    assert pending.exists()
    assert not Product.objects.published(default.pk).filter(pk__in=pending).exists()


def _assert_collections_and_accounts() -> None:
    showcase_listings = CollectionChannelListing.objects.filter(
        channel__slug="design-centre", is_published=True
    )
    assert showcase_listings.count() == 2
    assert showcase_listings.filter(published_at__gt=timezone.now()).count() == 1
    for collection in Collection.objects.filter(channel_listings__in=showcase_listings):
        orders = list(collection.collection_products.values_list("sort_order", flat=True))
        assert orders == list(range(len(orders))) and orders
    assert CollectionChannelListing.objects.filter(channel__slug="default-channel").count() == 2

    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(account.password), account.email
        assert (user.is_staff, user.is_superuser) == (account.is_staff, account.is_superuser)
    assert User.objects.get(email="admin@langnghe.vn").is_superuser
    membership = VendorMember.objects.get(user__email="artisan@langnghe.vn")
    assert membership.role == VendorMemberRole.OWNER
    assert membership.vendor.village.slug == "bat-trang"  # type: ignore[union-attr]


def _assert_orders():
    from marketplace.orders.models import Order

    mine = Order.objects.get(user__email="customer@langnghe.vn")
    parts = {part.vendor.slug: part.status for part in mine.vendor_orders.select_related("vendor")}
    assert len(parts) == 3 and mine.status == "PARTIALLY_FULFILLED" and mine.gateway == "vn.cod"
    assert parts[VendorMember.objects.get(user__email="artisan@langnghe.vn").vendor.slug] == "UNFULFILLED"
    assert sorted(parts.values()).count("FULFILLED") == 1
    # The customer reviewed what arrived (the shipped part's line), through the reviews service.
    from marketplace.reviews.models import Review

    (review,) = Review.objects.filter(user__email="customer@langnghe.vn")
    assert review.order_line.vendor_order.status == "FULFILLED" and review.rating == 5
    assert review.product.review_count == 1 and review.product.rating == 5.0
    pickup = Order.objects.get(user_email="emma.wilson@example.com")
    assert pickup.collection_point.slug == "design-centre-hanoi-museum" and pickup.language_code == "en"
    assert pickup.shipping_price_amount == 0


@pytest.mark.django_db
def test_populatedb_refuses_without_debug_or_the_demo_accounts_flag(settings):
    settings.DEBUG = False
    before = table_counts()

    with pytest.raises(CommandError) as refused:
        call_command("populatedb", "--skip-images", stdout=io.StringIO())

    message = str(refused.value)
    assert "passwords are published in the repository" in message
    assert "admin@langnghe.vn is a superuser" in message and "--demo-accounts" in message
    assert "Nothing was written" in message
    assert table_counts() == before
    assert not User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).exists()
    assert not CraftVillage.objects.exists() and not Vendor.objects.exists()


@pytest.mark.django_db
def test_populatedb_seeds_the_demo_with_debug_on_and_is_idempotent(settings):
    settings.DEBUG = True  # what `make demo` runs: no flag needed
    out = io.StringIO()
    call_command("populatedb", "--skip-images", stdout=out)
    output = out.getvalue()
    settings.DEBUG = False

    _assert_places()
    _assert_vendors()
    _assert_catalogue()
    _assert_collections_and_accounts()
    _assert_orders()
    assert ProductMedia.objects.count() == 0
    for account in DEMO_ACCOUNTS:
        assert account.email in output and account.password in output

    counts = table_counts()
    User.objects.filter(email="admin@langnghe.vn").update(password="broken")
    populate("--skip-images")
    assert table_counts() == counts
    assert User.objects.get(email="admin@langnghe.vn").check_password("demo-admin-2026")


@pytest.mark.django_db
def test_populatedb_writes_decodable_images(media_root):
    populate()

    media = list(ProductMedia.objects.all())
    assert len(media) >= Product.objects.count()
    assert not Product.objects.filter(media__isnull=True).exists()
    for item in media:
        assert item.image.name.startswith("products/") and item.alt
        assert default_storage.exists(item.image.name), item.image.name
    for item in media[:: max(1, len(media) // 25)]:
        with default_storage.open(item.image.name) as handle, Image.open(handle) as image:
            image.load()
            assert image.format == "JPEG" and image.size == (800, 800)
    for collection in Collection.objects.all():
        assert collection.background_image and default_storage.exists(collection.background_image.name)

    counts = table_counts()
    populate()
    assert table_counts() == counts


@pytest.mark.django_db
def test_populatedb_large_catalogue_tops_up_once():
    output = populate("--products", "1200", "--skip-images", "--batch-size", "500")

    default = Channel.objects.get(slug="default-channel")
    assert Product.objects.count() >= 1200
    assert ProductChannelListing.objects.filter(channel=default).count() >= 1200
    assert "benchmark catalogue" in output
    bench = Product.objects.filter(slug__startswith="bench-")
    assert bench.exists()
    sample = bench.order_by("slug").first()
    assert sample.slug == "bench-000001" and sample.search_document
    assert sample.variants.filter(sku__startswith="bench-000001-").exists()
    assert ProductChannelListing.objects.get(product=sample, channel=default).discounted_price_amount

    # The search text written with the bulk insert is what the catalogue computes.
    sample_ids = list(bench.order_by("pk").values_list("pk", flat=True)[:50])
    written = dict(bench.filter(pk__in=sample_ids).values_list("pk", "search_document"))
    update_product_search_documents(sample_ids)
    assert dict(bench.filter(pk__in=sample_ids).values_list("pk", "search_document")) == written

    counts = table_counts()
    populate("--products", "1200", "--skip-images")
    assert table_counts() == counts
