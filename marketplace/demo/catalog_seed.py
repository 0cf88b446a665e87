"""Seeding the demo catalogue: categories, attributes, product types, products with their
variants, listings, stock and media, and the featured collections.

Database rows are written in one transaction per step; image files are written after
it (or before it, for collections), outside any transaction.
"""

from collections.abc import Callable, Iterable
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeTranslation,
    AttributeValue,
    AttributeValueTranslation,
    AttributeVariant,
    Category,
    CategoryTranslation,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    CollectionTranslation,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    ProductVariantTranslation,
)
from marketplace.catalog.pricing import update_products_discounted_prices
from marketplace.catalog.search import update_product_search_documents
from marketplace.channels.models import Channel
from marketplace.core.text import nfc, slugify_vi
from marketplace.demo.catalog_data import ATTRIBUTES, CATEGORY_TREE, PRODUCT_TYPES
from marketplace.demo.collections_data import COLLECTIONS, CollectionSeed
from marketplace.demo.content import editorjs, plaintext
from marketplace.demo.images import ImageCache
from marketplace.demo.places_data import VILLAGES
from marketplace.demo.planning import BENCH_PREFIX, ProductPlan, plan_demo_products
from marketplace.demo.upsert import bulk_upsert
from marketplace.demo.vendors_data import warehouse_slug
from marketplace.inventory.models import Stock, Warehouse
from vendors.shops.models import Vendor

Log = Callable[[str], None]
DEFAULT_CHANNEL = "default-channel"
SHOWCASE_CHANNEL = "design-centre"
CHANNEL_NAMES = {
    DEFAULT_CHANNEL: "Làng Nghề Market",
    SHOWCASE_CHANNEL: "Trung tâm Thiết kế Sáng tạo Hà Nội",
}


def _quiet(message: str) -> None:
    pass


def get_channel(slug: str) -> Channel:
    """The channels come from a data migration; recreate them if a test flushed them."""
    return Channel.objects.get_or_create(
        slug=slug,
        defaults={"name": CHANNEL_NAMES[slug], "currency_code": "VND", "default_country": "VN"},
    )[0]


# ---------------------------------------------------------------- taxonomy


def _seed_categories() -> dict[str, Category]:
    categories: dict[str, Category] = {}

    def upsert(seed, parent: Category | None) -> Category:  # type: ignore[no-untyped-def]
        category, _ = Category.objects.update_or_create(
            slug=slugify_vi(seed.name),
            defaults={
                "name": nfc(seed.name),
                "parent": parent,
                "level": 0 if parent is None else parent.level + 1,
                "description": editorjs(seed.description),
                "description_plaintext": plaintext(seed.description),
                "seo_title": nfc(seed.name),
                "seo_description": nfc(seed.description),
            },
        )
        CategoryTranslation.objects.update_or_create(
            category=category,
            language_code="en",
            defaults={"name": seed.name_en, "description": editorjs(seed.description_en)},
        )
        categories[category.slug] = category
        return category

    for root in CATEGORY_TREE:
        parent = upsert(root, None)
        for child in root.children:
            upsert(child, parent)
    return categories


def _seed_attributes() -> dict[tuple[str, str], AttributeValue]:
    values: dict[tuple[str, str], AttributeValue] = {}
    for position, seed in enumerate(ATTRIBUTES):
        attribute, _ = Attribute.objects.update_or_create(
            slug=seed.slug,
            defaults={
                "name": nfc(seed.name),
                "input_type": seed.input_type,
                "storefront_search_position": position,
            },
        )
        AttributeTranslation.objects.update_or_create(
            attribute=attribute, language_code="en", defaults={"name": seed.name_en}
        )
        rows = [(v.slug, v.name, v.name_en, v.value) for v in seed.values]
        if seed.slug == "xuat-xu":
            rows = [(v.slug, v.name, v.name_en, "") for v in VILLAGES]
        for order, (slug, name, name_en, swatch) in enumerate(rows):
            value, _ = AttributeValue.objects.update_or_create(
                attribute=attribute,
                slug=slug,
                defaults={"name": nfc(name), "value": swatch, "sort_order": order},
            )
            AttributeValueTranslation.objects.update_or_create(
                attribute_value=value, language_code="en", defaults={"name": name_en}
            )
            values[(seed.slug, slug)] = value
    return values


def _seed_product_types() -> dict[str, ProductType]:
    attributes = {a.slug: a for a in Attribute.objects.all()}
    types: dict[str, ProductType] = {}
    for seed in PRODUCT_TYPES:
        product_type, _ = ProductType.objects.update_or_create(
            slug=seed.slug,
            defaults={
                "name": nfc(seed.name),
                "has_variants": seed.has_variants,
                "weight_grams": seed.weight_grams,
                "is_shipping_required": True,
            },
        )
        for order, slug in enumerate(seed.product_attributes):
            AttributeProduct.objects.update_or_create(
                product_type=product_type,
                attribute=attributes[slug],
                defaults={"sort_order": order},
            )
        for order, slug in enumerate(seed.variant_attributes):
            AttributeVariant.objects.update_or_create(
                product_type=product_type,
                attribute=attributes[slug],
                defaults={"sort_order": order, "variant_selection": True},
            )
        types[seed.slug] = product_type
    return types


# ---------------------------------------------------------------- products


def _descriptions(plan: ProductPlan, vendor: Vendor) -> tuple[list[str], list[str]]:
    village = plan.village
    vi = [
        plan.template.blurb,
        f"Sản phẩm của {vendor.name}, làng nghề {village.name} ({village.commune}, Hà Nội).",
    ]
    en = [
        plan.template.blurb_en,
        f"Made by {vendor.name} in {village.name_en} ({village.commune}, Hanoi).",
    ]
    return vi, en


def _product_row(plan: ProductPlan, ctx: dict) -> dict:  # type: ignore[type-arg]
    vendor: Vendor = ctx["vendors"][plan.vendor_slug]
    product_type: ProductType = ctx["types"][plan.template.product_type]
    vi, _ = _descriptions(plan, vendor)
    return {
        "slug": plan.slug,
        "vendor_id": vendor.pk,
        "product_type_id": product_type.pk,
        "category_id": ctx["categories"][plan.template.category].pk,
        "name": plan.name,
        "description": editorjs(*vi),
        "description_plaintext": plaintext(*vi),
        "rating": plan.rating,
        "weight_grams": product_type.weight_grams,
        "created_at": plan.published_at,
        "seo_title": plan.name,
        "seo_description": plaintext(*vi)[:500],
    }


def _seed_products(plans: list[ProductPlan], categories, types, values) -> dict[str, Product]:  # type: ignore[no-untyped-def]
    """Every product row keyed as ``update_or_create`` would (slug, SKU, natural keys),
    written with a few bulk queries per table."""
    default, showcase = get_channel(DEFAULT_CHANNEL), get_channel(SHOWCASE_CHANNEL)
    vendors = {v.slug: v for v in Vendor.objects.select_related("village")}
    warehouses = dict(Warehouse.objects.filter(vendor__isnull=False).values_list("slug", "pk"))
    ctx = {"categories": categories, "types": types, "vendors": vendors}
    products = {
        slug: product
        for (slug,), product in bulk_upsert(
            Product, ("slug",), [_product_row(plan, ctx) for plan in plans]
        ).items()
    }
    translations, product_values, listings = [], [], []
    variants, variant_translations, variant_values, prices, stocks = [], [], [], [], []
    for plan in plans:
        product = products[plan.slug]
        _, en = _descriptions(plan, vendors[plan.vendor_slug])
        translations.append(
            {
                "product_id": product.pk,
                "language_code": "en",
                "name": plan.name_en,
                "description": editorjs(*en),
            }
        )
        product_values += [
            {"product_id": product.pk, "value_id": values[key].pk, "sort_order": order}
            for order, key in enumerate(plan.product_values)
        ]
        channels = [default] + ([showcase] if plan.in_showcase else [])
        listings += [
            {
                "product_id": product.pk,
                "channel_id": channel.pk,
                "is_published": plan.is_published,
                "published_at": plan.published_at,
                "visible_in_listings": True,
                "available_for_purchase_at": plan.published_at,
                "currency": channel.currency_code,
            }
            for channel in channels
        ]
        variants += [
            {
                "sku": variant.sku,
                "product_id": product.pk,
                "name": variant.name,
                "sort_order": order,
                "weight_grams": variant.weight_grams,
                "track_inventory": True,
                "created_at": plan.published_at,
            }
            for order, variant in enumerate(plan.variants)
        ]
    variant_ids = {
        sku: variant.pk for (sku,), variant in bulk_upsert(ProductVariant, ("sku",), variants).items()
    }
    for plan in plans:
        channels = [default] + ([showcase] if plan.in_showcase else [])
        warehouse_id = warehouses[warehouse_slug(plan.vendor_slug)]
        for variant in plan.variants:
            pk = variant_ids[variant.sku]
            variant_translations.append(
                {"product_variant_id": pk, "language_code": "en", "name": variant.name_en}
            )
            variant_values += [
                {"variant_id": pk, "value_id": values[key].pk, "sort_order": order}
                for order, key in enumerate(variant.values)
            ]
            prices += [
                {
                    "variant_id": pk,
                    "channel_id": channel.pk,
                    "currency": channel.currency_code,
                    "price_amount": Decimal(variant.price),
                    "cost_price_amount": Decimal(variant.cost_price),
                }
                for channel in channels
            ]
            stocks.append(
                {"warehouse_id": warehouse_id, "product_variant_id": pk, "quantity": variant.quantity}
            )
    bulk_upsert(ProductTranslation, ("product_id", "language_code"), translations)
    bulk_upsert(AssignedProductAttributeValue, ("product_id", "value_id"), product_values)
    bulk_upsert(ProductChannelListing, ("product_id", "channel_id"), listings)
    bulk_upsert(ProductVariantTranslation, ("product_variant_id", "language_code"), variant_translations)
    bulk_upsert(AssignedVariantAttributeValue, ("variant_id", "value_id"), variant_values)
    bulk_upsert(ProductVariantChannelListing, ("variant_id", "channel_id"), prices)
    # Stock is only created: re-seeding must not undo sales and allocations made since.
    bulk_upsert(Stock, ("product_variant_id", "warehouse_id"), stocks, create_only=True)
    return products


def _seed_product_media(plans: list[ProductPlan], products: dict[str, Product], log: Log) -> int:
    """Files first (outside any transaction), then the rows in one transaction."""
    existing = set(
        ProductMedia.objects.filter(product__in=products.values()).values_list("product_id", "sort_order")
    )
    craft_names = {c.slug: c.name for c in Category.objects.filter(level=0)}
    cache = ImageCache()
    media: list[ProductMedia] = []
    for k, plan in enumerate(plans):
        product = products[plan.slug]
        for index in range(plan.media_count):
            if (product.pk, index) in existing:
                continue
            item = ProductMedia(product=product, sort_order=index, alt=nfc(f"{plan.name} – ảnh {index + 1}"))
            data = cache.get(plan.craft, k + index, craft_names.get(plan.craft, plan.craft))
            item.image.save(f"{plan.slug}-{index + 1}.jpg", ContentFile(data), save=False)
            media.append(item)
    with transaction.atomic():
        ProductMedia.objects.bulk_create(media)
    log(f"product media: {len(media)} new files from {len(cache)} generated images")
    return len(media)


def _seed_category_backgrounds(categories: Iterable[Category]) -> None:
    cache = ImageCache()
    for category in categories:
        if category.level == 0 and not category.background_image:
            data = cache.get(category.slug, 0, category.name)
            category.background_image_alt = category.name[:128]
            category.background_image.save(f"{category.slug}.jpg", ContentFile(data), save=True)


def seed_catalog(*, skip_images: bool = False, log: Log = _quiet) -> dict[str, int]:
    plans = plan_demo_products()
    with transaction.atomic():
        categories = _seed_categories()
        values = _seed_attributes()
        types = _seed_product_types()
        products = _seed_products(plans, categories, types, values)
        ids = [p.pk for p in products.values()]
        update_products_discounted_prices(ids)
        update_product_search_documents(ids)
    log(
        f"catalogue: {len(categories)} categories, {len(types)} product types, "
        f"{len(products)} products, {sum(len(p.variants) for p in plans)} variants"
    )
    media = 0
    if not skip_images:
        _seed_category_backgrounds(categories.values())
        media = _seed_product_media(plans, products, log)
    return {"categories": len(categories), "products": len(products), "media": media}


# ---------------------------------------------------------------- collections


def _collection_products(seed: CollectionSeed) -> list[Product]:
    channel = get_channel(seed.channel)
    qs = (
        Product.objects.published(channel.pk)
        .exclude(slug__startswith=BENCH_PREFIX)  # demo products only, whatever else exists
        .order_by("slug")
    )
    if seed.categories:
        qs = qs.filter(category__slug__in=seed.categories)
    if seed.villages:
        qs = qs.filter(vendor__village__slug__in=seed.villages)
    return list(qs[: seed.size])


def _published_at(seed: CollectionSeed, listing: CollectionChannelListing | None):  # type: ignore[no-untyped-def]
    if seed.scheduled_days is None:
        return seed.published_at
    if listing and listing.published_at and listing.published_at > timezone.now():
        return listing.published_at  # still scheduled: keep the date
    return timezone.now().replace(microsecond=0) + timedelta(days=seed.scheduled_days)


def seed_collections(*, skip_images: bool = False, log: Log = _quiet) -> int:
    with transaction.atomic():
        collections = []
        for seed in COLLECTIONS:
            collection, _ = Collection.objects.update_or_create(
                slug=seed.slug,
                defaults={
                    "name": nfc(seed.name),
                    "description": editorjs(seed.description),
                    "seo_title": nfc(seed.name),
                    "seo_description": nfc(seed.description),
                },
            )
            CollectionTranslation.objects.update_or_create(
                collection=collection,
                language_code="en",
                defaults={"name": seed.name_en, "description": editorjs(seed.description_en)},
            )
            channel = get_channel(seed.channel)
            listing = CollectionChannelListing.objects.filter(collection=collection, channel=channel).first()
            CollectionChannelListing.objects.update_or_create(
                collection=collection,
                channel=channel,
                defaults={"is_published": True, "published_at": _published_at(seed, listing)},
            )
            for order, product in enumerate(_collection_products(seed)):
                CollectionProduct.objects.update_or_create(
                    collection=collection, product=product, defaults={"sort_order": order}
                )
            collections.append((seed, collection))
    if not skip_images:
        cache = ImageCache()
        for seed, collection in collections:
            if not collection.background_image:
                collection.background_image_alt = collection.name[:128]
                data = cache.get(seed.image_craft, 1, collection.name)
                collection.background_image.save(f"{seed.slug}.jpg", ContentFile(data), save=True)
    log(f"collections: {len(collections)}")
    return len(collections)
