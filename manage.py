#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.base")
    if len(sys.argv) > 1 and sys.argv[1] != "runserver":
        # Migrations, imports and shells may run long statements legitimately: only the
        # processes serving requests (runserver, gunicorn) and the Celery workers are bounded.
        os.environ["DATABASE_STATEMENT_TIMEOUT_MS"] = "0"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
