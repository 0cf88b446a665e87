"""Running at scale, measured with real processes on this machine (`make bench`, after the
catalogue sizes; or alone: ``python benchmarks/scale.py``, which rewrites only the
"Running at scale" section of RESULTS.md).

A throwaway PostgreSQL primary (its own directory and port) is migrated and seeded with
``BENCH_SCALE_PRODUCTS`` products (default 1,000), and a streaming replica is made from it
with ``pg_basebackup -R``. Then:

1. **Read replicas**: ProductList (first: 20) under load (Locust, ``BENCH_CLIENTS`` clients)
   against gunicorn (2 workers) reading the primary only, then with the replica in
   ``DATABASE_REPLICA_URLS``; each server's own statistics (``pg_stat_database.xact_commit``
   of the database, on the primary and on the replica) say who answered. Then the same load
   while the replica is stopped (immediate shutdown) a third of the way in: failed requests.
2. **Read-your-writes**: an artisan renames a product and reads it back at once, N times;
   another member of the shop reads it at the same moment: stale answers of each.
3. **Load balancer**: one gunicorn process (2 workers) against two (2 workers each, two
   ports) behind HAProxy (Debian's package), ProductList under the same load; the checkout
   race (``BENCH_RACE_BUYERS`` buyers for ``BENCH_RACE_UNITS`` units) through HAProxy; and
   sign-in failures through HAProxy, noting which process answered each.
"""

import json
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import ADDRESS, setup  # noqa: E402
from benchmarks.server import _stop as stop  # noqa: E402
from benchmarks.server import production_env, start_gunicorn, start_redis  # noqa: E402

SECTION = "## Running at scale"
OWNER_EMAIL = "artisan@langnghe.vn"  # populatedb's demo artisan (owner of a Bát Tràng shop)
# Reads measured here must reach the database (the replica, the balanced processes): the
# anonymous read cache is off in these servers.
UNCACHED = {"CATALOG_CACHE_SECONDS": "0"}


def xact_commits(cluster, database: str = "langnghe") -> int:  # type: ignore[no-untyped-def]
    [(count,)] = cluster.query(f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{database}'")
    return int(count)


def settle() -> None:
    time.sleep(1.2)  # backends flush their statistics at most every second


def locust_row(base: str, fixtures: Path, work: Path, *, clients: int, seconds: int, tag: str):  # type: ignore[no-untyped-def]
    from benchmarks.load import run_locust

    out = work / tag
    out.mkdir(exist_ok=True)
    [row] = run_locust(
        base_url=base,
        scenario="product_list_20",
        clients=clients,
        seconds=seconds,
        fixtures=fixtures,
        out=out,
    )
    return row


def warm(base: str, fixtures: dict) -> None:
    from benchmarks.load import post

    for _ in range(8):
        post(
            base,
            fixtures["documents"]["ProductList"],
            "ProductList",
            {"channel": "default-channel", "first": 20},
        )


def replica_section(
    primary, replica, database_url: str, fixtures: dict, fixtures_path: Path, work: Path
) -> list[str]:  # type: ignore[no-untyped-def]
    clients = int(os.environ.get("BENCH_CLIENTS", "8"))
    seconds = int(os.environ.get("BENCH_SECONDS", "15"))
    lines = [
        "### Read replicas",
        "",
        f"ProductList (first: 20), {clients} Locust clients for {seconds} s, gunicorn with 2 workers; who",
        "answered is read from each server's own `pg_stat_database.xact_commit` (transactions of",
        "the database, counted on the primary and on the replica). Time in milliseconds.",
        "",
        "| reads go to | requests | req/s | median | p95 | failures | transactions on the primary | on the replica |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    redis, redis_url = start_redis()
    try:
        for label, replicas in (
            ("the primary only", ""),
            ("the replica (DATABASE_REPLICA_URLS)", replica.url("langnghe")),
        ):
            env = production_env(
                database_url=database_url,
                redis_url=redis_url,
                env={"DATABASE_REPLICA_URLS": replicas, **UNCACHED},
            )
            server, base = start_gunicorn(environment=env, workers=2, log=work / "replica-gunicorn.log")
            try:
                warm(base, fixtures)
                settle()
                before = xact_commits(primary), xact_commits(replica)
                row = locust_row(
                    base,
                    fixtures_path,
                    work,
                    clients=clients,
                    seconds=seconds,
                    tag=f"replica-{bool(replicas)}",
                )
            finally:
                stop(server)  # its connections close: their statistics are flushed
            settle()
            after = xact_commits(primary), xact_commits(replica)
            lines.append(f"| {label} | {row.cells()} | {after[0] - before[0]:,} | {after[1] - before[1]:,} |")

        # The replica stopped a third of the way into the run.
        env = production_env(
            database_url=database_url,
            redis_url=redis_url,
            env={"DATABASE_REPLICA_URLS": replica.url("langnghe"), **UNCACHED},
        )
        server, base = start_gunicorn(environment=env, workers=2, log=work / "replica-stop-gunicorn.log")
        try:
            warm(base, fixtures)
            stopper = threading.Timer(seconds / 3, lambda: replica.stop(mode="immediate"))
            stopper.start()
            row = locust_row(
                base, fixtures_path, work, clients=clients, seconds=seconds, tag="replica-stopped"
            )
            stopper.join()
            fell_back = (work / "replica-stop-gunicorn.log").read_text().count("answering from the primary")
        finally:
            stop(server)
        lines += [
            f"| the replica, stopped (immediate shutdown) after {seconds / 3:.0f} s | {row.cells()} | | |",
            "",
            f"While the replica was stopped, {row.failures} requests failed; {fell_back} requests met the dead",
            "replica in the middle of their reads and were answered again from the primary (the others",
            "found it marked unavailable and went to the primary directly).",
            "",
        ]
    finally:
        stop(redis)
    return lines


def read_your_writes_section(primary, replica, database_url: str, work: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """An artisan renames one of its products and reads it back at once; another member reads too."""
    from django.conf import settings
    from graphql_relay import to_global_id

    from marketplace.accounts.models import User
    from marketplace.accounts.tokens import create_access_token
    from marketplace.catalog.models import Product
    from vendors.shops.models import VendorMember, VendorMemberRole

    rounds = int(os.environ.get("BENCH_RYW_ROUNDS", "50"))
    owner = User.objects.get(email=OWNER_EMAIL)
    vendor = VendorMember.objects.filter(user=owner).first().vendor
    partner, _ = User.objects.get_or_create(email="tho-phu@langnghe.vn", defaults={"is_active": True})
    VendorMember.objects.get_or_create(vendor=vendor, user=partner, defaults={"role": VendorMemberRole.STAFF})
    product = Product.objects.filter(vendor=vendor).first()
    product_id = to_global_id("Product", str(product.pk))
    update = "mutation ($id: ID!, $name: String!) { productUpdate(id: $id, input: {name: $name}) { errors { code } } }"
    read = "query ($id: ID!) { product(id: $id) { name } }"
    tokens = {"owner": create_access_token(owner), "partner": create_access_token(partner)}

    def graphql(base: str, token: str, query: str, variables: dict) -> dict:
        import urllib.request

        request = urllib.request.Request(
            f"{base}/graphql/",
            data=json.dumps({"query": query, "variables": variables}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    redis, redis_url = start_redis()
    env = production_env(
        database_url=database_url,
        redis_url=redis_url,
        env={
            "DATABASE_REPLICA_URLS": replica.url("langnghe"),
            "DATABASE_REPLICA_CHECK_SECONDS": "0.5",
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the tokens made here must verify there:
            "PUBLIC_URL": settings.PUBLIC_URL,  # signed with this key, for this issuer
        },
    )
    server, base = start_gunicorn(environment=env, workers=2, log=work / "ryw-gunicorn.log")
    stale = Counter()
    try:
        for index in range(rounds):
            name = f"Bình gốm men lam số {index}"
            assert (
                graphql(base, tokens["owner"], update, {"id": product_id, "name": name})["data"][
                    "productUpdate"
                ]["errors"]
                == []
            )
            for who in ("owner", "partner"):
                seen = graphql(base, tokens[who], read, {"id": product_id})["data"]["product"]["name"]
                stale[who] += seen != name
    finally:
        stop(server)
        stop(redis)
    return [
        "### Read-your-writes",
        "",
        f"{rounds} times: the demo artisan renames one of its products (`productUpdate`) and reads it",
        "back at once (`product(id)`), and another member of the shop, who wrote nothing, reads it",
        "right after. The writer is pinned to the primary for `DATABASE_PRIMARY_PIN_SECONDS`; the",
        "other member reads the replica (streaming on this machine, lag of milliseconds).",
        "",
        "| reader | reads | stale answers |",
        "| --- | --- | --- |",
        f"| the writer (pinned to the primary) | {rounds} | {stale['owner']} |",
        f"| another member (the replica) | {rounds} | {stale['partner']} |",
        "",
    ]


def balancer_section(database_url: str, fixtures: dict, fixtures_path: Path, work: Path) -> list[str]:
    from graphql_relay import to_global_id

    from benchmarks.race import race
    from benchmarks.run import race_variant, sold
    from tests.scale.balancer import start_haproxy
    from tests.scale.http import graphql

    clients = int(os.environ.get("BENCH_CLIENTS", "8"))
    seconds = int(os.environ.get("BENCH_SECONDS", "15"))
    buyers = int(os.environ.get("BENCH_RACE_BUYERS", "40"))
    units = int(os.environ.get("BENCH_RACE_UNITS", "10"))
    lines = [
        "### Two API processes behind a load balancer",
        "",
        "HAProxy (Debian's package, round robin, health checks on `/health/live`) in front of two",
        "gunicorn processes on two ports (2 sync workers each); they share only PostgreSQL and",
        f"Redis. ProductList (first: 20), {clients} clients, {seconds} s; times in milliseconds.",
        "",
        "| served by | requests | req/s | median | p95 | failures |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    redis, redis_url = start_redis()
    processes = []
    haproxy = None
    try:
        env = production_env(database_url=database_url, redis_url=redis_url, env=UNCACHED)
        single, single_base = start_gunicorn(environment=env, workers=2, log=work / "lb-single.log")
        try:
            warm(single_base, fixtures)
            row = locust_row(
                single_base, fixtures_path, work, clients=clients, seconds=seconds, tag="lb-single"
            )
            lines.append(f"| one process (2 workers), no balancer | {row.cells()} |")
        finally:
            stop(single)
        bases = []
        for index in range(2):
            process, base = start_gunicorn(environment=env, workers=2, log=work / f"lb-{index}.log")
            processes.append(process)
            bases.append(base)
        haproxy, port = start_haproxy([int(b.rsplit(":", 1)[1]) for b in bases], directory=work)
        balanced = f"http://127.0.0.1:{port}"
        warm(balanced, fixtures)
        row = locust_row(balanced, fixtures_path, work, clients=clients, seconds=seconds, tag="lb-two")
        lines += [f"| two processes behind HAProxy | {row.cells()} |", ""]

        variant = race_variant(units)
        outcome = race(
            base_url=balanced,
            documents=fixtures["documents"],
            variant_id=to_global_id("ProductVariant", str(variant)),
            buyers=buyers,
            address=ADDRESS,
        )
        orders, units_sold, quantity, allocated = sold(variant)
        refused = ", ".join(f"{key} × {n}" for key, n in sorted(outcome.refused.items())) or "none"
        lines += [
            f"The checkout race through HAProxy: {buyers} buyers, one unit each, {units} in stock",
            "(reservations on, the default), counted in the database.",
            "",
            "| buyers | units in stock | orders created | units sold | oversells | server errors | stock after (quantity / allocated) | seconds |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            f"| {buyers} | {units} | {orders} | {units_sold} | {max(0, units_sold - units)} | {outcome.server_errors} "
            f"| {quantity} / {allocated} | {outcome.seconds:.1f} |",
            "",
            f"Refused buyers (step: code): {refused}.",
            "",
        ]

        from django.conf import settings

        attempts = []
        sign_in = (
            'mutation { tokenCreate(email: "khach-la@example.vn", password: "sai") { errors { code } } }'
        )
        for _ in range(settings.LOGIN_FAILURES_ALLOWED + 3):
            _, body, headers = graphql(balanced, sign_in)
            attempts.append((headers.get("x-served-by"), body["data"]["tokenCreate"]["errors"][0]["code"]))
        lines += [
            "Sign-in throttling through HAProxy: wrong passwords for one account, one after another",
            "(each row: the process that answered, and the answer). The counters are in Redis, so the",
            f"`LOGIN_FAILURES_ALLOWED` ({settings.LOGIN_FAILURES_ALLOWED}) failures are counted across both processes.",
            "",
            "| attempt | answered by | code |",
            "| --- | --- | --- |",
            *[f"| {i} | {served} | {code} |" for i, (served, code) in enumerate(attempts, 1)],
            "",
        ]
    finally:
        if haproxy is not None:
            stop(haproxy)
        for process in processes:
            stop(process)
        stop(redis)
    return lines


def scale_section() -> list[str]:
    from tests.hardening.processes import PostgresCluster

    products = int(os.environ.get("BENCH_SCALE_PRODUCTS", "1000"))
    primary = PostgresCluster()
    replica = None
    try:
        primary.init()
        primary.start()
        primary.create_database("langnghe")
        database_url = primary.url("langnghe")
        setup(database_url)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        call_command("populatedb", "--demo-accounts", "--skip-images", "--products", str(products))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        from benchmarks.run import purchasable_variants, restock, write_fixtures

        variant_ids = purchasable_variants(300)
        restock(variant_ids)
        replica = primary.replica()
        primary.query("CREATE TABLE replication_check (id int)", "langnghe")
        deadline = time.monotonic() + 60
        while replica.query("SELECT to_regclass('replication_check') IS NOT NULL", "langnghe") != [(True,)]:
            if time.monotonic() > deadline:
                raise SystemExit("the replica did not catch up")
            time.sleep(0.2)
        with tempfile.TemporaryDirectory(prefix="langnghe-scale-") as directory:
            work = Path(directory)
            fixtures_path = work / "fixtures.json"
            fixtures = write_fixtures(fixtures_path, variant_ids)
            connection.close()
            lines = [
                SECTION,
                "",
                f"A throwaway PostgreSQL 15 primary with {products:,} products and a streaming replica made from it",
                "(`pg_basebackup -R`), on this 2-core machine with the load generator: indicative numbers.",
                "",
            ]
            lines += read_your_writes_section(primary, replica, database_url, work)
            lines += balancer_section(database_url, fixtures, fixtures_path, work)
            lines += replica_section(
                primary, replica, database_url, fixtures, fixtures_path, work
            )  # stops the replica
            return lines
    finally:
        if replica is not None:
            replica.destroy()
        primary.destroy()


def write_section(lines: list[str]) -> str:
    """Replace (or add) the "Running at scale" section of RESULTS.md."""
    results = ROOT / "benchmarks" / "RESULTS.md"
    text = results.read_text() if results.exists() else "# Benchmark results\n"
    if SECTION in text:
        text = text[: text.index(SECTION)].rstrip("\n") + "\n"
    text = text.rstrip("\n") + "\n\n" + "\n".join(lines)
    results.write_text(text)
    return text


if __name__ == "__main__":
    section = scale_section()
    write_section(section)
    print("\n".join(section))
