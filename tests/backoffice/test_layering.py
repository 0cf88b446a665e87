"""The back office calls services and selectors, never the GraphQL layer; the domain apps
and the GraphQL layer never import the back office (DESIGN.md's dependency direction)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def offenders(package: str, forbidden: str) -> dict[str, list[str]]:
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = sorted(n for n in imported(path) if n == forbidden or n.startswith(f"{forbidden}."))
        if bad:
            found[str(path.relative_to(ROOT))] = bad
    return found


def test_the_back_office_never_imports_the_graphql_layer():
    assert offenders("backoffice", "storefront_api") == {}


def test_nothing_below_imports_the_back_office():
    for package in ("marketplace", "vendors", "storefront_api"):
        assert offenders(package, "backoffice") == {}, package
