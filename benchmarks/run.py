"""Benchmarks: SQL query counts of the contract operations and the search query plan.

    python benchmarks/run.py [--products 100000] [--skip-seed]

Runs against PostgreSQL (``BENCH_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/langnghe_bench``; the database is created and
migrated if needed), seeds ``populatedb --products N`` and writes ``benchmarks/RESULTS.md``.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CONTRACT = ROOT.parent / "shared" / "contract" / "storefront" / "catalog.graphql"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/langnghe_bench"


def setup(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
    import django

    django.setup()


def graphql(client, operation: str, variables: dict) -> tuple[int, float, dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body = {"query": CONTRACT.read_text(), "operationName": operation, "variables": variables}
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.post("/graphql/", data=json.dumps(body), content_type="application/json")
        elapsed = time.perf_counter() - started
    content = response.json()
    if "errors" in content:
        raise SystemExit(f"{operation} failed: {content['errors']}")
    return len(captured), elapsed, content["data"]


def query_counts(products: int) -> list[str]:
    from django.test import Client

    client = Client()
    base = {"channel": "default-channel"}
    cases = [
        ("ProductList", base),
        ("SearchProducts", {**base, "search": "bat trang"}),
        ("FilteredProducts", {**base, "priceGte": 10000, "priceLte": 50000000}),
        ("CategoryTree", {}),
        ("CollectionList", base),
    ]
    lines = [
        f"## SQL queries per request ({products:,} products)",
        "",
        "Each contract operation at page sizes 1, 20 and 100 (`first`); equal counts mean no N+1.",
        "",
        "| operation | first: 1 | first: 20 | first: 100 | rows on the 100 page |",
        "| --- | --- | --- | --- | --- |",
    ]
    for operation, variables in cases:
        graphql(client, operation, {**variables, "first": 1})  # warm the process (imports, caches)
        counts, rows = [], 0
        for size in (1, 20, 100):
            count, _, data = graphql(client, operation, {**variables, "first": size})
            counts.append(count)
            root = next(iter(data.values()))
            rows = len(root["edges"])
        lines.append(f"| {operation} | {counts[0]} | {counts[1]} | {counts[2]} | {rows} |")
    from marketplace.catalog.models import Product

    slug = Product.objects.filter(channel_listings__is_published=True).values_list("slug", flat=True).first()
    count, _, _ = graphql(client, "ProductDetails", {"channel": "default-channel", "slug": slug})
    lines += [
        "",
        f"ProductDetails (one product with its variants, media and attributes): {count} queries.",
        "",
    ]
    return lines


def search_plan(products: int) -> list[str]:
    from django.db import connection

    from marketplace.catalog.selectors import search_products, visible_products
    from marketplace.channels.models import Channel

    channel = Channel.objects.get(slug="default-channel")
    qs = search_products(visible_products(channel_id=channel.pk), "bat trang", max_length=200)
    qs = qs.order_by("-search_rank", "-pk")[:21]
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    return [
        f'## Search plan: "bat trang" on {products:,} products',
        "",
        'The first page of `products(search: "bat trang", sortBy: RANK)`, as PostgreSQL runs it',
        "(`EXPLAIN ANALYZE`). The word-start patterns `LIKE '% bat%'` and `LIKE '% trang%'` are",
        "served by the trigram GIN index on the folded search text.",
        "",
        "```",
        *plan,
        "```",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=int(os.environ.get("BENCH_PRODUCTS", "1000")))
    parser.add_argument("--skip-seed", action="store_true")
    args = parser.parse_args()
    setup(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not args.skip_seed:
        call_command("populatedb", "--skip-images", "--products", str(args.products))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from marketplace.catalog.models import Product

    total = Product.objects.count()
    out = ["# Benchmark results", "", f"Generated by `make bench` on {time.strftime('%Y-%m-%d')}.", ""]
    out += query_counts(total)
    out += search_plan(total)
    (ROOT / "benchmarks" / "RESULTS.md").write_text("\n".join(out))
    print("\n".join(out))


if __name__ == "__main__":
    main()
