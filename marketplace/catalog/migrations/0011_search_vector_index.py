"""Product search on PostgreSQL matches words by their start through full-text search: GIN
indexes on the words of the folded search text, ``to_tsvector('simple', search_document)``,
and of the folded name (which words of the query are in the name: the rank).

``search_document`` is already folded (lower-case ASCII words separated by single spaces),
so the ``simple`` configuration keeps each word as it is, and the prefix query
``bat:* & trang:*`` finds exactly what ``LIKE '% bat%' AND LIKE '% trang%'`` finds. Unlike
the trigram index, the answer needs no recheck of the text: PostgreSQL reads the matching
rows' ids without reading their search text. The index is on an expression of the column,
so every write of ``search_document`` or ``search_name`` keeps it current (no trigger, no extra column).
SQLite (the demo) has no such index and matches with ``LIKE`` (``catalog.selectors``)."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS product_search_words "
    "ON catalog_product USING gin (to_tsvector('simple'::regconfig, search_document))",
    "CREATE INDEX IF NOT EXISTS product_search_name_words "
    "ON catalog_product USING gin (to_tsvector('simple'::regconfig, search_name))",
]
BACKWARD = ["DROP INDEX IF EXISTS product_search_name_words", "DROP INDEX IF EXISTS product_search_words"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0010_product_review_count")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
