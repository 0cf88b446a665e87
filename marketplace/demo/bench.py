"""A large catalogue for benchmarks: ``populatedb --products N`` tops the default channel
up to N products with ``bench-000001``-style slugs and SKUs, in bulk.

Each batch is one transaction (bulk inserts of products, translations, listings,
attribute values, variants, prices and stock, then the denormalised price), so an
interrupted run resumes where it stopped. The search text comes from the catalogue's own
``product_search_texts``, applied to the batch in memory before the insert; should that
ever fail, ``update_product_search_documents`` recomputes it after the insert instead.
Media rows point at images that are already stored instead of writing a file per product.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    AttributeValue,
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.pricing import update_products_discounted_prices
from marketplace.catalog.search import product_search_texts, update_product_search_documents
from marketplace.core.text import nfc
from marketplace.demo.catalog_seed import DEFAULT_CHANNEL, get_channel
from marketplace.demo.content import editorjs, plaintext
from marketplace.demo.images import render_image
from marketplace.demo.planning import BENCH_PREFIX, VILLAGE_SEEDS, ProductPlan, plan_variants
from marketplace.demo.product_templates import ProductTemplate, templates_for
from marketplace.demo.vendors_data import VENDORS, vendor_slug, warehouse_slug
from marketplace.inventory.models import Stock, Warehouse
from vendors.shops.models import Vendor

Log = Callable[[str], None]
BENCH_FROM = datetime(2025, 6, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
MEDIA_PER_CRAFT = 3

# Extra words so that names (and the search text) vary realistically.
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("làm thủ công", "handmade"),
    ("phong cách cổ", "antique style"),
    ("quà tặng", "gift edition"),
    ("cao cấp", "premium"),
    ("truyền thống", "traditional"),
    ("mẫu mới 2026", "2026 design"),
    ("của nghệ nhân", "by a master artisan"),
    ("hàng xuất khẩu", "export quality"),
    ("phiên bản giới hạn", "limited edition"),
    ("mộc mạc", "rustic"),
    ("sang trọng", "luxury"),
    ("đặt riêng", "made to order"),
)


def _quiet(message: str) -> None:
    pass


@dataclass(frozen=True)
class _Shop:
    vendor: Vendor
    warehouse_id: int
    craft: str
    village: str
    templates: tuple[ProductTemplate, ...]


@dataclass
class _Context:
    shops: list[_Shop]
    channel_id: int
    categories: dict[str, Category]
    types: dict[str, ProductType]
    values: dict[tuple[str, str], AttributeValue]
    images: dict[str, list[str]]  # craft -> stored image names (empty: no media rows)
    search_in_memory: bool = True  # off after the first failure: then the catalogue recomputes


def _stored_images(crafts: set[str]) -> dict[str, list[str]]:
    """A few stored product images per craft, reused by every benchmark product."""
    images: dict[str, list[str]] = {craft: [] for craft in crafts}
    rows = (
        ProductMedia.objects.exclude(product__slug__startswith=BENCH_PREFIX)
        .exclude(image="")
        .values_list("product__category__slug", "product__category__parent__slug", "image")
        .order_by("pk")
    )
    for category, parent, name in rows.iterator():
        names = images.setdefault(parent or category, [])
        if len(names) < MEDIA_PER_CRAFT:
            names.append(name)
    for craft, names in images.items():
        if not names:  # the demo ran without images: store one per craft, once
            name = f"products/{BENCH_PREFIX}{craft}.jpg"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(render_image(craft, 0, craft)))
            names.append(name)
    return images


def _context(skip_images: bool) -> _Context:
    vendors = {v.slug: v for v in Vendor.objects.active().select_related("village")}
    warehouses = dict(Warehouse.objects.values_list("slug", "pk"))
    shops = []
    for seed in VENDORS:
        slug = vendor_slug(seed)
        if slug not in vendors or warehouse_slug(slug) not in warehouses:
            continue
        craft = seed.craft or VILLAGE_SEEDS[seed.village].craft_key
        shops.append(
            _Shop(
                vendors[slug],
                warehouses[warehouse_slug(slug)],
                craft,
                seed.village,
                templates_for(craft, seed.village),
            )
        )
    if not shops:
        raise RuntimeError("The benchmark catalogue needs the demo shops: seed them first.")
    values = {(v.attribute.slug, v.slug): v for v in AttributeValue.objects.select_related("attribute")}
    return _Context(
        shops=shops,
        channel_id=get_channel(DEFAULT_CHANNEL).pk,
        categories={c.slug: c for c in Category.objects.all()},
        types={t.slug: t for t in ProductType.objects.all()},
        values=values,
        images={} if skip_images else _stored_images({s.craft for s in shops}),
    )


def _plan(index: int, ctx: _Context) -> tuple[ProductPlan, _Shop, str]:
    rng = random.Random(f"bench:{index}")
    shop = ctx.shops[index % len(ctx.shops)]
    template = rng.choice(shop.templates)
    base, motif = rng.choice(template.bases), rng.choice(template.motifs)
    qualifier, qualifier_en = rng.choice(QUALIFIERS)
    code = f"{BENCH_PREFIX}{index:06d}"
    published_at = BENCH_FROM + timedelta(minutes=index)
    plan = ProductPlan(
        slug=code,
        name=nfc(f"{base.name} {motif.name} {qualifier}"),
        name_en=f"{base.name_en} {motif.name_en}, {qualifier_en}",
        vendor_slug=shop.vendor.slug,
        village=VILLAGE_SEEDS[shop.village],
        craft=shop.craft,
        template=template,
        material=base.material or (rng.choice(template.materials) if template.materials else None),
        variants=plan_variants(template, motif, rng, sku_prefix=code, max_variants=3),
        rating=round(rng.uniform(3.0, 5.0), 1) if rng.random() < 0.4 else None,
        is_published=True,
        published_at=published_at,
        in_showcase=False,
        media_count=1,
    )
    return plan, shop, qualifier


class _Related(list):  # type: ignore[type-arg]
    """A list that answers ``.all()`` like a prefetched related manager."""

    def all(self) -> "_Related":
        return self


@dataclass
class _SearchView:
    """A product as ``product_search_texts`` reads it, built from the unsaved batch."""

    name: str
    description_plaintext: str
    category: Category
    vendor: Vendor
    translations: _Related
    variants: _Related
    attribute_values: _Related


def _search_texts(view: _SearchView, ctx: _Context) -> tuple[str, str] | None:
    """The catalogue's own search text, computed before the insert (re-reading 2,000 rows
    and a CASE update per batch would double the run time); None if it cannot be."""
    if not ctx.search_in_memory:
        return None
    try:
        return product_search_texts(view)  # type: ignore[arg-type]
    except (AttributeError, TypeError, ValueError):
        ctx.search_in_memory = False  # the function needs more than the batch holds
        return None


def _create_batch(indices: list[int], ctx: _Context) -> tuple[list[int], bool]:
    """Insert one batch; returns the product ids and whether their search text is set."""
    products, children = [], []
    for plan, shop, qualifier in (_plan(index, ctx) for index in indices):
        text = [plan.template.blurb, f"Mẫu {qualifier} của {shop.vendor.name}, làng {plan.village.name}."]
        product_type = ctx.types[plan.template.product_type]
        product = Product(
            slug=plan.slug,
            name=plan.name,
            vendor=shop.vendor,
            product_type=product_type,
            category=ctx.categories[plan.template.category],
            description=editorjs(*text),
            description_plaintext=plaintext(*text),
            rating=plan.rating,
            weight_grams=product_type.weight_grams,
            created_at=plan.published_at,
        )
        translation = ProductTranslation(
            product=product,
            language_code="en",
            name=plan.name_en,
            description=editorjs(plan.template.blurb_en),
        )
        values = [
            AssignedProductAttributeValue(product=product, value=ctx.values[key], sort_order=n)
            for n, key in enumerate(plan.product_values)
        ]
        variants = [
            ProductVariant(
                product=product,
                sku=variant.sku,
                name=variant.name,
                sort_order=order,
                weight_grams=variant.weight_grams,
                created_at=plan.published_at,
            )
            for order, variant in enumerate(plan.variants)
        ]
        texts = _search_texts(
            _SearchView(
                product.name,
                product.description_plaintext,
                product.category,  # type: ignore[arg-type]
                shop.vendor,
                _Related([translation]),
                _Related(variants),
                _Related(values),
            ),
            ctx,
        )
        if texts:
            product.search_name, product.search_document = texts
        products.append(product)
        children.append((plan, shop, translation, values, variants))

    Product.objects.bulk_create(products)
    if any(p.pk is None for p in products):  # backends that cannot return ids
        ids = dict(Product.objects.filter(slug__in=[p.slug for p in products]).values_list("slug", "pk"))
        for product in products:
            product.pk = ids[product.slug]
    listings, media = [], []
    for plan, _shop, translation, _values, _variants in children:
        product = translation.product
        listings.append(
            ProductChannelListing(
                product=product,
                channel_id=ctx.channel_id,
                is_published=True,
                published_at=plan.published_at,
                available_for_purchase_at=plan.published_at,
                currency="VND",
            )
        )
        names = ctx.images.get(plan.craft)
        if names:
            media.append(
                ProductMedia(product=product, image=names[product.pk % len(names)], alt=plan.name[:250])
            )
    ProductTranslation.objects.bulk_create([c[2] for c in children])
    ProductChannelListing.objects.bulk_create(listings)
    AssignedProductAttributeValue.objects.bulk_create([v for c in children for v in c[3]])
    ProductMedia.objects.bulk_create(media)
    variants = [v for c in children for v in c[4]]
    ProductVariant.objects.bulk_create(variants)
    if any(v.pk is None for v in variants):
        ids = dict(ProductVariant.objects.filter(sku__in=[v.sku for v in variants]).values_list("sku", "pk"))  # type: ignore[arg-type]
        for variant in variants:
            variant.pk = ids[variant.sku]  # type: ignore[index]
    prices, stocks, variant_values = [], [], []
    for plan, shop, _, _, variant_objects in children:
        for variant, obj in zip(plan.variants, variant_objects, strict=True):  # type: ignore[assignment]
            prices.append(
                ProductVariantChannelListing(
                    variant=obj,
                    channel_id=ctx.channel_id,
                    currency="VND",
                    price_amount=Decimal(variant.price),  # type: ignore[attr-defined]
                    cost_price_amount=Decimal(variant.cost_price),  # type: ignore[attr-defined]
                )
            )
            stocks.append(
                Stock(warehouse_id=shop.warehouse_id, product_variant=obj, quantity=variant.quantity)  # type: ignore[attr-defined]
            )
            variant_values += [
                AssignedVariantAttributeValue(variant=obj, value=ctx.values[key], sort_order=n)
                for n, key in enumerate(variant.values)  # type: ignore[attr-defined]
            ]
    ProductVariantChannelListing.objects.bulk_create(prices)
    Stock.objects.bulk_create(stocks)
    AssignedVariantAttributeValue.objects.bulk_create(variant_values)
    return [p.pk for p in products], all(p.search_document for p in products)


def _existing_indices() -> set[int]:
    slugs = Product.objects.filter(slug__startswith=BENCH_PREFIX).values_list("slug", flat=True)
    suffixes = (slug[len(BENCH_PREFIX) :] for slug in slugs.iterator())
    return {int(s) for s in suffixes if s.isdigit()}


def seed_large_catalog(
    total: int, *, skip_images: bool = False, batch_size: int = 2000, log: Log = _quiet
) -> int:
    """Top ``default-channel`` up to ``total`` products; returns how many were created."""
    channel = get_channel(DEFAULT_CHANNEL)
    demo = (
        ProductChannelListing.objects.filter(channel=channel)
        .exclude(product__slug__startswith=BENCH_PREFIX)
        .count()
    )
    target = max(0, total - demo)
    existing = _existing_indices()
    missing = [i for i in range(1, target + 1) if i not in existing]
    if not missing:
        log(f"benchmark catalogue: complete ({target} products, nothing to add)")
        return 0
    ctx = _context(skip_images)
    log(f"benchmark catalogue: adding {len(missing)} products in batches of {batch_size}")
    started, created = time.monotonic(), 0
    for start in range(0, len(missing), batch_size):
        with transaction.atomic():
            ids, searchable = _create_batch(missing[start : start + batch_size], ctx)
            update_products_discounted_prices(ids)
            if not searchable:
                update_product_search_documents(ids)
        created += len(ids)
        log(f"  {created}/{len(missing)} products ({time.monotonic() - started:.1f} s)")
    return created
