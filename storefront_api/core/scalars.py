"""Saleor's ``PositiveDecimal`` (a decimal number, sent as a string or a number, >= 0) and
``WeightScalar`` (a weight, read as whole grams)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import graphene
from graphql import GraphQLError
from graphql.language import EnumValueNode, FloatValueNode, IntValueNode, ObjectValueNode, StringValueNode


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


# Grams per unit of Saleor's WeightUnitsEnum.
GRAMS_PER_UNIT = {
    "G": Decimal(1),
    "KG": Decimal(1000),
    "LB": Decimal("453.59237"),
    "OZ": Decimal("28.349523125"),
    "TONNE": Decimal(1_000_000),
}
DEFAULT_WEIGHT_UNIT = "G"  # Shop.defaultWeightUnit: a bare number is in grams
_WEIGHT_LIMIT = Decimal(10**12)  # far beyond any product; the services refuse what is out of range


def _grams(value: Any, unit: Any) -> int:
    unit = str(unit or DEFAULT_WEIGHT_UNIT).upper()
    if unit not in GRAMS_PER_UNIT:
        raise GraphQLError(f"WeightScalar unit must be one of {', '.join(GRAMS_PER_UNIT)}.")
    if isinstance(value, bool):
        raise GraphQLError("WeightScalar must be a number.")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise GraphQLError(f"WeightScalar cannot represent {str(value)[:40]!r}.") from None
    if not number.is_finite():
        raise GraphQLError("WeightScalar must be a finite number.")
    number = max(-_WEIGHT_LIMIT, min(_WEIGHT_LIMIT, number * GRAMS_PER_UNIT[unit]))
    return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class WeightScalar(graphene.Scalar):
    """Saleor's weight input: a number in the shop's default unit (grams here, see
    ``shop.defaultWeightUnit``) or ``{value: 1.5, unit: KG}``; read as whole grams."""

    @staticmethod
    def serialize(value: Any) -> str:
        return str(value)

    @staticmethod
    def parse_value(value: Any) -> int:
        if isinstance(value, dict):
            if set(value) - {"value", "unit"} or value.get("value") is None:
                raise GraphQLError("WeightScalar objects are {value, unit}.")
            return _grams(value["value"], value.get("unit"))
        return _grams(value, None)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> int:
        if isinstance(node, IntValueNode | FloatValueNode | StringValueNode):
            return _grams(node.value, None)
        if isinstance(node, ObjectValueNode):
            fields = {f.name.value: f.value for f in node.fields}
            value, unit = fields.get("value"), fields.get("unit")
            if set(fields) - {"value", "unit"} or not isinstance(
                value, IntValueNode | FloatValueNode | StringValueNode
            ):
                raise GraphQLError("WeightScalar objects are {value, unit}.")
            if unit is not None and not isinstance(unit, EnumValueNode | StringValueNode):
                raise GraphQLError("WeightScalar unit must be G, KG, LB, OZ or TONNE.")
            return _grams(value.value, unit.value if unit is not None else None)
        raise GraphQLError("WeightScalar must be a number or {value, unit}.")
