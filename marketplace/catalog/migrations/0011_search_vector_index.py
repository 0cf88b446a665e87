"""Product search on PostgreSQL matches words by their start through full-text search.

Two columns that PostgreSQL computes itself on every write of the text they come from
(generated columns, so no trigger and no application code keeps them):
``search_words``, the words of the folded search text, and ``search_name_words``, the words
of the folded name, each ``strip(to_tsvector('simple', ...))``, with a GIN index each.
The texts are already folded (lower-case ASCII words separated by single spaces), so the
``simple`` configuration keeps each word as it is, and the prefix query
``bat:* & trang:*`` finds exactly what ``LIKE '% bat%' AND LIKE '% trang%'`` finds; no
positions are needed (no phrase queries), so they are stripped (about the size of the text).
Unlike the trigram index, the GIN answer needs no recheck of the text, and checking a row
read another way (in primary key order) reads the stored words instead of parsing the text.

The columns are not fields of the Django model (Django never reads or writes them; the
queries name them in ``catalog.search.WordsStartWith``). SQLite (the demo) has neither and
matches with ``LIKE`` (``catalog.selectors``)."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE catalog_product ADD COLUMN search_words tsvector "
    "GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, search_document))) STORED",
    "ALTER TABLE catalog_product ADD COLUMN search_name_words tsvector "
    "GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, search_name::text))) STORED",
    "CREATE INDEX product_search_words ON catalog_product USING gin (search_words)",
    "CREATE INDEX product_search_name_words ON catalog_product USING gin (search_name_words)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS product_search_name_words",
    "DROP INDEX IF EXISTS product_search_words",
    "ALTER TABLE catalog_product DROP COLUMN IF EXISTS search_name_words",
    "ALTER TABLE catalog_product DROP COLUMN IF EXISTS search_words",
]


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
