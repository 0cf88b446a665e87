"""The back office's pages on the demo data: server time and SQL queries per page.

    python benchmarks/backoffice.py            # against DATABASE_URL (seeded with populatedb)

``make bench`` calls ``backoffice_section`` for each catalogue size (one line in run.py).
In-process, through Django's test client as the demo artisan (``artisan@langnghe.vn``, the
owner of a Bát Tràng shop, signed in with a session like a browser): each page is requested
``ROUNDS`` times after one warm-up request, and the median and the slowest server time are
reported with the number of SQL queries of one request. The seller centre aims at well under
100 ms of server time per page (issue 13).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROUNDS = int(os.environ.get("BENCH_BACKOFFICE_ROUNDS", "20"))
ARTISAN = "artisan@langnghe.vn"
TARGET_MS = 100


def _pages() -> list[tuple[str, str]]:
    from django.urls import reverse

    from marketplace.catalog.models import Product
    from marketplace.orders.models import VendorOrder
    from vendors.shops.models import VendorMember

    vendor_id = VendorMember.objects.filter(user__email=ARTISAN).values_list("vendor_id", flat=True).first()
    pages = [
        ("Seller home", reverse("backoffice:seller-home")),
        ("Products", reverse("backoffice:products")),
        ("Products, search", reverse("backoffice:products") + "?q=gom"),
        ("Orders", reverse("backoffice:orders")),
        ("Payouts", reverse("backoffice:payouts")),
        ("Showcase", reverse("backoffice:showcase")),
        ("OCOP", reverse("backoffice:ocop")),
    ]
    product = Product.objects.filter(vendor_id=vendor_id).order_by("pk").first()
    if product is not None:
        pages.append(("Product form", reverse("backoffice:product-edit", args=[product.pk])))
        pages.append(("Photos", reverse("backoffice:product-photos", args=[product.pk])))
    part = VendorOrder.objects.filter(vendor_id=vendor_id).order_by("pk").first()
    if part is not None:
        pages.append(("Order", reverse("backoffice:order", args=[part.pk])))
    return pages


def backoffice_section(products: int) -> list[str]:
    from django.db import connection
    from django.test import Client

    from marketplace.accounts.models import User

    user = User.objects.filter(email=ARTISAN).first()
    heading = f"### Back office: server time per page ({products:,} products)"
    if user is None:
        return [heading, "", f"Not measured: no {ARTISAN} (seed with populatedb --demo-accounts).", ""]
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    lines = [
        heading,
        "",
        f"The demo artisan's pages, in-process, {ROUNDS} requests each after a warm-up (target: under "
        f"{TARGET_MS} ms).",
        "",
        "| page | SQL queries | median ms | slowest ms | bytes |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, url in _pages():
        first = client.get(url)
        if first.status_code != 200:
            lines.append(f"| {label} | — | HTTP {first.status_code} | | |")
            continue
        captured: list[str] = []

        def count(execute, sql, params, many, context, captured=captured):  # type: ignore[no-untyped-def]
            captured.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        timings = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        lines.append(
            f"| {label} | {len(captured)} | {statistics.median(timings):.1f} | {max(timings):.1f} "
            f"| {len(first.content):,} |"
        )
    lines.append("")
    return lines


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    import django

    django.setup()
    from marketplace.catalog.models import Product

    print("\n".join(backoffice_section(Product.objects.count())))


if __name__ == "__main__":
    main()
