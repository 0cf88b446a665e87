"""Bring descriptions stored before the rich-text rules up to them (run once after the
upgrade; idempotent, so running it again changes nothing): EditorJS documents of products,
categories, collections and their translations are cleaned as every writer cleans them now,
with their plain text and the products' search text recomputed; shops' and routes'
plain-text descriptions lose any markup. ``--dry-run`` only counts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from marketplace.catalog.services.descriptions import reclean_catalog_descriptions
from marketplace.routes.services import route_reclean_descriptions
from vendors.shops.services import vendor_reclean_descriptions


class Command(BaseCommand):
    help = "Re-clean stored rich text (EditorJS) and plain-text descriptions; --dry-run only counts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what would change, write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        counts = reclean_catalog_descriptions(dry_run=dry_run)
        counts["shops"] = vendor_reclean_descriptions(dry_run=dry_run)
        counts["routes and route translations"] = route_reclean_descriptions(dry_run=dry_run)
        verb = "would change" if dry_run else "changed"
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} {verb}")
