"""Seed the demo data (Saleor's ``populatedb``): villages, routes, shops, a catalogue,
collections, demo accounts and demo orders. Idempotent: running it again changes nothing.

The demo accounts (a superuser among them) have passwords written in this repository, so
the command runs only with DEBUG on or when asked for them explicitly (``--demo-accounts``):
run by mistake against a production database it refuses and writes nothing."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.catalog.cache import catalog_changed, stock_changed
from marketplace.demo import seed
from marketplace.demo.content_seed import seed_storefront_content
from marketplace.demo.ocop_seed import seed_ocop
from marketplace.demo.orders_seed import seed_orders
from marketplace.demo.showcase_seed import seed_showcase


class Command(BaseCommand):
    help = "Seed idempotent demo data; --products N adds a benchmark catalogue of N products."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--products",
            type=int,
            default=0,
            metavar="N",
            help="Top the default channel up to N products with a bulk benchmark catalogue.",
        )
        parser.add_argument(
            "--skip-images", action="store_true", help="Write no image files (faster; for tests)."
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="Benchmark catalogue batch size.")
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help=(
                "Create the demo accounts (a superuser among them; passwords published in the "
                "repository) although DEBUG is off. Never on a database that real people use."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or options["demo_accounts"]):
            raise CommandError(
                "populatedb creates demo accounts whose passwords are published in the repository "
                "(admin@langnghe.vn is a superuser), so it runs only with DEBUG on. DEBUG is off: "
                "if this database is a demo or a test one, run it again with --demo-accounts; "
                "never do that on a database that real people use. Nothing was written."
            )
        skip_images: bool = options["skip_images"]
        started = time.monotonic()

        def log(message: str) -> None:
            self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {message}")

        seed.seed_villages(log)
        seed.seed_routes(log)
        seed.seed_vendors(log)
        seed.seed_catalog(skip_images=skip_images, log=log)
        seed.seed_collections(skip_images=skip_images, log=log)
        accounts = seed.seed_accounts(log)
        seed_ocop(log)
        seed_showcase(log)
        seed_orders(log)
        seed_storefront_content(log)  # pages, menus, English slugs, bestsellers (issue 12)
        if options["products"]:
            seed.seed_large_catalog(
                options["products"],
                skip_images=skip_images,
                batch_size=options["batch_size"],
                log=log,
            )
        catalog_changed()  # the seeder writes in bulk, not through the services: drop cached reads
        stock_changed()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
        self.stdout.write("")
        self.stdout.write("Demo accounts:")
        width = max(len(a.email) for a in accounts)
        pwidth = max(len(a.password) for a in accounts)
        self.stdout.write(f"  {'e-mail'.ljust(width)}  {'password'.ljust(pwidth)}  role")
        for account in accounts:
            self.stdout.write(
                f"  {account.email.ljust(width)}  {account.password.ljust(pwidth)}  {account.role}"
            )
