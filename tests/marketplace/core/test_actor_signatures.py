"""``Actor`` is the only caller type (issue 17, STYLE.md): every parameter named ``actor`` in
the domain and the back office is annotated ``Actor`` (mypy then checks what is passed), and
a service never takes the caller as ``Any``."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent.parent
PACKAGES = ("marketplace", "vendors", "backoffice")


def untyped_actors(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        arguments = node.args
        for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
            if argument.arg != "actor":
                continue
            annotation = ast.unparse(argument.annotation) if argument.annotation else None
            if annotation != "Actor":
                found.append(f"{node.lineno}: {node.name}(actor: {annotation})")
    return found


def test_every_actor_parameter_is_an_actor():
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            bad = untyped_actors(path.read_text(encoding="utf-8"))
            if bad:
                found[str(path.relative_to(ROOT))] = bad
    assert found == {}


def test_the_check_sees_an_untyped_actor():
    source = "def a(*, actor: Actor): ...\ndef b(*, actor: Any): ...\ndef c(actor): ...\n"
    assert untyped_actors(source) == ["2: b(actor: Any)", "3: c(actor: None)"]
