"""No domain work in the GraphQL layer (STYLE.md, issue 17): a mutation parses its input,
calls one service and shapes the answer; whatever else it did, the back office would have
to copy. So ``storefront_api`` holds no ORM writes, no transactions or after-commit side
effects, no storage writes, queued tasks or mail (its whole-answer read cache is the API's
own), and reads the database through selectors and DataLoaders only
(querysets are built in ``dataloaders``, ``filters`` and ``sorters`` modules, which give the
connections their batching, filtering and ordering)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE = ROOT / "storefront_api"

# Modules that build querysets by design: the per-request loaders and the connection
# arguments (filter and sort expressions, subqueries on OuterRef).
QUERYSET_MODULES = {"dataloaders.py", "filters.py", "sorters.py"}
WRITES = {
    "save",
    "delete",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "select_for_update",
    "refresh_from_db",
    "delay",  # a Celery task queued: the service does it after commit
    "apply_async",
}
MANAGERS = {"objects", "_default_manager", "_base_manager"}
# Storage writes, uploads and transactions belong to services (signing a URL is a read).
SIDE_EFFECTS = (
    "django.db.transaction",
    "django.core.mail",
    "marketplace.core.uploads",
    "marketplace.core.storage.save",
    "marketplace.core.storage.delete",
    "marketplace.core.storage.presigned_upload",
    "marketplace.core.storage.private_storage",
)


def _side_effect(name: str) -> bool:
    return any(name == forbidden or name.startswith(f"{forbidden}.") for forbidden in SIDE_EFFECTS)


def _chain(node: ast.AST) -> list[str]:
    """The attribute names of ``a.b.c(...).d``, outermost last."""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def offences(source: str, module: str) -> list[str]:
    tree = ast.parse(source)
    found: list[str] = []
    lines: set[int] = set()  # one offence a line: the outermost call of a chain
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in lines:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            imported = [f"{node.module}.{alias.name}" for alias in node.names]
            found += [f"{node.lineno}: imports {name}" for name in imported if _side_effect(name)]
            if _side_effect(node.module):
                found.append(f"{node.lineno}: imports {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _side_effect(alias.name):
                    found.append(f"{node.lineno}: imports {alias.name}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            chain = _chain(node.func)
            method = node.func.attr
            if method in WRITES or (method == "update" and MANAGERS & set(chain)):
                found.append(f"{node.lineno}: .{method}()")
                lines.add(node.lineno)
            elif module not in QUERYSET_MODULES and MANAGERS & set(chain):
                found.append(f"{node.lineno}: {'.'.join(chain)}")
                lines.add(node.lineno)
    return sorted(found, key=lambda offence: int(offence.split(":")[0]))


def test_the_graphql_layer_leaves_writes_side_effects_and_queries_to_the_domain():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts or "management" in path.parts:
            continue
        bad = offences(path.read_text(encoding="utf-8"), path.name)
        if bad:
            found[str(path.relative_to(ROOT))] = bad
    assert found == {}


def test_the_check_sees_what_it_forbids():
    source = (
        "from django.db import transaction\n"
        "from marketplace.core.uploads import discard\n"
        "Product.objects.filter(pk=1).update(name='x')\n"
        "product.save()\n"
        "Order.objects.filter(pk=1).first()\n"
        "info.context.loaders.x.load(1)\n"
        "data.update(more)\n"
        "send_order_email.delay(order.pk)\n"
    )
    assert offences(source, "mutations.py") == [
        "1: imports django.db.transaction",
        "2: imports marketplace.core.uploads.discard",
        "2: imports marketplace.core.uploads",
        "3: .update()",
        "4: .save()",
        "5: Order.objects.filter.first",
        "8: .delay()",
    ]
    assert offences("Order.objects.filter(pk=1)\n", "dataloaders.py") == []
    assert offences("from marketplace.core import storage\nimport django.db.transaction\n", "types.py") == [
        "2: imports django.db.transaction"
    ]
    assert offences("from marketplace.core.storage import private_url, save\n", "types.py") == [
        "1: imports marketplace.core.storage.save"
    ]
