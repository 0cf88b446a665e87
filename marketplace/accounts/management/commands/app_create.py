"""Create an app (a server-side principal) and print its token once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.permissions import PermissionEnum


class Command(BaseCommand):
    help = "Create an app with permissions, e.g. --name storefront --permission MANAGE_CHANNELS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--permission", action="append", default=[], help="A PermissionEnum name; repeatable."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            permissions = [PermissionEnum[name] for name in options["permission"]]
        except KeyError as error:
            raise CommandError(
                f"Unknown permission {error}; one of {', '.join(p.name for p in PermissionEnum)}"
            ) from None
        app, token = app_create(name=options["name"], permissions=permissions)
        self.stdout.write(f"App {app.name!r} created. Its token (shown once): {token}")
