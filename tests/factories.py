"""factory_boy factories for the catalogue, places and shops, used behind pytest fixtures."""

from decimal import Decimal

import factory
import pytest

from marketplace.accounts.models import Address, User
from marketplace.catalog.models import (
    Category,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.pricing import update_products_discounted_prices
from marketplace.catalog.search import update_product_search_documents
from marketplace.channels.models import Channel
from marketplace.inventory.models import Stock, Warehouse
from marketplace.shipping.defaults import ensure_default_zones
from marketplace.shipping.models import ShippingMethod, ShippingZone
from vendors.shops.models import Vendor, VendorStatus
from vendors.villages.models import CraftVillage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    password = factory.django.Password("secret-pass-123")


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    first_name = "Nguyễn"
    last_name = "An"
    street_address_1 = "Số 1 đường Giang Cao"
    city = "Xã Bát Tràng"
    country_area = "Thành phố Hà Nội"
    postal_code = "12400"
    phone = "+84912345678"


class CraftVillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CraftVillage

    slug = factory.Sequence(lambda n: f"village-{n}")
    name = factory.Sequence(lambda n: f"Làng {n}")
    craft = "Gốm sứ"
    commune = "xã Bát Tràng"


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    slug = factory.Sequence(lambda n: f"vendor-{n}")
    name = factory.Sequence(lambda n: f"Xưởng {n}")
    village = factory.SubFactory(CraftVillageFactory)
    status = VendorStatus.ACTIVE


class WarehouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Warehouse

    name = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    vendor = factory.SubFactory(VendorFactory)
    address = factory.SubFactory(AddressFactory)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Danh mục {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductType

    name = factory.Sequence(lambda n: f"Type {n}")
    slug = factory.Sequence(lambda n: f"type-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Sản phẩm {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    vendor = factory.SubFactory(VendorFactory)
    product_type = factory.SubFactory(ProductTypeFactory)
    category = factory.SubFactory(CategoryFactory)


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    name = factory.Sequence(lambda n: f"Bộ sưu tập {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")


def channel(slug: str = "default-channel") -> Channel:
    """The channels come from a data migration; transactional tests flush them, so recreate."""
    return Channel.objects.get_or_create(
        slug=slug, defaults={"name": slug, "currency_code": "VND", "default_country": "VN"}
    )[0]


def listed_product(
    *,
    channel_slug: str = "default-channel",
    prices: tuple[int, ...] = (100_000,),
    stock: int = 10,
    published: bool = True,
    visible_in_listings: bool = True,
    warehouse: Warehouse | None = None,
    **product_fields,
) -> Product:
    """A product with one variant per price, listed and priced in a channel, with stock."""
    product = ProductFactory(**product_fields)
    ch = channel(channel_slug)
    ProductChannelListing.objects.create(  # type: ignore[misc]
        product=product,
        channel=ch,
        currency=ch.currency_code,
        is_published=published,
        visible_in_listings=visible_in_listings,
        available_for_purchase_at=product.created_at,  # type: ignore[attr-defined]
    )
    warehouse = warehouse or WarehouseFactory(vendor=product.vendor)  # type: ignore[assignment]
    for index, price in enumerate(prices):
        variant = ProductVariant.objects.create(  # type: ignore[misc]
            product=product, sku=f"{product.slug}-{index}", name=f"Loại {index}"
        )
        ProductVariantChannelListing.objects.create(
            variant=variant, channel=ch, currency=ch.currency_code, price_amount=Decimal(price)
        )
        Stock.objects.create(warehouse=warehouse, product_variant=variant, quantity=stock)  # type: ignore[misc]
    update_products_discounted_prices([product.pk])  # type: ignore[attr-defined]
    update_product_search_documents([product.pk])  # type: ignore[attr-defined]
    product.refresh_from_db()  # type: ignore[attr-defined]
    return product  # type: ignore[return-value]


def published_collection(*products: Product, channel_slug: str = "default-channel", **fields) -> Collection:
    collection = CollectionFactory(**fields)
    CollectionChannelListing.objects.create(  # type: ignore[misc]
        collection=collection, channel=channel(channel_slug), is_published=True
    )
    for order, product in enumerate(products):
        CollectionProduct.objects.create(collection=collection, product=product, sort_order=order)  # type: ignore[misc]
    return collection  # type: ignore[return-value]


@pytest.fixture
def seeded_channels(db) -> dict[str, Channel]:
    """The data migrations' channels and shipping zones (transactional tests flush them)."""
    ensure_default_zones(ShippingZone, ShippingMethod)
    return {slug: channel(slug) for slug in ("default-channel", "design-centre")}
