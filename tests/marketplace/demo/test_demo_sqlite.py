"""`make demo` runs on the embedded default, SQLite: every migration applies there (the
PostgreSQL-only triggers of catalog 0009 are skipped), populatedb seeds, and the public
product list shows the seeded products and hides a suspended shop's (on SQLite the shop's
status is read through a join instead of the trigger-kept ``vendor_active``)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CHECK = """
import json
import django
django.setup()
from django.db import connection
from django.test import Client
from vendors.shops.models import Vendor

assert connection.vendor == "sqlite", connection.vendor
QUERY = '{ products(first: 1, channel: "default-channel") { totalCount } }'

def count():
    response = Client(HTTP_HOST="127.0.0.1").post(
        "/graphql/", data=json.dumps({"query": QUERY}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()["data"]["products"]["totalCount"]

# Search on SQLite: the LIKE form of the word match and the whole ranking in one query.
SEARCH = '{ products(first: 5, channel: "default-channel", search: "BÁT tràn") { totalCount edges { node { name } } } }'
found = Client(HTTP_HOST="127.0.0.1").post(
    "/graphql/", data=json.dumps({"query": SEARCH}), content_type="application/json"
).json()["data"]["products"]
assert found["totalCount"] > 0 and len(found["edges"]) == min(5, found["totalCount"]), found
# The loaders' rows (read without querysets) on SQLite: JSON, decimals, translations, media.
CARDS = ('{ products(first: 5, channel: "default-channel") { edges { node { name '
         'category { name description } translation(languageCode: EN) { name } '
         'pricing { priceRange { start { gross { amount currency } } } } media { url } variants { sku } } } } }')
cards = Client(HTTP_HOST="127.0.0.1").post(
    "/graphql/", data=json.dumps({"query": CARDS}), content_type="application/json"
).json()
assert "errors" not in cards, cards
nodes = [edge["node"] for edge in cards["data"]["products"]["edges"]]
assert len(nodes) == 5 and all(node["category"]["name"] for node in nodes), nodes
assert all(node["pricing"]["priceRange"]["start"]["gross"]["amount"] > 0 for node in nodes), nodes
assert all(node["variants"] and node["media"] for node in nodes), nodes
assert any(node["translation"] and node["translation"]["name"] for node in nodes), nodes
before = count()
shop = Vendor.objects.filter(status="ACTIVE", products__isnull=False).distinct().first()
Vendor.objects.filter(pk=shop.pk).update(status="SUSPENDED")
print(before, count())
"""


def test_the_demo_migrates_seeds_and_lists_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.base",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": "",
        "CELERY_TASK_ALWAYS_EAGER": "true",
    }
    env.pop("DJANGO_SECRET_KEY", None)
    for command in (["migrate", "--noinput"], ["populatedb"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-3000:]
    checked = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr[-3000:]
    before, after = (int(n) for n in checked.stdout.split())
    assert before >= 300  # the demo's catalogue
    assert 0 < after < before  # the suspended shop's products are gone from the list
