"""Validation rules that refuse abusive documents before they run, added to graphql-core's
own: aliases per document, and how introspection may be asked.

Depth, the number of fields, repeated fields and mutations per operation are measured
before these rules run (``storefront_api.core.shape``), the cost after them
(``storefront_api.core.cost``); ``storefront_api.core.documents`` runs the steps in order.
"""

from typing import Any

from django.conf import settings
from graphql import ValidationRule, specified_rules
from graphql.language import FieldNode, FragmentDefinitionNode
from graphql.validation import MaxIntrospectionDepthRule

from storefront_api.core.shape import INTROSPECTION_ROOTS, too_complex


class AliasLimitRule(ValidationRule):
    """At most ``GRAPHQL_MAX_ALIASES`` aliased fields in a document."""

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self.count = 0

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.alias is not None:
            self.count += 1
            if self.count == settings.GRAPHQL_MAX_ALIASES + 1:
                self.report_error(
                    too_complex(
                        f"Too many aliases: at most {settings.GRAPHQL_MAX_ALIASES} per request.", node
                    )
                )


class IntrospectionLimitRule(ValidationRule):
    """Introspection answers once per field: ``__schema`` and everything inside
    introspection cannot be aliased (an alias asks for the same answer again), and at most
    ``GRAPHQL_MAX_INTROSPECTION_TYPES`` ``__type`` lookups are made per document.

    Together with MaxIntrospectionDepthRule (no ``fields { type { fields { type { fields``)
    this bounds what an introspection document returns to about one full schema
    description, whatever its text. GraphiQL's and code generators' introspection queries
    use no alias."""

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self.in_introspection_fragment = False
        self.levels: list[bool] = []  # per enclosing field: is it inside introspection?
        self.type_keys: set[str] = set()

    def enter_operation_definition(self, *_args: Any) -> None:
        self.in_introspection_fragment = False

    def enter_fragment_definition(self, node: FragmentDefinitionNode, *_args: Any) -> None:
        self.in_introspection_fragment = node.type_condition.name.value.startswith("__")

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        name = node.name.value
        inside = self.levels[-1] if self.levels else self.in_introspection_fragment
        if node.alias is not None and (inside or name == "__schema"):
            self.report_error(too_complex("Introspection fields cannot be aliased.", node))
        if name == "__type":
            self.type_keys.add((node.alias or node.name).value)
            if len(self.type_keys) == settings.GRAPHQL_MAX_INTROSPECTION_TYPES + 1:
                self.report_error(
                    too_complex(
                        f"Too many __type lookups: at most {settings.GRAPHQL_MAX_INTROSPECTION_TYPES} "
                        "per request.",
                        node,
                    )
                )
        self.levels.append(inside or name in INTROSPECTION_ROOTS)

    def leave_field(self, *_args: Any) -> None:
        self.levels.pop()


def validation_rules() -> tuple[type[ValidationRule], ...]:
    return (*specified_rules, MaxIntrospectionDepthRule, AliasLimitRule, IntrospectionLimitRule)
