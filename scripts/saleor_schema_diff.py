"""List where our schema and a Saleor schema disagree on a name they share.

    .venv/bin/python scripts/saleor_schema_diff.py path/to/saleor-schema.graphql [ours.graphql]

For every object, interface and input type present in both schemas, every field (and every
argument of a field) present in both is compared: a different type, or the same type with
a different nullability (``String`` against ``String!``, ``[X]!`` against ``[X!]!``), is
printed as one line, ``Type.field`` or ``Type.field(argument)``, with both types. Root
fields are compared the same way (``Query.products(first)``). Exit status 1 when anything
differs, 0 otherwise.

Saleor's schema is not part of this project: fetch it from a Saleor release (its
``saleor/graphql/schema.graphql``) and give its path. Ours defaults to the committed
``storefront_api/schema.graphql``. The test suite does not need this script: it checks the
same invariants on our schema alone (tests/storefront_api/core/test_schema_shape.py).
"""

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
)

OURS = Path(__file__).resolve().parent.parent / "storefront_api" / "schema.graphql"


def load(path: Path) -> GraphQLSchema:
    # Saleor's file declares its own directives (@doc, @webhookEventsInfo...): keep them,
    # but do not insist the file is a valid schema by graphql-core's rules.
    return build_schema(path.read_text(), assume_valid=True, assume_valid_sdl=True)


def differences(ours: GraphQLSchema, theirs: GraphQLSchema) -> Iterator[tuple[str, str, str]]:
    """``(where, our type, their type)`` for each shared field or argument that differs."""
    for name in sorted(set(ours.type_map) & set(theirs.type_map)):
        if name.startswith("__"):
            continue
        mine, other = ours.type_map[name], theirs.type_map[name]
        if isinstance(mine, GraphQLInputObjectType) and isinstance(other, GraphQLInputObjectType):
            for field in sorted(set(mine.fields) & set(other.fields)):
                a, b = str(mine.fields[field].type), str(other.fields[field].type)
                if a != b:
                    yield f"{name}.{field}", a, b
        elif isinstance(mine, GraphQLObjectType | GraphQLInterfaceType) and isinstance(
            other, GraphQLObjectType | GraphQLInterfaceType
        ):
            for field in sorted(set(mine.fields) & set(other.fields)):
                yield from _field_differences(f"{name}.{field}", mine.fields[field], other.fields[field])


def _field_differences(where: str, mine: GraphQLField, other: GraphQLField) -> Iterator[tuple[str, str, str]]:
    if str(mine.type) != str(other.type):
        yield where, str(mine.type), str(other.type)
    for argument in sorted(set(mine.args) & set(other.args)):
        a, b = str(mine.args[argument].type), str(other.args[argument].type)
        if a != b:
            yield f"{where}({argument})", a, b


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("saleor", type=Path, help="Saleor's schema.graphql")
    parser.add_argument("ours", type=Path, nargs="?", default=OURS, help="our schema (default: committed)")
    options = parser.parse_args()
    found = list(differences(load(options.ours), load(options.saleor)))
    for where, mine, theirs in found:
        print(f"{where}: ours {mine}, Saleor {theirs}")
    print(f"{len(found)} difference(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
