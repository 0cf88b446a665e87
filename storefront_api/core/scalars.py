"""Saleor's ``PositiveDecimal``: a decimal number (sent as a string or a number) >= 0."""

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from graphql import GraphQLError
from graphql.language import FloatValueNode, IntValueNode, StringValueNode


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


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise GraphQLError("PositiveInt must be a whole number of at least 1.")
    return value


class PositiveInt(graphene.Scalar):
    """Positive integer scalar (at least 1)."""

    @staticmethod
    def serialize(value: Any) -> int:
        return int(value)

    @staticmethod
    def parse_value(value: Any) -> int:
        return _positive_int(value)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> int:
        if isinstance(node, IntValueNode):
            return _positive_int(int(node.value))
        raise GraphQLError("PositiveInt must be a whole number.")
