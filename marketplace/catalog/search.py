"""The accent-folded search text of products, kept current by the catalogue writes.

``search_name`` holds the folded Vietnamese name: a name match ranks above a match
elsewhere, and sorting by name uses it (so "Ấm" sorts with "Am", not after "Z").
``search_document`` holds every searchable word, the English name included.
"""

import re
from collections.abc import Iterable
from typing import Any

from django.db.models import BooleanField, F, Func, Prefetch, Q, QuerySet, Value

from marketplace.catalog.models import Product, ProductTranslation
from marketplace.core.text import search_key

_FOLDED_WORD = re.compile(r"[a-z0-9]+")
# The words of each folded text, stored by PostgreSQL next to it (catalog 0011).
WORDS_COLUMNS = {"search_document": "search_words", "search_name": "search_name_words"}


class WordsStartWith(Func):
    """PostgreSQL: true when every given term (``any_term``: at least one) starts a word of
    the folded text ``field`` (``search_document`` or ``search_name``).

    ``search_words @@ to_tsquery('simple', 'bat:* & trang:*')`` on the column of the text's
    words (``WORDS_COLUMNS``, generated columns with GIN indexes, catalog 0011), which
    answers without reading the text. ``terms`` are folded words (``[a-z0-9]+``, from
    ``search_terms``), which the ``simple`` configuration keeps as they are, so this
    matches exactly what ``LIKE '% bat%' AND LIKE '% trang%'`` matches on the text."""

    output_field = BooleanField()

    def __init__(
        self, field: str, terms: list[str], *, any_term: bool = False, negated: bool = False
    ) -> None:
        if not terms or not all(_FOLDED_WORD.fullmatch(term) for term in terms):
            raise ValueError("terms must be folded words")
        self.words_column = WORDS_COLUMNS[field]
        self.negated = negated
        query = (" | " if any_term else " & ").join(f"{term}:*" for term in terms)
        super().__init__(F(field), Value(query))

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **kwargs: Any) -> Any:  # Func's signature
        text, query = self.get_source_expressions()
        # The text's column as Django names it (its table's alias included, also in a
        # subquery), then the words column of the same row.
        text_sql, _ = compiler.compile(text)
        column = text_sql.rsplit(".", 1)
        words_sql = f'{column[0]}."{self.words_column}"' if len(column) == 2 else f'"{self.words_column}"'
        query_sql, query_params = compiler.compile(query)
        sql = f"{words_sql} @@ to_tsquery('simple'::regconfig, {query_sql})"
        return (f"NOT ({sql})" if self.negated else sql), [*query_params]


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
