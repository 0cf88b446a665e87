"""Write or check the committed SDL (``storefront_api/schema.graphql``)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from storefront_api.schema import schema

SCHEMA_PATH = Path(settings.BASE_DIR) / "storefront_api" / "schema.graphql"


def current_sdl() -> str:
    return str(schema).rstrip() + "\n"


class Command(BaseCommand):
    help = "Write storefront_api/schema.graphql (--write) or fail if it is out of date (--check)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--write", action="store_true")
        group.add_argument("--check", action="store_true")

    def handle(self, *args, **options):
        sdl = current_sdl()
        if options["write"]:
            SCHEMA_PATH.write_text(sdl)
            self.stdout.write(f"wrote {SCHEMA_PATH}")
            return
        committed = SCHEMA_PATH.read_text() if SCHEMA_PATH.exists() else ""
        if committed != sdl:
            raise CommandError(
                "storefront_api/schema.graphql is out of date: run `make schema` and commit it."
            )
        self.stdout.write("schema.graphql is current")
