"""``marketplace.core`` is the ground floor: every app may use it, and it imports nothing of
ours (no other app, no project module, not storefront_api nor the demo seed)."""

import ast
from pathlib import Path

import marketplace.core

CORE = Path(marketplace.core.__file__).resolve().parent
OURS = ("marketplace", "vendors", "storefront_api", "backoffice", "benchmarks", "tests")


def imports_of_ours(path: Path) -> list[str]:
    """Every module of ours that ``path`` imports, anywhere in the file (function-local
    imports included), except marketplace.core itself."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # a relative import may climb out of core: not allowed here (STYLE.md)
                found.append(f"{'.' * node.level}{node.module or ''}")
                continue
            names = [node.module or ""]
            if node.module in OURS:  # "from marketplace import celery_app"
                names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in OURS and not (name == "marketplace.core" or name.startswith("marketplace.core.")):
                found.append(name)
    return found


def test_core_imports_nothing_of_ours():
    offenders = {
        str(path.relative_to(CORE.parent.parent)): imports
        for path in sorted(CORE.rglob("*.py"))
        if (imports := imports_of_ours(path))
    }
    assert offenders == {}


def test_the_check_sees_an_upward_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import os\n"
        "from marketplace.core.text import nfc\n"
        "from marketplace import celery_app\n"
        "def f():\n"
        "    from vendors.shops.models import Vendor\n"
        "    import storefront_api.schema\n"
        "from . import sibling\n"
    )
    assert sorted(imports_of_ours(module)) == [
        ".",
        "marketplace.celery_app",
        "storefront_api.schema",
        "vendors.shops.models",
    ]


def test_the_demo_seed_is_its_own_app_on_top():
    from django.apps import apps

    assert apps.get_app_config("demo").name == "marketplace.demo"
    assert not (CORE / "demo").exists() and not (CORE / "management").exists()
    command = Path(apps.get_app_config("demo").path) / "management" / "commands" / "populatedb.py"
    assert command.is_file()
