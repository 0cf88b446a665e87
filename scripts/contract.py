"""The storefront contract check of ``make test``.

The contract documents live in the repository, in ``tests/contract/``: copies of the
shared contract (``storefront/*.graphql``: the Saleor storefront operations; and
``marketplace.graphql``: the marketplace's additions). This script

1. validates every operation of ``tests/contract/storefront/*.graphql`` against the
   committed schema ``storefront_api/schema.graphql`` (graphql-core, each operation with
   the document's fragments),
2. checks that every type, field, argument, input field and enum value that
   ``tests/contract/marketplace.graphql`` (the SDL of the marketplace's extensions) names
   exists in that schema, and
3. when the shared folder sits beside the repository (``../shared/contract/``, as on the
   developers' machines and in CI), checks that the storefront documents are byte for byte
   the shared ones, and that ``marketplace.graphql`` keeps everything the shared one names:
   the project's own copy is a superset (it grows with the project's additions, which the
   shared contract lets it add freely); without the folder, says so and compares nothing.

Exit 0 when every operation validates and the copies are in step, 1 otherwise.
"""

import sys
from collections.abc import Iterator
from pathlib import Path

from graphql import DocumentNode, GraphQLSchema, build_schema, parse, validate
from graphql.language import FragmentDefinitionNode, OperationDefinitionNode

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "tests" / "contract"
SHARED_CONTRACT = ROOT.parent / "shared" / "contract"
SCHEMA = ROOT / "storefront_api" / "schema.graphql"


def contract_files(contract: Path = CONTRACT) -> list[Path]:
    """Every contract document, relative paths as under ``../shared/contract/``."""
    return sorted(p.relative_to(contract) for p in contract.rglob("*.graphql"))


def operations(document: DocumentNode) -> Iterator[tuple[str, DocumentNode]]:
    """Each operation of ``document`` alone with all of the document's fragments."""
    fragments = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            name = definition.name.value if definition.name else "(anonymous)"
            yield name, DocumentNode(definitions=[definition, *fragments])


def invalid_operations(schema: GraphQLSchema, contract: Path = CONTRACT) -> tuple[int, list[str]]:
    """(number of operations, one line per operation that does not validate)."""
    total, failures = 0, []
    for path in sorted((contract / "storefront").glob("*.graphql")):
        for name, single in operations(parse(path.read_text(encoding="utf-8"))):
            total += 1
            # A fragment that this one operation does not use is not an error of the operation.
            errors = [e for e in validate(schema, single) if "is never used" not in e.message]
            if errors:
                failures.append(f"{path.name} {name}: {errors[0].message}")
    return total, failures


EXTENSIONS = Path("marketplace.graphql")


def sdl_names(text: str) -> set[str]:
    """Every name an SDL document declares: ``Type``, ``Type.field``, ``Type.field(arg)``,
    ``Enum.VALUE`` (definitions and ``extend``s alike)."""
    names: set[str] = set()
    for definition in parse(text).definitions:
        if getattr(definition, "name", None) is None:  # a schema definition: nothing named
            continue
        name = definition.name.value  # type: ignore[attr-defined]
        names.add(name)
        for field in getattr(definition, "fields", None) or []:
            names.add(f"{name}.{field.name.value}")
            for argument in getattr(field, "arguments", None) or []:
                names.add(f"{name}.{field.name.value}({argument.name.value})")
        for value in getattr(definition, "values", None) or []:
            names.add(f"{name}.{value.name.value}")
    return names


def schema_names(schema: GraphQLSchema) -> set[str]:
    names: set[str] = set()
    for name, graphql_type in schema.type_map.items():
        names.add(name)
        for field_name, field in (getattr(graphql_type, "fields", None) or {}).items():
            names.add(f"{name}.{field_name}")
            for argument in getattr(field, "args", None) or {}:
                names.add(f"{name}.{field_name}({argument})")
        for value in getattr(graphql_type, "values", None) or {}:
            names.add(f"{name}.{value}")
    return names


def extensions_missing_from_schema(schema: GraphQLSchema, contract: Path = CONTRACT) -> list[str]:
    """The names of ``marketplace.graphql`` that the schema lacks."""
    declared = sdl_names((contract / EXTENSIONS).read_text(encoding="utf-8"))
    return sorted(declared - schema_names(schema))


def out_of_step(contract: Path = CONTRACT, shared: Path = SHARED_CONTRACT) -> list[str] | None:
    """The documents that differ between the copies and ``shared`` (missing on either side
    included; ``marketplace.graphql`` differs only when it lacks a name the shared one
    declares), or None when there is no shared folder to compare with."""
    if not shared.is_dir():
        return None
    ours, theirs = set(contract_files(contract)), set(contract_files(shared))
    differing = []
    for name in sorted(ours | theirs):
        if name not in theirs:
            differing.append(f"{name} (only in the repository)")
        elif name not in ours:
            differing.append(f"{name} (only in {shared})")
        elif name == EXTENSIONS:
            lost = sdl_names((shared / name).read_text(encoding="utf-8")) - sdl_names(
                (contract / name).read_text(encoding="utf-8")
            )
            if lost:
                differing.append(f"{name} (lacks {', '.join(sorted(lost)[:10])})")
        elif (contract / name).read_bytes() != (shared / name).read_bytes():
            differing.append(f"{name} (differs)")
    return differing


def main() -> int:
    ok = True
    total, failures = invalid_operations(build_schema(SCHEMA.read_text(encoding="utf-8")))
    for failure in failures:
        print(f"contract: {failure}")
    if total == 0:
        print(f"contract: no operation found under {CONTRACT / 'storefront'}")
        ok = False
    print(
        f"contract: {total - len(failures)} of {total} storefront operations validate against "
        f"{SCHEMA.relative_to(ROOT)}"
    )
    ok = ok and not failures
    unknown = extensions_missing_from_schema(build_schema(SCHEMA.read_text(encoding="utf-8")))
    for name in unknown:
        print(f"contract: {EXTENSIONS} names {name}, which the schema lacks")
    if not unknown:
        print(f"contract: every name of {EXTENSIONS} is in the schema")
    ok = ok and not unknown
    differing = out_of_step()
    if differing is None:
        print(f"contract: {SHARED_CONTRACT} not found; the in-repository copies were not compared")
    elif differing:
        ok = False
        print(f"contract: tests/contract/ is out of step with {SHARED_CONTRACT}:")
        for line in differing:
            print(f"contract:   {line}")
        print(f"contract: copy the shared documents in: cp -r {SHARED_CONTRACT}/. tests/contract/")
    else:
        print(f"contract: tests/contract/ is in step with {SHARED_CONTRACT}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
