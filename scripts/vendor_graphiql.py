"""Vendor GraphiQL's browser assets into storefront_api/static/storefront_api/graphiql/.

graphene-django's GraphiQL page loads React, ReactDOM, GraphiQL, graphql-ws and the
explorer plugin from a CDN, at the versions and Subresource Integrity hashes declared on
``graphene_django.views.GraphQLView``. We serve the very same files ourselves (a page with
no external request, which works offline and behind strict networks): this script takes
each package from the npm registry with ``npm pack``, checks each file against
graphene-django's SRI hash, and copies it, its licence and its source map in.

Run it after upgrading graphene-django (``.venv/bin/python scripts/vendor_graphiql.py``),
then commit the folder; tests/storefront_api/core/test_graphiql.py fails while the files
do not match the installed graphene-django.
"""

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "storefront_api" / "static" / "storefront_api" / "graphiql"


@dataclass(frozen=True)
class Asset:
    package: str  # npm name
    version_attr: str  # the GraphQLView attribute holding the version
    path: str  # inside the npm package
    sri_attr: str  # the GraphQLView attribute holding its SRI hash
    extra: tuple[str, ...] = ()  # files copied beside it unchecked (source maps)


ASSETS = (
    Asset("react", "react_version", "umd/react.production.min.js", "react_sri"),
    Asset("react-dom", "react_version", "umd/react-dom.production.min.js", "react_dom_sri"),
    Asset("graphiql", "graphiql_version", "graphiql.min.js", "graphiql_sri", ("graphiql.min.js.map",)),
    Asset("graphiql", "graphiql_version", "graphiql.min.css", "graphiql_css_sri", ("graphiql.min.css.map",)),
    Asset(
        "graphql-ws",
        "subscriptions_transport_ws_version",
        "umd/graphql-ws.min.js",
        "subscriptions_transport_ws_sri",
    ),
    Asset(
        "@graphiql/plugin-explorer",
        "graphiql_plugin_explorer_version",
        "dist/graphiql-plugin-explorer.umd.js",
        "graphiql_plugin_explorer_sri",
    ),
    Asset(
        "@graphiql/plugin-explorer",
        "graphiql_plugin_explorer_version",
        "dist/style.css",
        "graphiql_plugin_explorer_css_sri",
    ),
)
LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt")


def sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def folder(package: str, version: str) -> str:
    """``graphiql-2.4.7``, ``graphiql-plugin-explorer-0.1.15`` (for ``@graphiql/plugin-explorer``)."""
    return f"{package.lstrip('@').replace('/', '-')}-{version}"


def main() -> int:
    from django.conf import settings

    settings.configure()  # graphene-django reads settings on import; none of ours are needed
    from graphene_django.views import GraphQLView

    packages = {(a.package, getattr(GraphQLView, a.version_attr)) for a in ASSETS}
    with tempfile.TemporaryDirectory() as tmp:
        unpacked: dict[tuple[str, str], Path] = {}
        for package, version in sorted(packages):
            out = subprocess.run(
                ["npm", "pack", "--silent", f"{package}@{version}"],
                cwd=tmp,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()[-1]
            dest = Path(tmp) / f"unpacked-{len(unpacked)}"
            with tarfile.open(Path(tmp) / out) as archive:
                archive.extractall(dest, filter="data")
            unpacked[(package, version)] = dest / "package"

        if TARGET.exists():
            shutil.rmtree(TARGET)
        rows = []
        for asset in ASSETS:
            version = getattr(GraphQLView, asset.version_attr)
            source = unpacked[(asset.package, version)]
            data = (source / asset.path).read_bytes()
            expected = getattr(GraphQLView, asset.sri_attr)
            if sri(data) != expected:
                print(
                    f"{asset.package}@{version} {asset.path}: {sri(data)} is not graphene-django's {expected}"
                )
                return 1
            dest = TARGET / folder(asset.package, version)
            dest.mkdir(parents=True, exist_ok=True)
            (dest / Path(asset.path).name).write_bytes(data)
            for extra in asset.extra:
                shutil.copyfile(source / extra, dest / Path(extra).name)
            licences = [name for name in LICENCE_NAMES if (source / name).is_file()]
            for name in licences:
                shutil.copyfile(source / name, dest / name)
            licence = json.loads((source / "package.json").read_text())["license"]
            licence_files = ", ".join(licences) if licences else "stated in package.json"
            rows.append(
                f"| `{dest.name}/{Path(asset.path).name}` | {asset.package} {version} (`{asset.path}`) "
                f"| {licence} ({licence_files}) | `{expected}` |"
            )
    (TARGET / "README.md").write_text(
        "# GraphiQL's browser assets, served by the API itself\n\n"
        "Written by `scripts/vendor_graphiql.py` from the npm registry (`npm pack`), at the versions\n"
        "graphene-django's GraphiQL page declares; every file matches graphene-django's Subresource\n"
        "Integrity hash (the CDN's file, byte for byte). The page that loads them is\n"
        "`storefront_api/templates/graphene/graphiql.html`; the start-up script is graphene-django's own\n"
        "`graphene_django/graphiql.js`. Source maps are kept beside the minified files they belong to.\n\n"
        "| file | package and version (path in the package) | licence | SRI |\n| --- | --- | --- | --- |\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    print(f"vendored {len(ASSETS)} files into {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
