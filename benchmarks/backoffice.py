"""The back office's pages on the demo data: server time and SQL queries per page.

    python benchmarks/backoffice.py            # against DATABASE_URL (seeded with populatedb)
    BENCH_BACKOFFICE_ONLY=staff BENCH_BACKOFFICE_SQL=3 python benchmarks/backoffice.py
                                               # pages whose label has "staff", 3 slowest queries each

``make bench`` calls ``backoffice_section`` for each catalogue size (one line in run.py).
In-process, through Django's test client as the demo artisan (``artisan@langnghe.vn``, the
owner of a Bát Tràng shop, signed in with a session like a browser): each page is requested
``ROUNDS`` times after one warm-up request, and the median and the slowest server time are
reported with the number of SQL queries of one request. The Design Centre console's pages are
measured the same way as the demo curator (``curator@langnghe.vn``) and the staff console's
(shops, applications, catalogue settings, shipping, routes, permission groups) as the demo
administrator (``admin@langnghe.vn``). Every page aims at well under 100 ms of server time (issue 13).
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
SHOW_SQL = int(os.environ.get("BENCH_BACKOFFICE_SQL", "0"))  # print the N slowest queries of each page


def _pages() -> list[tuple[str, str]]:
    from django.urls import reverse

    from marketplace.catalog.models import Product, ProductType
    from marketplace.orders.models import VendorOrder
    from vendors.shops.models import VendorMember

    vendor_id = VendorMember.objects.filter(user__email=ARTISAN).values_list("vendor_id", flat=True).first()
    pages = [
        ("Seller home", reverse("backoffice:seller-home")),
        ("Products", reverse("backoffice:products")),
        ("Products, search", reverse("backoffice:products") + "?q=gom"),
        ("Products, last page", reverse("backoffice:products") + "?page=last"),
        ("Orders", reverse("backoffice:orders")),
        ("Returns", reverse("backoffice:returns")),
        ("Payouts", reverse("backoffice:payouts")),
        ("Showcase", reverse("backoffice:showcase")),
        ("Showcase, product search", reverse("backoffice:showcase") + "?find=binh"),
        ("Product picks (htmx)", reverse("backoffice:product-picks") + "?find=binh"),
        ("OCOP", reverse("backoffice:ocop")),
        ("Reviews", reverse("backoffice:reviews")),
        ("Vouchers", reverse("backoffice:vouchers")),
        ("Shop profile", reverse("backoffice:shop")),
        ("New product: type", reverse("backoffice:product-new")),
    ]
    product_type = ProductType.objects.order_by("pk").first()
    if product_type is not None:
        pages.append(("New product: form", reverse("backoffice:product-create", args=[product_type.pk])))
    product = Product.objects.filter(vendor_id=vendor_id).order_by("pk").first()
    if product is not None:
        pages.append(("Product form", reverse("backoffice:product-edit", args=[product.pk])))
        pages.append(("Photos", reverse("backoffice:product-photos", args=[product.pk])))
    part = VendorOrder.objects.filter(vendor_id=vendor_id).order_by("pk").first()
    if part is not None:
        pages.append(("Order", reverse("backoffice:order", args=[part.pk])))
        pages.append(("Packing slip", reverse("backoffice:order-slip", args=[part.pk])))
    return pages


def _console_pages() -> list[tuple[str, str, str]]:
    """(who, label, url) of the Design Centre console and the staff console."""
    from django.urls import reverse

    from marketplace.accounts.models import Group
    from marketplace.catalog.models import Attribute, Category, ProductType
    from marketplace.curation.selectors import curated_collections
    from marketplace.routes.models import TourismRoute
    from marketplace.shipping.models import ShippingMethod
    from vendors.shops.models import VendorMember

    pages = [
        (CURATOR, "Curator: console", reverse("backoffice:curator-home")),
        (CURATOR, "Curator: showcase queue", reverse("backoffice:curator-showcase")),
        (CURATOR, "Curator: OCOP queue", reverse("backoffice:curator-ocop")),
        (CURATOR, "Curator: collections", reverse("backoffice:curator-collections")),
        (CURATOR, "Curator: new collection", reverse("backoffice:curator-collection-new")),
    ]
    collection = curated_collections().order_by("pk").first()
    if collection is not None:
        pages.append(
            (CURATOR, "Curator: a collection", reverse("backoffice:curator-collection", args=[collection.pk]))
        )
        pages.append(
            (
                CURATOR,
                "Curator: collection picks (htmx)",
                reverse("backoffice:curator-collection-picks", args=[collection.pk]) + "?find=binh",
            )
        )
        pages.append(
            (
                CURATOR,
                "Curator: preview",
                reverse("backoffice:curator-collection-preview", args=[collection.pk]),
            )
        )
    pages += [
        (ADMIN, "Staff: console", reverse("backoffice:staff-home")),
        (ADMIN, "Staff: shop applications", reverse("backoffice:staff-applications")),
        (ADMIN, "Staff: shops", reverse("backoffice:staff-shops")),
        (ADMIN, "Staff: shops, search", reverse("backoffice:staff-shops") + "?q=gom"),
    ]
    shop = VendorMember.objects.filter(user__email=ARTISAN).values_list("vendor_id", flat=True).first()
    if shop is not None:
        pages.append((ADMIN, "Staff: a shop", reverse("backoffice:staff-shop", args=[shop])))
    pages.append((ADMIN, "Staff: catalogue settings", reverse("backoffice:staff-catalogue")))
    for label, model, name in (
        ("Staff: a category", Category, "backoffice:staff-category"),
        ("Staff: a product type", ProductType, "backoffice:staff-product-type"),
        ("Staff: an attribute", Attribute, "backoffice:staff-attribute"),
    ):
        first = model.objects.order_by("pk").values_list("pk", flat=True).first()  # type: ignore[attr-defined]
        if first is not None:
            pages.append((ADMIN, label, reverse(name, args=[first])))
    pages += [
        (ADMIN, "Staff: new category", reverse("backoffice:staff-category-new")),
        (ADMIN, "Staff: new product type", reverse("backoffice:staff-product-type-new")),
        (ADMIN, "Staff: new attribute", reverse("backoffice:staff-attribute-new")),
        (ADMIN, "Staff: shipping zones", reverse("backoffice:staff-shipping")),
    ]
    method = ShippingMethod.objects.order_by("pk").values_list("zone_id", "pk").first()
    if method is not None:
        pages.append((ADMIN, "Staff: a shipping zone", reverse("backoffice:staff-zone", args=[method[0]])))
        pages.append((ADMIN, "Staff: a shipping method", reverse("backoffice:staff-method", args=method)))
    pages.append((ADMIN, "Staff: routes", reverse("backoffice:staff-routes")))
    pages.append((ADMIN, "Staff: new route", reverse("backoffice:staff-route-new")))
    route = TourismRoute.objects.order_by("pk").values_list("pk", flat=True).first()
    if route is not None:
        pages.append((ADMIN, "Staff: a route", reverse("backoffice:staff-route", args=[route])))
    pages.append((ADMIN, "Staff: permission groups", reverse("backoffice:staff-groups")))
    group = Group.objects.order_by("pk").values_list("pk", flat=True).first()
    if group is not None:
        pages.append((ADMIN, "Staff: a group", reverse("backoffice:staff-group", args=[group])))
    pages.append((ADMIN, "Staff: new group", reverse("backoffice:staff-group-new")))
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
        "The demo artisan's pages, then the curator's and the administrator's (staff console), "
        f"in-process, {ROUNDS} requests each after a warm-up (target: under {TARGET_MS} ms).",
        "",
        "| page | SQL queries | median ms | slowest ms | bytes |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    pages = [(client, label, url) for label, url in _pages()]
    only = os.environ.get("BENCH_BACKOFFICE_ONLY", "").lower()  # a part of the labels to measure
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
    lines += [_measure(who, label, url) for who, label, url in pages if only in label.lower()]
    lines.append("")
    return lines


def _measure(client, label: str, url: str) -> str:  # type: ignore[no-untyped-def]
    from django.db import connection

    first = client.get(url)
    if first.status_code != 200:
        return f"| {label} | — | HTTP {first.status_code} | | |"
    captured: list[tuple[float, str]] = []

    def count(execute, sql, params, many, context, captured=captured):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append(((time.perf_counter() - started) * 1000, sql))

    with connection.execute_wrapper(count):
        client.get(url)
    if SHOW_SQL:  # the slowest queries of the page, to stderr
        for ms, sql in sorted(captured, reverse=True)[:SHOW_SQL]:
            print(f"{label}: {ms:.1f} ms {sql[:600]}", file=sys.stderr)
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
