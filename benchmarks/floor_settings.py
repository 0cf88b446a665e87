"""The API's production settings with one more URL, ``/floor/`` (benchmarks/floor.py): the
framework floor of `make bench` runs in the same server setup as the API."""

from marketplace.settings.base import *  # noqa: F403

ROOT_URLCONF = "benchmarks.floor"
