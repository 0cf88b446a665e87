"""Seeding the demo's storefront content (``content_data.py``): page types and their
attributes, the stories and the storefront's copy as pages with English translations and
slugs, the navbar and footer menus; English slugs for the catalogue's translations; the
"bestseller" flag of the best-rated products. Idempotent: keyed by slugs, every run
updates in place. Runs after the catalogue and collections are seeded."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Model

from marketplace.catalog.attribute_values import own_value_slug
from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeTranslation,
    AttributeValue,
    AttributeValueTranslation,
    Category,
    CategoryTranslation,
    Collection,
    CollectionTranslation,
    Product,
    ProductTranslation,
    ProductType,
)
from marketplace.content.models import (
    AssignedPageAttributeValue,
    AttributePage,
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
)
from marketplace.core.text import slugify_vi
from marketplace.demo.content import editorjs
from marketplace.demo.content_data import (
    BESTSELLERS_PER_CATEGORY,
    MENUS,
    PAGE_ATTRIBUTES,
    PAGE_TYPES,
    PAGES,
    MenuItemSeed,
    PageSeed,
)

Log = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


# ---------------------------------------------------------------- pages


def _page_attributes() -> dict[str, Attribute]:
    attributes = {}
    for position, seed in enumerate(PAGE_ATTRIBUTES):
        attribute, _ = Attribute.objects.update_or_create(
            slug=seed.slug,
            defaults={
                "name": seed.name,
                "type": "PAGE_TYPE",
                "input_type": seed.input_type,
                "entity_type": seed.entity_type,
                "storefront_search_position": position,
            },
        )
        attributes[seed.slug] = attribute
    return attributes


def _page_types(attributes: dict[str, Attribute]) -> dict[str, PageType]:
    types = {}
    for seed in PAGE_TYPES:
        page_type, _ = PageType.objects.update_or_create(slug=seed.slug, defaults={"name": seed.name})
        for order, slug in enumerate(seed.attributes):
            AttributePage.objects.update_or_create(
                page_type=page_type, attribute=attributes[slug], defaults={"sort_order": order}
            )
        types[seed.slug] = page_type
    return types


def _value(page: Page, attribute: Attribute, raw: Any) -> AttributeValue:
    """The page's value of ``attribute`` from the seed's ``raw`` (see ``PageSeed``)."""
    if attribute.input_type == "BOOLEAN":
        value, _ = AttributeValue.objects.update_or_create(
            attribute=attribute,
            slug="true" if raw else "false",
            defaults={"name": f"{attribute.name}: {'Có' if raw else 'Không'}", "boolean": bool(raw)},
        )
        return value
    fields: dict[str, Any]
    if attribute.input_type == "NUMERIC":
        fields = {"numeric": float(raw), "name": f"{float(raw):g}"}
    elif attribute.input_type == "SINGLE_REFERENCE":
        kind, slug = raw
        model: type[Model] = Category if kind == "category" else Collection
        target = model._default_manager.get(slug=slug)
        fields = {f"reference_{kind}": target, "name": str(target)[:250]}
    else:
        text, _ = raw
        fields = {"plain_text": text, "name": text[:250]}
    value, _ = AttributeValue.objects.update_or_create(
        attribute=attribute, slug=own_value_slug(f"page-{page.pk}", attribute), defaults=fields
    )
    if attribute.input_type == "PLAIN_TEXT":
        AttributeValueTranslation.objects.update_or_create(
            attribute_value=value, language_code="en", defaults={"plain_text": raw[1]}
        )
    return value


def _page(seed: PageSeed, page_type: PageType, attributes: dict[str, Attribute]) -> Page:
    content = editorjs(*seed.paragraphs) if seed.paragraphs else None
    page, _ = Page.objects.update_or_create(
        slug=seed.slug,
        defaults={
            "page_type": page_type,
            "title": seed.title,
            "content": content,
            "seo_title": seed.title,
            "is_published": True,
            "published_at": None,
        },
    )
    PageTranslation.objects.update_or_create(
        page=page,
        language_code="en",
        defaults={
            "title": seed.title_en,
            "slug": seed.slug_en,
            "seo_title": seed.title_en,
            "content": editorjs(*seed.paragraphs_en) if seed.paragraphs_en else None,
        },
    )
    values = [_value(page, attributes[slug], raw) for slug, raw in seed.attributes.items()]
    AssignedPageAttributeValue.objects.filter(page=page).exclude(value__in=values).delete()
    for order, value in enumerate(values):
        AssignedPageAttributeValue.objects.update_or_create(
            page=page, value=value, defaults={"sort_order": order}
        )
    return page


# ---------------------------------------------------------------- menus


def _target(link: tuple[str, str] | None) -> dict[str, Any]:
    fields: dict[str, Any] = {"url": "", "category": None, "collection": None, "page": None}
    if link is None:
        return fields
    kind, value = link
    if kind == "url":
        fields["url"] = value
    else:
        model: type[Model] = {"category": Category, "collection": Collection, "page": Page}[kind]
        fields[kind] = model._default_manager.get(slug=value)
    return fields


def _menu(slug: str, name: str, items: tuple[MenuItemSeed, ...]) -> Menu:
    """The menu with exactly the seed's items (kept by menu, parent and name, so a re-run
    keeps their IDs; items no longer in the seed go)."""
    menu, _ = Menu.objects.update_or_create(slug=slug, defaults={"name": name})
    kept: list[int] = []

    def add(seeds: tuple[MenuItemSeed, ...], parent: MenuItem | None, level: int) -> None:
        for order, seed in enumerate(seeds):
            item, _ = MenuItem.objects.update_or_create(
                menu=menu,
                parent=parent,
                name=seed.name,
                defaults={"level": level, "sort_order": order, **_target(seed.link)},
            )
            MenuItemTranslation.objects.update_or_create(
                menu_item=item, language_code="en", defaults={"name": seed.name_en}
            )
            kept.append(item.pk)
            add(seed.children, item, level + 1)

    add(items, None, 0)
    menu.items.exclude(pk__in=kept).delete()
    return menu


# ---------------------------------------------------------------- catalogue


def _free_slug(wanted: str, taken: set[str]) -> str:
    base = slugify_vi(wanted)[:240] or "item"
    slug, index = base, 2
    while slug in taken:
        slug, index = f"{base}-{index}", index + 1
    taken.add(slug)
    return slug


def seed_translated_slugs(log: Log = _quiet) -> int:
    """An English slug (from the English name) for every English translation of a product,
    category or collection that has none; unique per language, kept once given."""
    count = 0
    for model in (CategoryTranslation, CollectionTranslation, ProductTranslation):
        with transaction.atomic():
            rows = model.objects.filter(language_code="en")
            taken = set(rows.exclude(slug=None).values_list("slug", flat=True))
            missing = [row for row in rows.filter(slug=None).exclude(name="").order_by("pk")]
            for row in missing:
                row.slug = _free_slug(row.name, taken)
            model.objects.bulk_update(missing, ["slug"], batch_size=500)  # type: ignore[arg-type]
            count += len(missing)
    log(f"English slugs: {count} translations")
    return count


def seed_bestsellers(log: Log = _quiet) -> int:
    """The BOOLEAN "bestseller" attribute on every product type, true for the best-rated
    products of each category (the storefront's badge)."""
    with transaction.atomic():
        flag, _ = Attribute.objects.update_or_create(
            slug="bestseller", defaults={"name": "Bán chạy", "input_type": "BOOLEAN", "type": "PRODUCT_TYPE"}
        )
        AttributeTranslation.objects.update_or_create(
            attribute=flag, language_code="en", defaults={"name": "Bestseller"}
        )
        true, _ = AttributeValue.objects.update_or_create(
            attribute=flag, slug="true", defaults={"name": "Bán chạy: Có", "boolean": True}
        )
        for product_type in ProductType.objects.all():
            AttributeProduct.objects.get_or_create(
                product_type=product_type, attribute=flag, defaults={"sort_order": 99}
            )
        chosen: list[int] = []
        for category_id in (
            Product.objects.exclude(category=None)
            .order_by("category_id")
            .values_list("category_id", flat=True)
            .distinct()
        ):
            best = (
                Product.objects.filter(category_id=category_id, rating__isnull=False)
                .order_by("-rating", "slug")
                .values_list("pk", flat=True)[:BESTSELLERS_PER_CATEGORY]
            )
            chosen.extend(best)
        AssignedProductAttributeValue.objects.filter(value=true).exclude(product_id__in=chosen).delete()
        existing = set(
            AssignedProductAttributeValue.objects.filter(value=true).values_list("product_id", flat=True)
        )
        AssignedProductAttributeValue.objects.bulk_create(
            [
                AssignedProductAttributeValue(product_id=pk, value=true, sort_order=99)
                for pk in chosen
                if pk not in existing
            ]
        )
    log(f"Bestsellers: {len(chosen)} products")
    return len(chosen)


@transaction.atomic
def seed_content(log: Log = _quiet) -> None:
    """Pages, page types and menus (after the catalogue and collections)."""
    attributes = _page_attributes()
    types = _page_types(attributes)
    for seed in PAGES:
        _page(seed, types[seed.page_type], attributes)
    for slug, (name, items) in MENUS.items():
        _menu(slug, name, items)
    log(f"Content: {len(PAGES)} pages, {len(MENUS)} menus")


def seed_storefront_content(log: Log = _quiet) -> None:
    """Everything the Saleor storefront shows beyond the catalogue (the hook of populatedb)."""
    seed_translated_slugs(log)
    seed_bestsellers(log)
    seed_content(log)
