"""The cost of an operation, computed after the document is validated and before it runs:
every field costs 1 (introspection and ``__typename`` included), and the fields under a
paginated field cost as many times as the page may hold (``first``/``last``, from
literals, variables or variable defaults; at most 100).

A fragment costs the same wherever it is spread (page sizes depend on the request only),
so each fragment is walked once and its cost reused at every spread: a document whose
fragments each spread the previous one twice costs 2^n, computed in n steps.
"""

from collections import Counter
from typing import Any

from graphql import get_operation_ast
from graphql.language import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)

PAGE_ARGUMENTS = ("first", "last")
MAX_PAGE = 100


class CostWalk:
    """Costs of the selections of one document for one request's variables."""

    def __init__(self, document: DocumentNode, variables: dict[str, Any] | None) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.variables = variables or {}
        self.values: dict[str, Any] = {}
        self.costs: dict[str, int] = {}
        self.fragments_walked: Counter = Counter()

    def operation(self, operation: OperationDefinitionNode) -> int:
        self.values = {**_variable_defaults(operation), **self.variables}
        self.costs = {}  # defaults differ between operations
        return self.selections(operation.selection_set)

    def fragment(self, name: str) -> int:
        if name not in self.fragments:
            return 0
        if name not in self.costs:
            self.costs[name] = 0  # a cycle (refused by validation before) would cost nothing
            self.fragments_walked[name] += 1
            self.costs[name] = self.selections(self.fragments[name].selection_set)
        return self.costs[name]

    def selections(self, selection_set: SelectionSetNode | None) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += 1 + _page_size(selection, self.values) * self.selections(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                total += self.selections(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value)
        return total


def operation_cost(
    document: DocumentNode, operation_name: str | None, variables: dict[str, Any] | None
) -> int:
    """The cost of the operation to run; 0 when there is none (validation reports it)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    return CostWalk(document, variables).operation(operation)


def _variable_defaults(operation: OperationDefinitionNode) -> dict[str, Any]:
    defaults = {}
    for definition in operation.variable_definitions or []:
        if isinstance(definition.default_value, IntValueNode):
            defaults[definition.variable.name.value] = int(definition.default_value.value)
    return defaults


def _page_size(field: FieldNode, values: dict[str, Any]) -> int:
    for argument in field.arguments or []:
        if argument.name.value not in PAGE_ARGUMENTS:
            continue
        node = argument.value
        raw: Any = None
        if isinstance(node, IntValueNode):
            raw = node.value
        elif isinstance(node, VariableNode):
            raw = values.get(node.name.value)
        try:
            return min(max(int(raw), 1), MAX_PAGE)
        except (TypeError, ValueError, OverflowError):
            return 1
    return 1
