"""Deprecated arguments and input fields, the way Saleor exposes them.

GraphQL introspection hides a deprecated argument or input field unless the client asks
for them (``args(includeDeprecated: true)``, graphql-js's ``inputValueDeprecation``
option), and most clients do not ask: graphql-codegen, which Saleor's storefront builds
its client with, then refuses every document still using such an argument
(``checkoutAddPromoCode(checkoutId: …)``). Saleor therefore marks deprecated *inputs* in
their description only and keeps them visible; output fields and enum values stay
deprecated as usual (clients always see those, flagged).
"""

from graphql import GraphQLInputObjectType, GraphQLObjectType, GraphQLSchema

MARKER = "DEPRECATED: this field will be removed."


def _described(description: str | None, reason: str) -> str:
    text = (description or "").rstrip()
    note = f"{MARKER} {reason}".strip()
    return f"{text}\n\n{note}" if text else note


def visible_deprecated_inputs(schema: GraphQLSchema) -> None:
    """Move every argument's and input field's deprecation reason into its description."""
    for named in schema.type_map.values():
        if isinstance(named, GraphQLObjectType):
            for field in named.fields.values():
                for argument in field.args.values():
                    if argument.deprecation_reason:
                        argument.description = _described(argument.description, argument.deprecation_reason)
                        argument.deprecation_reason = None
        elif isinstance(named, GraphQLInputObjectType):
            for input_field in named.fields.values():
                if input_field.deprecation_reason:
                    input_field.description = _described(
                        input_field.description, input_field.deprecation_reason
                    )
                    input_field.deprecation_reason = None
