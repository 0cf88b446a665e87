"""GraphiQL is served from the project: the page references only our static files, which
are graphene-django's assets byte for byte (its integrity hashes), served here by WhiteNoise.
The production path (collectstatic, hashed names, a real browser) is tested in tests/docker/."""

import base64
import hashlib
import importlib.util
import re
from pathlib import Path

from graphene_django.views import GraphQLView

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("vendor_graphiql", ROOT / "scripts" / "vendor_graphiql.py")
vendor = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(vendor)  # type: ignore[union-attr]


def sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def test_vendored_assets_are_graphene_djangos_at_its_versions():
    for asset in vendor.ASSETS:
        version = getattr(GraphQLView, asset.version_attr)
        path = vendor.TARGET / vendor.folder(asset.package, version) / Path(asset.path).name
        assert path.is_file(), f"{path} missing: run scripts/vendor_graphiql.py"
        assert sri(path.read_bytes()) == getattr(GraphQLView, asset.sri_attr), path
    readme = (vendor.TARGET / "README.md").read_text()
    assert readme.count("| MIT (") == len(vendor.ASSETS)


def test_the_page_loads_every_asset_from_this_origin(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    page = response.content.decode()
    urls = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)
    integrities = re.findall(r'integrity="([^"]*)"', page)
    assert len(urls) == 8 and len(integrities) == 7  # graphene-django's own start-up script has none
    assert "cdn" not in page.lower() and "://" not in page
    for url in urls:
        assert url.startswith("/static/"), url
        served = client.get(url)
        assert served.status_code == 200, url
        body = b"".join(served.streaming_content)
        if url.endswith("graphene_django/graphiql.js"):
            continue
        assert sri(body) in integrities, url  # the browser's integrity check will pass
