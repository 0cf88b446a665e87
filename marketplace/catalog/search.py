"""The accent-folded search text of products, kept current by the catalogue writes.

``search_name`` holds the folded Vietnamese name: a name match ranks above a match
elsewhere, and sorting by name uses it (so "Ấm" sorts with "Am", not after "Z").
``search_document`` holds every searchable word, the English name included.
"""

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet

from marketplace.catalog.models import Product, ProductTranslation
from marketplace.core.text import search_key


def _description_text(product: Product) -> str:
    return product.description_plaintext or ""


def product_search_texts(product: Product) -> tuple[str, str]:
    """``(search_name, search_document)`` of a product whose relations are prefetched."""
    english = [t.name for t in product.translations.all() if t.name]
    name = search_key(product.name)
    vendor = product.vendor
    village = vendor.village if vendor else None
    parts = [
        product.name,
        *english,
        product.category.name if product.category else "",
        vendor.name if vendor else "",
        village.name if village else "",
        village.craft if village else "",
        *(variant.name for variant in product.variants.all()),
        *(variant.sku or "" for variant in product.variants.all()),
        *(assigned.value.name for assigned in product.attribute_values.all()),
        _description_text(product),
    ]
    return name[:250], search_key(" ".join(p for p in parts if p))


def _with_search_relations(queryset: QuerySet[Product]) -> QuerySet[Product]:
    return queryset.select_related("category", "vendor__village").prefetch_related(
        Prefetch("translations", queryset=ProductTranslation.objects.filter(language_code="en")),
        "variants",
        "attribute_values__value",
    )


def update_product_search_documents(product_ids: Iterable[int], batch_size: int = 500) -> int:
    """Recompute the search text of the given products; returns how many were updated."""
    ids = list(product_ids)
    updated = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        products = list(_with_search_relations(Product.objects.filter(Q(pk__in=chunk))))
        for product in products:
            product.search_name, product.search_document = product_search_texts(product)
        Product.objects.bulk_update(products, ["search_name", "search_document"])
        updated += len(products)
    return updated
