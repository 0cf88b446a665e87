"""Saleor's scalars: ``PositiveDecimal`` (a decimal number, sent as a string or a number,
>= 0), ``JSON`` (any JSON value) and ``Metadata`` (an object of strings)."""

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from graphql import GraphQLError
from graphql.language import FloatValueNode, IntValueNode, StringValueNode
from graphql.utilities import value_from_ast_untyped


def _parse(value: Any) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise GraphQLError(f"PositiveDecimal cannot represent {str(value)[:40]!r}.") from None
    if not number.is_finite() or number < 0:
        raise GraphQLError("PositiveDecimal must be zero or more.")
    return number


class PositiveDecimal(graphene.Scalar):
    """Positive decimal scalar implementation. Should be used in places where value must be positive."""

    @staticmethod
    def serialize(value: Any) -> str:
        return str(value)

    @staticmethod
    def parse_value(value: Any) -> Decimal:
        return _parse(value)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Decimal:
        if isinstance(node, IntValueNode | FloatValueNode | StringValueNode):
            return _parse(node.value)
        raise GraphQLError("PositiveDecimal must be a number or a string.")


class JSON(graphene.Scalar):
    """The `JSON` scalar type represents JSON values as specified by ECMA-404."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return value_from_ast_untyped(node, _variables)


class Metadata(graphene.Scalar):
    """Metadata is a map of key-value pairs, both keys and values are `String`."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise GraphQLError("Metadata must be an object of strings.")
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return Metadata.parse_value(value_from_ast_untyped(node, _variables))
