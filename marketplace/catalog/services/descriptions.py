"""Re-cleaning the rich text already stored in the catalogue (``manage.py clean_rich_text``).

Every writer cleans descriptions since the rich-text rules came in; this brings what was
written before up to them: products, categories and collections with their translations
are passed through ``clean_rich_text`` (leniently: a stored block that would be refused
today is dropped rather than failing the run), the plain text is recomputed, and so is the
search document of every product that changed. Idempotent; nothing to reverse (what was
removed was never safe to serve).
"""

from collections.abc import Iterator

from django.db import transaction
from django.db.models import Model

from marketplace.catalog.cache import changes_catalog
from marketplace.catalog.models import (
    Category,
    CategoryTranslation,
    Collection,
    CollectionTranslation,
    Product,
    ProductTranslation,
)
from marketplace.catalog.search import update_product_search_documents
from marketplace.core.richtext import clean_rich_text

BATCH_SIZE = 500


def _pk_batches(model: type[Model], size: int) -> Iterator[list[int]]:
    last = 0
    while True:
        pks = list(
            model._default_manager.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size]
        )
        if not pks:
            return
        yield pks
        last = pks[-1]


def _reclean(model: type[Model], *, plaintext: bool, dry_run: bool, size: int) -> list[int]:
    """The pks of ``model`` rows whose description changed (saved unless ``dry_run``). Each
    batch is read under a row lock, so an edit made meanwhile is never overwritten."""
    fields = ["description", "description_plaintext"] if plaintext else ["description"]
    changed_pks: list[int] = []
    for pks in _pk_batches(model, size):
        with transaction.atomic():
            rows = model._default_manager.select_for_update().filter(pk__in=pks).only("pk", *fields)
            changed = []
            for row in rows:
                cleaned = clean_rich_text(row.description, lenient=True)  # type: ignore[attr-defined]
                if cleaned.document != row.description or (  # type: ignore[attr-defined]
                    plaintext and cleaned.plain_text != row.description_plaintext  # type: ignore[attr-defined]
                ):
                    row.description = cleaned.document  # type: ignore[attr-defined]
                    if plaintext:
                        row.description_plaintext = cleaned.plain_text  # type: ignore[attr-defined]
                    changed.append(row)
            if changed and not dry_run:
                model._default_manager.bulk_update(changed, fields)
        changed_pks += [row.pk for row in changed]
    return changed_pks


@changes_catalog
def reclean_catalog_descriptions(*, dry_run: bool = False, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """How many rows of each kind changed (or would change, with ``dry_run``)."""
    products = _reclean(Product, plaintext=True, dry_run=dry_run, size=batch_size)
    counts = {
        "products": len(products),
        "product translations": len(
            _reclean(ProductTranslation, plaintext=False, dry_run=dry_run, size=batch_size)
        ),
        "categories": len(_reclean(Category, plaintext=True, dry_run=dry_run, size=batch_size)),
        "category translations": len(
            _reclean(CategoryTranslation, plaintext=False, dry_run=dry_run, size=batch_size)
        ),
        "collections": len(_reclean(Collection, plaintext=False, dry_run=dry_run, size=batch_size)),
        "collection translations": len(
            _reclean(CollectionTranslation, plaintext=False, dry_run=dry_run, size=batch_size)
        ),
    }
    if products and not dry_run:
        update_product_search_documents(products)
    return counts
