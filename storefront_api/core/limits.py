"""Limits that refuse abusive documents before they run: depth, aliases, mutations per
document. (A cost limit with ``extensions.cost`` is still to come; see the README.)"""

from typing import Any

from django.conf import settings
from graphene.validation import depth_limit_validator
from graphql import GraphQLError, ValidationRule, specified_rules
from graphql.language import FieldNode, OperationDefinitionNode, OperationType


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
                    GraphQLError(
                        f"Too many aliases: at most {settings.GRAPHQL_MAX_ALIASES} per request.",
                        node,
                        extensions={"exception": {"code": "QUERY_TOO_COMPLEX"}},
                    )
                )


class MutationLimitRule(ValidationRule):
    """At most ``GRAPHQL_MAX_MUTATIONS`` mutation fields in one operation."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        if node.operation != OperationType.MUTATION:
            return
        count = sum(1 for selection in node.selection_set.selections if isinstance(selection, FieldNode))
        if count > settings.GRAPHQL_MAX_MUTATIONS:
            self.report_error(
                GraphQLError(
                    f"Too many mutations: at most {settings.GRAPHQL_MAX_MUTATIONS} per operation.",
                    node,
                    extensions={"exception": {"code": "QUERY_TOO_COMPLEX"}},
                )
            )


def validation_rules() -> tuple[type[ValidationRule], ...]:
    return (
        *specified_rules,
        depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH),
        AliasLimitRule,
        MutationLimitRule,
    )
