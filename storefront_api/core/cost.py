"""The cost of an operation, computed before it runs: every field costs 1, and the fields
under a paginated field cost as many times as the page may hold (``first``/``last``, from
literals, variables or variable defaults; at most 100). Introspection is free."""

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


def operation_cost(
    document: DocumentNode, operation_name: str | None, variables: dict[str, Any] | None
) -> int:
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    values = {**_variable_defaults(operation), **(variables or {})}
    return _cost(operation.selection_set, fragments, values, frozenset())


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
        except (TypeError, ValueError):
            return 1
    return 1


def _cost(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    values: dict[str, Any],
    seen: frozenset[str],
) -> int:
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue
            total += 1 + _page_size(selection, values) * _cost(
                selection.selection_set, fragments, values, seen
            )
        elif isinstance(selection, InlineFragmentNode):
            total += _cost(selection.selection_set, fragments, values, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                total += _cost(fragments[name].selection_set, fragments, values, seen | {name})
    return total
