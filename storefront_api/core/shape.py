"""The shape of a document, checked before graphql-core's validation rules run.

Some of those rules do work that grows faster than the document: graphql-core's
OverlappingFieldsCanBeMergedRule compares every pair of fields selected under the same
response key at the same place (a 10 KB document repeating one field a thousand times
costs seconds). So, once fragment cycles are known to be absent, this module measures each
definition, walking every fragment once (its numbers are kept and reused at every spread):

- ``depth``: the nesting of fields outside introspection (introspection is bounded by
  graphql-core's MaxIntrospectionDepthRule and the introspection rule of ``limits``);
- ``selections``: the fields, inline fragments and fragment spreads selected, a fragment
  counted at every spread. The sum over all definitions bounds the second walk, which
  expands fragments;
- ``duplicate pairs``: for every place (a path of response keys), the pairs of fields
  selected there; the work of the overlap rule is proportional to it;
- ``mutations``: the distinct root fields of a mutation, fragments included.

Every walk here is linear in the document, or in ``selections`` once that is known to be
under its limit. Recursion follows the nesting of selections, which graphql-core limits
(200 levels, fragments included) before this module runs.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from graphql import GraphQLError
from graphql.language import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)

INTROSPECTION_ROOTS = ("__schema", "__type")


def too_complex(message: str, nodes: Any = None) -> GraphQLError:
    return GraphQLError(message, nodes, extensions={"exception": {"code": "QUERY_TOO_COMPLEX"}})


@dataclass
class Measure:
    depth: int = 0
    selections: int = 0


@dataclass
class ShapeWalk:
    """The measures of one document's definitions, each fragment measured once."""

    document: DocumentNode
    fragments: dict[str, FragmentDefinitionNode] = field(init=False)
    measures: dict[str, Measure] = field(init=False, default_factory=dict)
    fragments_walked: Counter = field(init=False, default_factory=Counter)

    def __post_init__(self) -> None:
        self.fragments = {
            d.name.value: d for d in self.document.definitions if isinstance(d, FragmentDefinitionNode)
        }

    def fragment(self, name: str) -> Measure | None:
        if name not in self.fragments:
            return None  # unknown: KnownFragmentNamesRule reports it
        if name not in self.measures:
            self.measures[name] = Measure()  # a cycle (already refused) would count nothing
            self.fragments_walked[name] += 1
            self.measures[name] = self.selections(self.fragments[name].selection_set)
        return self.measures[name]

    def selections(self, selection_set: SelectionSetNode | None) -> Measure:
        total = Measure()
        if selection_set is None:
            return total
        for selection in selection_set.selections:
            total.selections += 1
            if isinstance(selection, FieldNode):
                if selection.name.value in INTROSPECTION_ROOTS:
                    total.selections += self.selections(selection.selection_set).selections
                    continue
                if selection.selection_set is not None:
                    inner = self.selections(selection.selection_set)
                    total.selections += inner.selections
                    total.depth = max(total.depth, 1 + inner.depth)
                continue
            if isinstance(selection, InlineFragmentNode):
                inner = self.selections(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value) or Measure()
            else:  # pragma: no cover (no other kind of selection exists)
                continue
            total.selections += inner.selections
            total.depth = max(total.depth, inner.depth)
        return total


@dataclass
class Expansion:
    """Fragments expanded where they are spread (only run once ``selections`` is bounded)."""

    fragments: dict[str, FragmentDefinitionNode]
    places: dict[tuple[int, str], int] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    def walk(self, selection_set: SelectionSetNode | None, place: int, entered: frozenset[str]) -> None:
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                inner = self.places.setdefault((place, key), len(self.places) + 1)
                self.counts[inner] += 1
                self.walk(selection.selection_set, inner, entered)
            elif isinstance(selection, InlineFragmentNode):
                self.walk(selection.selection_set, place, entered)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in self.fragments and name not in entered:
                    self.walk(self.fragments[name].selection_set, place, entered | {name})

    def duplicate_pairs(self) -> int:
        return sum(n * (n - 1) // 2 for n in self.counts.values())

    def root_keys(self) -> set[str]:
        return {key for (place, key) in self.places if place == 0}


def shape_errors(document: DocumentNode) -> list[GraphQLError]:
    """What makes the document too big to validate or run (empty when it is fine)."""
    walk = ShapeWalk(document)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    errors = []
    total = 0
    for operation in operations:
        measure = walk.selections(operation.selection_set)
        total += measure.selections
        if measure.depth > settings.GRAPHQL_MAX_DEPTH:
            name = operation.name.value if operation.name else "anonymous"
            errors.append(
                too_complex(
                    f"'{name}' exceeds maximum operation depth of {settings.GRAPHQL_MAX_DEPTH}.", operation
                )
            )
    total += sum(m.selections for name in walk.fragments if (m := walk.fragment(name)) is not None)
    if total > settings.GRAPHQL_MAX_SELECTIONS:
        errors.append(
            too_complex(
                f"The document makes {total} selections (fragments counted where they are spread), "
                f"above the limit of {settings.GRAPHQL_MAX_SELECTIONS}."
            )
        )
    if errors:
        return errors
    pairs = 0
    for definition in [*operations, *walk.fragments.values()]:
        expansion = Expansion(walk.fragments)
        expansion.walk(definition.selection_set, 0, frozenset())
        pairs += expansion.duplicate_pairs()
        if (
            isinstance(definition, OperationDefinitionNode)
            and definition.operation == OperationType.MUTATION
            and len(expansion.root_keys()) > settings.GRAPHQL_MAX_MUTATIONS
        ):
            errors.append(
                too_complex(
                    f"Too many mutations: at most {settings.GRAPHQL_MAX_MUTATIONS} per operation.", definition
                )
            )
    if pairs > settings.GRAPHQL_MAX_DUPLICATE_PAIRS:
        errors.append(
            too_complex(
                f"The same fields are selected too many times at the same place ({pairs} pairs to "
                f"compare, at most {settings.GRAPHQL_MAX_DUPLICATE_PAIRS}); select each field once."
            )
        )
    return errors
