"""Deterministic product plans: what the demo (and benchmark) products are, before any
database work. The same seed always gives the same names, variants, prices and stock, so
re-seeding finds every row where it left it.
"""

import itertools
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from marketplace.core.text import nfc, slugify_vi
from marketplace.demo.catalog_data import (
    ATTRIBUTES,
    PRODUCT_TYPES,
    VALUE_PRICE_FACTORS,
    VALUE_WEIGHT_FACTORS,
    ProductTypeSeed,
)
from marketplace.demo.places_data import VILLAGES, VillageSeed
from marketplace.demo.product_templates import Motif, ProductTemplate, templates_for
from marketplace.demo.vendors_data import (
    PRODUCTS_PER_PENDING_VENDOR,
    PRODUCTS_PER_VENDOR,
    VENDORS,
    vendor_slug,
)

BENCH_PREFIX = "bench-"  # slugs and SKUs of the benchmark catalogue
MIN_PRICE = 35_000
MAX_PRICE = 12_000_000
PUBLISHED_FROM = datetime(2025, 9, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

PRODUCT_TYPE_SEEDS: dict[str, ProductTypeSeed] = {t.slug: t for t in PRODUCT_TYPES}
VILLAGE_SEEDS: dict[str, VillageSeed] = {v.slug: v for v in VILLAGES}
# (attribute slug, value slug) -> (vi name, en name)
VALUE_NAMES: dict[tuple[str, str], tuple[str, str]] = {
    (a.slug, v.slug): (v.name, v.name_en) for a in ATTRIBUTES for v in a.values
}
VALUE_NAMES.update({("xuat-xu", v.slug): (v.name, v.name_en) for v in VILLAGES})


@dataclass(frozen=True)
class VariantPlan:
    sku: str
    values: tuple[tuple[str, str], ...]  # (attribute slug, value slug), in axis order
    price: int
    cost_price: int
    quantity: int
    weight_grams: int | None

    @property
    def name(self) -> str:
        return " / ".join(VALUE_NAMES[value][0] for value in self.values)

    @property
    def name_en(self) -> str:
        return " / ".join(VALUE_NAMES[value][1] for value in self.values)


@dataclass(frozen=True)
class ProductPlan:
    slug: str
    name: str
    name_en: str
    vendor_slug: str
    village: VillageSeed
    craft: str  # top-level category slug
    template: ProductTemplate
    material: str | None
    variants: tuple[VariantPlan, ...]
    rating: float | None
    is_published: bool
    published_at: datetime
    in_showcase: bool
    media_count: int

    @property
    def product_values(self) -> tuple[tuple[str, str], ...]:
        attributes = PRODUCT_TYPE_SEEDS[self.template.product_type].product_attributes
        values = []
        for attribute in attributes:
            if attribute == "chat-lieu" and self.material:
                values.append(("chat-lieu", self.material))
            elif attribute == "xuat-xu":
                values.append(("xuat-xu", self.village.slug))
        return tuple(values)


def round_price(amount: float) -> int:
    """Whole đồng, rounded to 1,000, inside the demo's price band."""
    return int(min(MAX_PRICE, max(MIN_PRICE, round(amount / 1000) * 1000)))


def _axis_candidates(template: ProductTemplate, motif: Motif) -> list[tuple[str, tuple[str, ...]]]:
    order = PRODUCT_TYPE_SEEDS[template.product_type].variant_attributes
    axes = []
    for attribute in order:
        allowed = template.axes.get(attribute)
        if not allowed:
            continue
        pinned = tuple(v for v in allowed if v in motif.fixed)
        axes.append((attribute, pinned or allowed))
    return axes


def plan_variants(
    template: ProductTemplate,
    motif: Motif,
    rng: random.Random,
    *,
    sku_prefix: str,
    max_variants: int = 4,
) -> tuple[VariantPlan, ...]:
    axes = _axis_candidates(template, motif)
    combos = list(itertools.product(*(values for _, values in axes)))
    count = min(len(combos), rng.choice((1, 2, 2, 3, 3, 4)), max_variants)
    chosen = sorted(rng.sample(range(len(combos)), count))
    low, high = template.price
    base = rng.randint(low // 5000, high // 5000) * 5000
    type_weight = PRODUCT_TYPE_SEEDS[template.product_type].weight_grams
    picked = [
        tuple((axis, value) for (axis, _), value in zip(axes, combos[index], strict=True)) for index in chosen
    ]
    factors = [math.prod(VALUE_PRICE_FACTORS.get(value, 1.0) for _, value in v) for v in picked]
    cheapest = min(factors)  # the cheapest variant costs ``base``, whatever its size
    variants = []
    for number, (values, factor) in enumerate(zip(picked, factors, strict=True), start=1):
        weight_factor: float | None = None
        for _, value in values:
            if value in VALUE_WEIGHT_FACTORS:
                weight_factor = (weight_factor or 1.0) * VALUE_WEIGHT_FACTORS[value]
        price = round_price(base * factor / cheapest)
        variants.append(
            VariantPlan(
                sku=f"{sku_prefix}-{number}",
                values=values,
                price=price,
                cost_price=round_price(price * rng.uniform(0.5, 0.68)),
                quantity=0 if rng.random() < 0.05 else rng.randint(3, 200),
                weight_grams=round(type_weight * weight_factor) if weight_factor else None,
            )
        )
    return tuple(variants)


def _vendor_craft(craft: str | None, village: VillageSeed) -> str:
    return craft or village.craft_key


def plan_demo_products() -> list[ProductPlan]:
    """Every demo product, in a stable order (vendor by vendor)."""
    plans: list[ProductPlan] = []
    for vendor_no, seed in enumerate(VENDORS, start=1):
        slug = vendor_slug(seed)
        village = VILLAGE_SEEDS[seed.village]
        craft = _vendor_craft(seed.craft, village)
        rng = random.Random(f"demo:{slug}")
        combos = [(t, b, m) for t in templates_for(craft, village.slug) for b in t.bases for m in t.motifs]
        count = PRODUCTS_PER_PENDING_VENDOR if seed.pending else PRODUCTS_PER_VENDOR
        for k, (template, base, motif) in enumerate(rng.sample(combos, count)):
            name = nfc(f"{base.name} {motif.name}")
            material = base.material or (rng.choice(template.materials) if template.materials else None)
            plans.append(
                ProductPlan(
                    slug=f"{slugify_vi(name)}-{slug}"[:255],
                    name=name,
                    name_en=f"{base.name_en} {motif.name_en}",
                    vendor_slug=slug,
                    village=village,
                    craft=craft,
                    template=template,
                    material=material,
                    variants=plan_variants(
                        template, motif, rng, sku_prefix=f"LN-{vendor_no:02d}-{k + 1:03d}"
                    ),
                    rating=round(rng.uniform(3.6, 5.0), 1) if rng.random() < 0.6 else None,
                    # A handful stay unpublished: the last product of every sixth shop.
                    is_published=not (k == count - 1 and vendor_no % 6 == 0),
                    published_at=PUBLISHED_FROM + timedelta(days=vendor_no * 3 + k, hours=k),
                    in_showcase=seed.showcase and k == 0,
                    media_count=1 + k % 3,
                )
            )
    return plans
