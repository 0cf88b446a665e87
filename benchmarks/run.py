"""Benchmarks: SQL query counts, the search query plan, latency and throughput under load,
and the checkout race, on catalogues of each given size.

    python benchmarks/run.py [--products 1000 100000] [--skip-seed]

Each size has its own PostgreSQL database, ``<BENCH_DATABASE_URL>_<size>`` (default
``postgres://postgres@127.0.0.1:5432/langnghe_bench_1000`` ...), created and migrated if
needed and seeded with ``populatedb --demo-accounts --skip-images --products N``
(idempotent: a second run only tops up). Each size runs in a process of its own; the
results of all sizes go to ``benchmarks/RESULTS.md``. See benchmarks/README.md for what is measured and how.
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CONTRACT = ROOT / "tests" / "contract" / "storefront"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/langnghe_bench"
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))  # gunicorn sync workers of the API (and the floor)
# What the mixed scenario's buyers search for (villages, crafts, a product word).
SEARCHES = ["bat trang", "gom", "lua van phuc", "tranh dong ho", "non la", "binh", "my nghe", "sen"]
# The main latency table runs with the read cache off (product counts stay cached, as in
# production without the read cache): the cost of executing the queries.
UNCACHED = {"CATALOG_CACHE_SECONDS": "0"}
ADDRESS = {
    "firstName": "Lan",
    "lastName": "Nguyễn",
    "streetAddress1": "12 Hàng Gai",
    "city": "phuong hoan kiem",
    "countryArea": "ha noi",
    "postalCode": "11000",
    "country": "VN",
    "phone": "0912345678",
}


def setup(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
    os.environ.setdefault("REDIS_URL", "")  # the in-process part needs no Redis (local-memory cache)
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")  # nor a broker: tasks in-process
    import django

    django.setup()


def migrate() -> None:
    """``manage.py migrate`` in a process of its own, as a deployment runs it: manage.py
    commands run without DATABASE_STATEMENT_TIMEOUT_MS, which a migration rewriting a
    100,000-row table would exceed (catalog 0011 takes about a minute there)."""
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0"], cwd=ROOT, check=True
    )


# ---------------------------------------------------------------- in-process: query counts, plan


def graphql(client, operation: str, variables: dict) -> tuple[int, float, dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body = {
        "query": (CONTRACT / "catalog.graphql").read_text(),
        "operationName": operation,
        "variables": variables,
    }
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
        f"### SQL queries per request ({products:,} products)",
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
    from django.test.utils import CaptureQueriesContext

    from marketplace.catalog.selectors import search_products, top_search_ids, visible_products
    from marketplace.channels.models import Channel

    channel = Channel.objects.get(slug="default-channel")
    matches = search_products(visible_products(channel_id=channel.pk), "bat trang", max_length=200)
    with CaptureQueriesContext(connection) as captured:  # the page's query, as the API sends it
        top_search_ids(matches, "bat trang", max_length=200, ordering=["-search_rank", "-pk"], limit=21)
    ranked_sql = captured.captured_queries[-1]["sql"]
    count_sql, count_params = matches.order_by().values("pk").query.sql_with_params()
    plans = []
    for sql, params in ((ranked_sql, None), (f"SELECT COUNT(*) FROM ({count_sql}) matches", count_params)):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
            plans.append([row[0] for row in cursor.fetchall()])
    return [
        f'### Search plan: "bat trang" on {products:,} products',
        "",
        'The first page of `products(search: "bat trang", sortBy: RANK)`, as PostgreSQL runs it',
        "(`EXPLAIN ANALYZE`): the visible matches in three parts, each read in the page's order",
        "up to 21 rows (`top_search_ids`): every word in the name (the name's GIN index",
        "`product_search_name_words` with the text's `product_search_words`, ranked top-N), some",
        "words in the name, none (rank 1 and 0: read in primary key order, stopping after 21 rows).",
        "The page's 20 products are then fetched by primary key.",
        "",
        "```",
        *plans[0],
        "```",
        "",
        "The count of the matches (`totalCount`; cached between catalogue writes, see the README):",
        "",
        "```",
        *plans[1],
        "```",
        "",
    ]


# ---------------------------------------------------------------- the data the load needs


def purchasable_variants(limit: int) -> list[int]:
    """Variants of visible products with a price and stock in an ACTIVE shop's warehouse."""
    from marketplace.catalog.selectors import visible_products
    from marketplace.channels.models import Channel
    from marketplace.inventory.models import Stock

    channel = Channel.objects.get(slug="default-channel")
    products = visible_products(channel_id=channel.pk).order_by("pk").values("pk")
    stocks = Stock.objects.filter(
        product_variant__product__in=products,
        product_variant__channel_listings__channel=channel,
        warehouse__vendor__isnull=False,
    ).order_by("product_variant_id")
    return list(dict.fromkeys(stocks.values_list("product_variant_id", flat=True)[: limit * 2]))[:limit]


def restock(variant_ids: list[int], units: int = 100_000) -> None:
    """The checkout load buys one unit per flow: keep the chosen variants far from sold out."""
    from django.db.models import F

    from marketplace.inventory.models import Stock

    Stock.objects.filter(product_variant_id__in=variant_ids).update(quantity=F("quantity_allocated") + units)


def race_variant(units: int) -> int:
    """A fresh variant of a visible product, priced, with exactly ``units`` in stock."""
    from decimal import Decimal

    from marketplace.catalog.models import ProductVariant, ProductVariantChannelListing
    from marketplace.catalog.pricing import update_products_discounted_prices
    from marketplace.channels.models import Channel
    from marketplace.inventory.models import Stock

    channel = Channel.objects.get(slug="default-channel")
    template = ProductVariant.objects.select_related("product").get(pk=purchasable_variants(1)[0])
    stock = Stock.objects.filter(product_variant=template, warehouse__vendor__isnull=False).first()
    variant = ProductVariant.objects.create(
        product=template.product,
        sku=f"bench-race-{time.time_ns()}",
        name="Race",
        weight_grams=template.weight_grams,
    )
    ProductVariantChannelListing.objects.create(
        variant=variant, channel=channel, currency=channel.currency_code, price_amount=Decimal(150_000)
    )
    Stock.objects.create(warehouse_id=stock.warehouse_id, product_variant=variant, quantity=units)
    update_products_discounted_prices([template.product_id])
    return variant.pk


def sold(variant_id: int) -> tuple[int, int, int, int]:
    """(orders, units sold, stock quantity, stock allocated) of a variant, from the database."""
    from django.db.models import Sum

    from marketplace.inventory.models import Stock
    from marketplace.orders.models import OrderLine

    lines = OrderLine.objects.filter(variant_id=variant_id)
    units = lines.aggregate(total=Sum("quantity"))["total"] or 0
    stock = Stock.objects.get(product_variant_id=variant_id)
    return lines.values("order_id").distinct().count(), units, stock.quantity, stock.quantity_allocated


def write_fixtures(path: Path, variant_ids: list[int]) -> dict:
    from graphql_relay import to_global_id

    from benchmarks.load import operations
    from marketplace.catalog.selectors import visible_products
    from marketplace.channels.models import Channel

    channel = Channel.objects.get(slug="default-channel")
    slugs = list(visible_products(channel_id=channel.pk).order_by("?").values_list("slug", flat=True)[:500])
    documents = operations((CONTRACT / "catalog.graphql").read_text())
    documents |= operations((CONTRACT / "checkout.graphql").read_text())
    documents |= operations((ROOT / "benchmarks" / "transactions.graphql").read_text())
    from marketplace.catalog.models import Category

    categories = list(
        Category.objects.filter(products__in=visible_products(channel_id=channel.pk).values("pk"))
        .distinct()
        .values_list("slug", flat=True)
    )
    fixtures = {
        "channel": "default-channel",
        "search": "bat trang",
        "searches": SEARCHES,
        "categories": categories,
        "slugs": slugs,
        "variants": [to_global_id("ProductVariant", str(pk)) for pk in variant_ids],
        "address": ADDRESS,
        "documents": documents,
    }
    path.write_text(json.dumps(fixtures, ensure_ascii=False))
    return fixtures


# ---------------------------------------------------------------- under load


def load_section(database_url: str, products: int, work: Path) -> list[str]:
    from graphql_relay import to_global_id

    from benchmarks.load import (
        CHECKOUT_STEPS,
        SCENARIOS,
        checkout_unavailable,
        failure_reasons,
        run_locust,
    )
    from benchmarks.race import race
    from benchmarks.server import production_server

    clients = int(os.environ.get("BENCH_CLIENTS", "8"))
    seconds = int(os.environ.get("BENCH_SECONDS", "15"))
    buyers = int(os.environ.get("BENCH_RACE_BUYERS", "40"))
    units = int(os.environ.get("BENCH_RACE_UNITS", "10"))
    variant_ids = purchasable_variants(300)
    restock(variant_ids)
    fixtures_path = work / "fixtures.json"
    fixtures = write_fixtures(fixtures_path, variant_ids)
    lines = [
        f"### Latency and throughput ({products:,} products)",
        "",
        f"gunicorn, 2 sync workers, DEBUG off, PostgreSQL, Redis; Locust {locust_version()} "
        f"(`FastHttpUser`, closed loop, no think time), {seconds} s per row. The read cache is off "
        "(`CATALOG_CACHE_SECONDS=0`): every request executes its query; product counts stay cached "
        "(`PRODUCT_COUNT_CACHE_SECONDS`, the default).",
        "Times in milliseconds; a checkout flow is its six requests from checkoutCreate to the order.",
        "",
        "| operation | clients | requests | req/s | median | p95 | failures |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    notes: list[str] = []
    steps: list[str] = []
    metrics: dict[str, float] = {}
    with production_server(
        database_url=database_url, workers=WORKERS, log=work / "gunicorn.log", env=UNCACHED
    ) as base:
        for scenario, label in SCENARIOS:
            warm(base, fixtures, scenario)
            for count in (1, clients):
                rows = run_locust(
                    base_url=base,
                    scenario=scenario,
                    clients=count,
                    seconds=seconds,
                    fixtures=fixtures_path,
                    out=work,
                )
                for row in rows:
                    lines.append(f"| {label} | {count} | {row.cells()} |")
                    metrics[f"{scenario}-{count}-median"] = row.median
                    metrics[f"{scenario}-{count}-p95"] = row.p95
                    metrics[f"{scenario}-{count}-rps"] = row.rps
                notes += failure_reasons(work, scenario, count)
        unavailable = checkout_unavailable(base, fixtures["documents"], fixtures["variants"][0])
        if unavailable:
            lines.append(f"| Checkout flow | — | {unavailable} | | | | |")
        else:
            for count in (1, clients):
                rows = {r.name: r for r in run_locust(
                    base_url=base, scenario="checkout_flow", clients=count, seconds=seconds,
                    fixtures=fixtures_path, out=work,
                )}  # fmt: skip
                flow = rows.get("checkout flow")
                if flow is not None:
                    lines.append(f"| Checkout flow (6 requests) | {count} | {flow.cells()} |")
                if count == clients:
                    steps = [f"| {name} | {rows[name].cells()} |" for name in CHECKOUT_STEPS if name in rows]
                notes += failure_reasons(work, "checkout_flow", count)
    lines.append("")
    lines += floor_and_caches(database_url, fixtures, fixtures_path, work, clients, seconds, metrics)
    lines += mixed_section(database_url, fixtures_path, work, clients, products)
    (work / "metrics.json").write_text(json.dumps(metrics))
    if steps:
        lines += [
            f"Checkout requests at {clients} clients:",
            "",
            "| request | requests | req/s | median | p95 | failures |",
            "| --- | --- | --- | --- | --- | --- |",
            *steps,
            "",
        ]
    if notes:
        lines += ["Failures (first of each kind):", "", *[f"- {n}" for n in notes], ""]

    lines += [f"### Checkout race: {buyers} buyers, {units} units ({products:,} products)", ""]
    if unavailable:
        return lines + [f"Checkout {unavailable}.", ""]
    lines += [
        f"{buyers} buyers, one unit each, for a fresh variant with {units} in stock; gunicorn with 8",
        "sync workers (up to 8 transactions at once). All buyers send checkoutCreate at the same",
        "moment; everyone who got through payment sends checkoutComplete at the same moment.",
        "With reservations (the default, `CHECKOUT_RESERVATION_MINUTES=20`) a cart holds stock",
        "once it has an email and a shipping address, so the first buyers to set the address",
        "hold the units (the others are refused at checkoutComplete); without them (`0`) the",
        "allocation under row locks at checkoutComplete decides. Counted in the database.",
        "",
        "| reservations | buyers | units in stock | orders created | units sold | oversells "
        "| server errors | stock after (quantity / allocated) | seconds |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    refusals = []
    for label, minutes in (("on (20 min)", "20"), ("off", "0")):
        variant = race_variant(units)
        with production_server(
            database_url=database_url,
            workers=8,
            log=work / "gunicorn-race.log",
            env={"CHECKOUT_RESERVATION_MINUTES": minutes},
        ) as base:
            outcome = race(
                base_url=base,
                documents=fixtures["documents"],
                variant_id=to_global_id("ProductVariant", str(variant)),
                buyers=buyers,
                address=ADDRESS,
            )
        orders, units_sold, quantity, allocated = sold(variant)
        lines.append(
            f"| {label} | {buyers} | {units} | {orders} | {units_sold} | {max(0, units_sold - units)} | "
            f"{outcome.server_errors} | {quantity} / {allocated} | {outcome.seconds:.1f} |"
        )
        refused = ", ".join(f"{key} × {n}" for key, n in sorted(outcome.refused.items())) or "none"
        refusals.append(f"- reservations {label}: {refused}; the API reported {outcome.orders} orders.")
    return lines + ["", "Refused buyers (step: code):", "", *refusals, ""]


def floor_and_caches(
    database_url: str, fixtures: dict, fixtures_path: Path, work: Path, clients: int, seconds: int,
    metrics: dict[str, float],
) -> list[str]:  # fmt: skip
    """ProductList (first: 20) at ``clients`` clients against the framework floor, without
    any cache, with the product count cache only, and with the read cache."""
    from benchmarks.load import cache_hits, hit_rate, raw_post, run_locust
    from benchmarks.server import production_server

    document = fixtures["documents"]["ProductList"]
    variables = {"channel": fixtures["channel"], "first": 20}
    variants = [
        ("no cache", {"CATALOG_CACHE_SECONDS": "0", "PRODUCT_COUNT_CACHE_SECONDS": "0"}),
        ("product counts cached", {"CATALOG_CACHE_SECONDS": "0"}),
        ("read cache (the default)", {}),
        ("read cache, generations trusted 1 s in-process", {"CATALOG_CACHE_LOCAL_SECONDS": "1"}),
    ]
    rows_wanted = os.environ.get("BENCH_FLOOR_ROWS")  # e.g. "read cache" (labels containing it)
    if rows_wanted:
        wanted = rows_wanted.split(",")
        variants = [(label, env) for label, env in variants if any(w in label for w in wanted)]
    measured = []
    body_path = work / "floor-body.json"
    floors = []

    def floor_run():  # type: ignore[no-untyped-def]
        env = {"DJANGO_SETTINGS_MODULE": "benchmarks.floor_settings", "BENCH_FLOOR_BODY": str(body_path)}
        log = work / "gunicorn.log"
        with production_server(database_url=database_url, workers=WORKERS, log=log, env=env) as base:
            for _ in range(6):
                raw_post(base, "/floor/", document, "ProductList", variables)
            (floor,) = run_locust(base_url=base, scenario="floor", clients=clients, seconds=seconds,
                                  fixtures=fixtures_path, out=work)  # fmt: skip
        floors.append(floor)

    # The floor runs after the first row and again after the last, and the rows are compared
    # with the mean of the two: on a shared machine the load changes within a run.
    for label, env in variants:
        with production_server(
            database_url=database_url, workers=WORKERS, log=work / "gunicorn.log", env=env
        ) as base:
            body = raw_post(base, "/graphql/", document, "ProductList", variables)
            if not body_path.exists():
                body_path.write_bytes(body)
            warm(base, fixtures, "product_list_20")
            rows = run_locust(base_url=base, scenario="product_list_20", clients=clients, seconds=seconds,
                              fixtures=fixtures_path, out=work)  # fmt: skip
            hits = cache_hits(work, "product_list_20", clients).get("ProductList first=20")
            measured.append((label, rows[0], hit_rate(hits)))
        if not floors:
            floor_run()
    floor_run()
    floor_rps = sum(f.rps for f in floors) / len(floors)
    metrics["floor-rps"] = floor_rps
    lines = [
        f"### ProductList (first: 20) against the framework floor ({clients} clients)",
        "",
        "The framework floor is the same server setup (gunicorn, 2 sync workers, the API's settings",
        "and middleware) answering a trivial Django view with the same response bytes",
        f"({body_path.stat().st_size:,} bytes) to the same request. Hit rate: answers with",
        "`X-Catalog-Cache: HIT` among the cacheable ones. The floor runs after the first row and",
        "after the last; the shares are of the mean of its two runs (the machine's load changes).",
        "",
        "| server | requests | req/s | median | p95 | failures | of the floor's req/s | hit rate |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *[
            f"| framework floor ({when}) | {floor.cells()} | {100 * floor.rps / floor_rps:.0f}% | — |"
            for when, floor in zip(("after the first row", "after the last row"), floors, strict=False)
        ],
    ]
    for label, row, rate in measured:
        share = 100 * row.rps / floor_rps if floor_rps else 0
        metrics[f"product_list_20-{label}-rps"] = row.rps
        lines.append(f"| ProductList, {label} | {row.cells()} | {share:.1f}% | {rate} |")
    return lines + [""]


def mixed_section(
    database_url: str, fixtures_path: Path, work: Path, clients: int, products: int
) -> list[str]:
    """The mixed storefront scenario with the read cache off and on."""
    from benchmarks.load import cache_hits, failure_reasons, hit_rate, run_locust
    from benchmarks.server import production_server

    seconds = int(os.environ.get("BENCH_MIXED_SECONDS", "30"))
    lines = [
        f"### Mixed storefront traffic ({products:,} products, {clients} clients)",
        "",
        "Each simulated buyer opens, weighted: the home page (ProductList and CollectionList) 3,",
        "a category page 3, a product page 4, a search (among a few village and craft words) 2,",
        "a cart (checkoutCreate and checkoutLinesAdd) 1, a whole checkout to the order 1;",
        f"closed loop, no think time, {seconds} s per run. Times in milliseconds.",
        "",
    ]
    for label, env in (("read cache off", UNCACHED), ("read cache on (the default)", {})):
        with production_server(
            database_url=database_url, workers=WORKERS, log=work / "gunicorn.log", env=env
        ) as base:
            rows = run_locust(base_url=base, scenario="mixed", clients=clients, seconds=seconds,
                              fixtures=fixtures_path, out=work)  # fmt: skip
        hits = cache_hits(work, "mixed", clients)
        total = sum(r.rps for r in rows if r.name != "checkout flow")
        lines += [
            f"{label.capitalize()}: {total:.1f} requests/s in all.",
            "",
            "| request | requests | req/s | median | p95 | failures | hit rate |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            *[
                f"| {r.name} | {r.cells()} | {hit_rate(hits.get(r.name))} |"
                for r in sorted(rows, key=lambda r: r.name)
            ],
            "",
        ]
        notes = failure_reasons(work, "mixed", clients)
        if notes:
            lines += ["Failures (first of each kind):", "", *[f"- {n}" for n in notes], ""]
    return lines


def warm(base: str, fixtures: dict, scenario: str) -> None:
    """A few requests first, so each gunicorn worker has imported and connected."""
    from benchmarks.load import post

    operation, variables = {
        "product_list_20": ("ProductList", {"first": 20}),
        "product_list_100": ("ProductList", {"first": 100}),
        "product_details": ("ProductDetails", {"slug": fixtures["slugs"][0]}),
        "search_products": ("SearchProducts", {"search": fixtures["search"]}),
    }[scenario]
    for _ in range(6):
        post(base, fixtures["documents"][operation], operation, {"channel": fixtures["channel"], **variables})


def locust_version() -> str:
    from importlib.metadata import version

    return version("locust")


# ---------------------------------------------------------------- one size, all sizes


def vacuum_analyze() -> None:
    """As autovacuum leaves a database after a bulk load: statistics (without them the planner
    takes the page of products for a one-row table and sorts the whole catalogue), and the
    visibility map that lets counts over an index (the back office's capped counts) skip the table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def one_size(products: int, *, skip_seed: bool, out: Path) -> None:
    database_url = f"{os.environ.get('BENCH_DATABASE_URL', DEFAULT_URL)}_{products}"
    setup(database_url)
    from django.core.management import call_command
    from django.db import connection

    migrate()
    if not skip_seed:
        started = time.monotonic()
        call_command("populatedb", "--demo-accounts", "--skip-images", "--products", str(products))
        print(f"bench: seeded {products:,} products in {time.monotonic() - started:.0f} s", flush=True)
    vacuum_analyze()
    from marketplace.catalog.models import Product

    total = Product.objects.count()
    lines = [f"## {total:,} products", ""]
    lines += query_counts(total)
    lines += search_plan(total)
    from benchmarks.backoffice import backoffice_section  # the back office's pages (issue 13)

    lines += backoffice_section(total)
    with tempfile.TemporaryDirectory(prefix="langnghe-bench-") as work:
        connection.close()
        lines += load_section(database_url, total, Path(work))
        metrics = Path(work) / "metrics.json"
        if metrics.exists():
            out.with_suffix(".json").write_text(metrics.read_text())
    out.write_text("\n".join(lines))


def only_floor(products: int, *, skip_seed: bool) -> None:
    """``--only floor``: the ProductList rows against the framework floor, printed."""
    database_url = f"{os.environ.get('BENCH_DATABASE_URL', DEFAULT_URL)}_{products}"
    setup(database_url)
    from django.core.management import call_command
    from django.db import connection

    migrate()
    if not skip_seed:
        call_command("populatedb", "--demo-accounts", "--skip-images", "--products", str(products))
    vacuum_analyze()
    clients = int(os.environ.get("BENCH_CLIENTS", "8"))
    seconds = int(os.environ.get("BENCH_SECONDS", "15"))
    with tempfile.TemporaryDirectory(prefix="langnghe-bench-") as work:
        fixtures_path = Path(work) / "fixtures.json"
        fixtures = write_fixtures(fixtures_path, purchasable_variants(300))
        connection.close()
        lines = floor_and_caches(database_url, fixtures, fixtures_path, Path(work), clients, seconds, {})
    print("\n".join(lines))


GROWTH_OPERATIONS: list[tuple[str, str, dict[str, object]]] = [
    ("ProductList (first: 20)", "ProductList", {"first": 20}),
    ("ProductList (first: 100)", "ProductList", {"first": 100}),
    ('SearchProducts ("bat trang")', "SearchProducts", {"search": "bat trang"}),
]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def interleaved_growth(small: int, large: int, work: Path) -> str:
    """The largest catalogue against the smallest, measured side by side: one API server per
    catalogue (read cache off, as the latency tables), one client, in rounds that alternate
    the servers (``BENCH_GROWTH_ROUNDS`` rounds of ``BENCH_GROWTH_REQUESTS`` requests per
    operation and server). The latency tables of the two sections are minutes apart, and the
    speed of this shared machine drifts by more than the growth being measured."""
    from benchmarks.load import operations, post
    from benchmarks.server import production_server

    rounds = int(os.environ.get("BENCH_GROWTH_ROUNDS", "12"))
    per_round = int(os.environ.get("BENCH_GROWTH_REQUESTS", "8"))
    documents = operations((CONTRACT / "catalog.graphql").read_text())
    base_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    timings: dict[tuple[int, str], list[float]] = {}
    with contextlib.ExitStack() as stack:
        bases = {
            size: stack.enter_context(
                production_server(
                    database_url=f"{base_url}_{size}",
                    workers=WORKERS,
                    log=work / f"growth-{size}.log",
                    env=UNCACHED,
                )
            )
            for size in (small, large)
        }
        for base in bases.values():  # every worker imported, connected and warm
            for _, operation, variables in GROWTH_OPERATIONS:
                for _ in range(6):
                    post(base, documents[operation], operation, {"channel": "default-channel", **variables})
        for index in range(rounds):
            order = (small, large) if index % 2 == 0 else (large, small)
            for size in order:
                for label, operation, variables in GROWTH_OPERATIONS:
                    for _ in range(per_round):
                        started = time.perf_counter()
                        status, content = post(
                            bases[size],
                            documents[operation],
                            operation,
                            {"channel": "default-channel", **variables},
                        )
                        elapsed = (time.perf_counter() - started) * 1000
                        if status != 200 or content.get("errors"):
                            raise SystemExit(f"growth: {operation} on {size:,} products failed: {content}")
                        timings.setdefault((size, label), []).append(elapsed)
    lines = [
        f"## {large:,} products against {small:,}",
        "",
        f"One client, the two catalogues' servers side by side (read cache off), {rounds} rounds",
        f"alternating them, {per_round} requests per operation and server per round"
        f" ({rounds * per_round} each); milliseconds.",
        "",
        f"| measure | {small:,} products | {large:,} products | ratio |",
        "| --- | --- | --- | --- |",
    ]
    for label, _, _ in GROWTH_OPERATIONS:
        a, b = timings[(small, label)], timings[(large, label)]
        for name, pick in (
            ("median", statistics.median),
            ("p95", lambda v: statistics.quantiles(v, n=20)[-1]),
        ):
            x, y = pick(a), pick(b)
            lines.append(f"| {label}, {name} | {x:.1f} | {y:.1f} | {y / x:.2f}× |")
    return "\n".join(lines + [""])


def ratios(measured: dict[int, dict[str, float]]) -> str:
    """The largest catalogue against the smallest, from the latency tables (read cache off)."""
    if len(measured) < 2:
        return ""
    small, large = min(measured), max(measured)
    rows = [
        ("ProductList (first: 20), median, 1 client", "product_list_20-1-median"),
        ("ProductList (first: 100), median, 1 client", "product_list_100-1-median"),
        ('SearchProducts ("bat trang"), median, 1 client', "search_products-1-median"),
        ('SearchProducts ("bat trang"), p95, 1 client', "search_products-1-p95"),
        ("ProductDetails, median, 1 client", "product_details-1-median"),
    ]
    lines = [
        f"### The same from the latency tables above ({large:,} against {small:,})",
        "",
        "From the two sections' Locust rows (read cache off), minutes apart in this run.",
        "",
        f"| measure | {small:,} products (ms) | {large:,} products (ms) | ratio |",
        "| --- | --- | --- | --- |",
    ]
    for label, key in rows:
        a, b = measured[small].get(key), measured[large].get(key)
        if a and b:
            lines.append(f"| {label} | {a:.0f} | {b:.0f} | {b / a:.2f}× |")
    return "\n".join(lines + [""])


def main() -> None:
    parser = argparse.ArgumentParser()
    default = os.environ.get("BENCH_PRODUCTS", "1000 100000").replace(",", " ").split()
    parser.add_argument("--products", type=int, nargs="+", default=[int(n) for n in default])
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--section", type=Path, help=argparse.SUPPRESS)  # one size, in a child process
    parser.add_argument(
        "--only",
        choices=["floor"],
        help="run one part only, on the smallest size, and print it (RESULTS.md is left as it is)",
    )
    args = parser.parse_args()
    if args.only == "floor":
        only_floor(min(args.products), skip_seed=args.skip_seed)
        return
    if args.section:
        one_size(args.products[0], skip_seed=args.skip_seed, out=args.section)
        return
    sections = []
    measured: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="langnghe-bench-") as work:
        for products in sorted(args.products):
            section = Path(work) / f"{products}.md"
            command = [sys.executable, __file__, "--products", str(products), "--section", str(section)]
            if args.skip_seed:
                command.append("--skip-seed")
            print(f"bench: {products:,} products", flush=True)
            subprocess.run(command, check=True)
            sections.append(section.read_text())
            if section.with_suffix(".json").exists():
                measured[products] = json.loads(section.with_suffix(".json").read_text())
        if len(args.products) > 1:
            sections.append(interleaved_growth(min(args.products), max(args.products), Path(work)))
        sections.append(ratios(measured))
    header = [
        "# Benchmark results",
        "",
        f"Generated by `make bench` on {time.strftime('%Y-%m-%d')}, on a shared machine with "
        f"{os.cpu_count()} CPU cores running the API, PostgreSQL and the load generator together:",
        "the numbers are indicative, for comparing runs and sizes, not capacity planning.",
        "See README.md for what each number means.",
        "",
    ]
    text = "\n".join(header + sections)
    (ROOT / "benchmarks" / "RESULTS.md").write_text(text)
    print(text)
    if os.environ.get("BENCH_SCALE", "1") != "0":
        # Replicas and the load balancer (benchmarks/scale.py): its own throwaway cluster; it
        # adds the "Running at scale" section to RESULTS.md.
        print("bench: running at scale (replica, load balancer)", flush=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py")], check=True)


if __name__ == "__main__":
    main()
