"""On PostgreSQL, trigram GIN indexes make substring search over folded text fast
(``LIKE '%bat trang%'`` uses them). SQLite, used by the demo, scans instead."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS product_search_document_trgm "
    "ON catalog_product USING gin (search_document gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS product_search_name_trgm "
    "ON catalog_product USING gin (search_name gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS product_search_name_trgm",
    "DROP INDEX IF EXISTS product_search_document_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
