"""The back office's pages on the demo data: server time and SQL queries per page.

    python benchmarks/backoffice.py            # against DATABASE_URL (seeded with populatedb)

``make bench`` calls ``backoffice_section`` for each catalogue size (one line in run.py).
In-process, through Django's test client as the demo artisan (``artisan@langnghe.vn``, the
owner of a Bát Tràng shop, signed in with a session like a browser): each page is requested
``ROUNDS`` times after one warm-up request, and the median and the slowest server time are
reported with the number of SQL queries of one request. The Design Centre console's pages are
measured the same way as the demo curator (``curator@langnghe.vn``) and the shop applications
as the demo administrator. Every page aims at well under 100 ms of server time (issue 13).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROUNDS = int(os.environ.get("BENCH_BACKOFFICE_ROUNDS", "20"))
ARTISAN = "artisan@langnghe.vn"
CURATOR = "curator@langnghe.vn"
ADMIN = "admin@langnghe.vn"
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
        ("Returns", reverse("backoffice:returns")),
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


def _console_pages() -> list[tuple[str, str, str]]:
    """(who, label, url) of the Design Centre console and the shop applications."""
    from django.urls import reverse

    from marketplace.curation.selectors import curated_collections

    pages = [
        (CURATOR, "Curator: showcase queue", reverse("backoffice:curator-showcase")),
        (CURATOR, "Curator: OCOP queue", reverse("backoffice:curator-ocop")),
        (CURATOR, "Curator: collections", reverse("backoffice:curator-collections")),
    ]
    collection = curated_collections().order_by("pk").first()
    if collection is not None:
        pages.append(
            (CURATOR, "Curator: a collection", reverse("backoffice:curator-collection", args=[collection.pk]))
        )
        pages.append(
            (
                CURATOR,
                "Curator: preview",
                reverse("backoffice:curator-collection-preview", args=[collection.pk]),
            )
        )
    pages.append((ADMIN, "Staff: shop applications", reverse("backoffice:staff-applications")))
    return pages


def backoffice_section(products: int) -> list[str]:
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
        f"The demo artisan's pages, then the curator's and the administrator's, in-process, {ROUNDS} "
        f"requests each after a warm-up (target: under {TARGET_MS} ms).",
        "",
        "| page | SQL queries | median ms | slowest ms | bytes |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    pages = [(client, label, url) for label, url in _pages()]
    clients = {ARTISAN: client}
    for email, label, url in _console_pages():
        if email not in clients:
            person = User.objects.filter(email=email).first()
            if person is None:
                lines.append(f"| {label} | — | no {email} | | |")
                continue
            clients[email] = Client()
            clients[email].force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        pages.append((clients[email], label, url))
    lines += [_measure(who, label, url) for who, label, url in pages]
    lines.append("")
    return lines


def _measure(client, label: str, url: str) -> str:  # type: ignore[no-untyped-def]
    from django.db import connection

    first = client.get(url)
    if first.status_code != 200:
        return f"| {label} | — | HTTP {first.status_code} | | |"
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
    return (
        f"| {label} | {len(captured)} | {statistics.median(timings):.1f} | {max(timings):.1f} "
        f"| {len(first.content):,} |"
    )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    import django

    django.setup()
    from marketplace.catalog.models import Product

    print("\n".join(backoffice_section(Product.objects.count())))


if __name__ == "__main__":
    main()
