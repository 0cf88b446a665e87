"""The count of a channel's listed products, kept by PostgreSQL (issue 14).

``totalCount`` of an unfiltered product list counted the listings' partial index, which is
linear in the catalogue (about 25 ms at 100,000 products, on every request the count cache
does not answer). ``catalog_listedproductcount`` holds, per channel, how many listings carry
every visibility fact except the publication date — published, visible in listings, the
shop ACTIVE (``vendor_active``, itself kept by the triggers of 0009), priced — in 16 rows
per channel (``product_id % 16``) so that two writers of different products seldom wait on
the same row. Statement triggers on the listings add what each INSERT, UPDATE or DELETE
changed (its transition tables, so a bulk write is one upsert), whoever writes them; a
write that changes no listing's state touches no counter row. TRUNCATE empties it.

The count is then the sum of the channel's rows minus the listings whose publication is
still to come (a range of the partial index ``listing_listed``: only the scheduled ones),
read in one query (``catalog.selectors.listed_count``). PostgreSQL only: the embedded SQLite
of ``make demo`` has no such triggers and counts the listings."""

from django.db import migrations, models

LISTED = "is_published AND visible_in_listings AND vendor_active AND discounted_price_amount IS NOT NULL"
UPSERT = """
    INSERT INTO catalog_listedproductcount AS c (channel_id, slot, listed)
    SELECT channel_id, slot, sum(delta)::integer FROM ({changes}) AS d
    GROUP BY channel_id, slot HAVING sum(delta) <> 0 ORDER BY channel_id, slot
    ON CONFLICT (channel_id, slot) DO UPDATE SET listed = c.listed + EXCLUDED.listed;"""
ADDED = f"SELECT channel_id, (product_id % 16)::smallint AS slot, 1 AS delta FROM new_rows WHERE {LISTED}"
REMOVED = f"SELECT channel_id, (product_id % 16)::smallint AS slot, -1 AS delta FROM old_rows WHERE {LISTED}"

FORWARD = f"""
CREATE FUNCTION catalog_listed_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {UPSERT.format(changes=ADDED)}
    ELSIF TG_OP = 'UPDATE' THEN {UPSERT.format(changes=ADDED + " UNION ALL " + REMOVED)}
    ELSIF TG_OP = 'DELETE' THEN {UPSERT.format(changes=REMOVED)}
    ELSE DELETE FROM catalog_listedproductcount;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER catalog_listed_count_insert AFTER INSERT ON catalog_productchannellisting
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_listed_count();
CREATE TRIGGER catalog_listed_count_update AFTER UPDATE ON catalog_productchannellisting
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_listed_count();
CREATE TRIGGER catalog_listed_count_delete AFTER DELETE ON catalog_productchannellisting
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_listed_count();
CREATE TRIGGER catalog_listed_count_truncate AFTER TRUNCATE ON catalog_productchannellisting
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_listed_count();

INSERT INTO catalog_listedproductcount (channel_id, slot, listed)
SELECT channel_id, (product_id % 16)::smallint, count(*) FROM catalog_productchannellisting
WHERE {LISTED} GROUP BY channel_id, product_id % 16;
"""

BACKWARD = """
DROP TRIGGER catalog_listed_count_truncate ON catalog_productchannellisting;
DROP TRIGGER catalog_listed_count_delete ON catalog_productchannellisting;
DROP TRIGGER catalog_listed_count_update ON catalog_productchannellisting;
DROP TRIGGER catalog_listed_count_insert ON catalog_productchannellisting;
DROP FUNCTION catalog_listed_count();
"""


def _postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_search_vector_index")]

    operations = [
        migrations.CreateModel(
            name="ListedProductCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("channel_id", models.BigIntegerField()),
                ("slot", models.SmallIntegerField()),
                ("listed", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "listed product count",
                "verbose_name_plural": "listed product counts",
                "constraints": [
                    models.UniqueConstraint(fields=("channel_id", "slot"), name="uniq_listed_count_slot")
                ],
            },
        ),
        migrations.RunPython(_postgresql(FORWARD), _postgresql(BACKWARD)),
    ]
