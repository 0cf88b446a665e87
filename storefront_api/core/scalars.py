"""Scalars whose input is refused when it cannot be stored or computed with, so that such
input is the client's error (HTTP 400 with the scalar's message), never an
``INTERNAL_ERROR`` or a row that cannot be read back.

- ``PositiveDecimal`` (Saleor's): a decimal number (sent as a string or a number) >= 0 and
  below 10^17, the most a money column holds (20 digits, 3 decimal places); ``"1e400"``
  failed later when quantised.
- ``DateTime``, ``Date`` (graphene's): within the years 2 to 9998, in UTC. PostgreSQL
  stores the year 10000 that ``9999-12-31T23:59:59-14:00`` is in UTC, which Python cannot
  read back: the row then failed every later request.
- ``JSONString`` (graphene's): JSON without NaN, Infinity or numbers out of a float's range,
  and without NUL characters or lone surrogates in its strings, which PostgreSQL's ``jsonb``
  refuses.
- ``WeightScalar`` (Saleor's): a weight, read as whole grams.
- ``JSON`` (any JSON value) and ``Metadata`` (an object of strings), Saleor's: refused when
  they hold a NUL character or a lone surrogate, which ``jsonb`` cannot store.

graphene-django maps model date fields to graphene's own ``Date`` and ``DateTime``, so
those keep their classes and names; ``bound_input_scalars`` gives the built schema's
scalars the stricter parsing (outputs are unchanged).
"""

import datetime
import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import graphene
from graphql import GraphQLError, GraphQLScalarType, GraphQLSchema
from graphql.language import (
    EnumValueNode,
    FloatValueNode,
    IntValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
)
from graphql.utilities import value_from_ast_untyped

from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS

DECIMAL_LIMIT = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES)
MIN_YEAR, MAX_YEAR = 2, 9998


def _parse_decimal(value: Any) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise GraphQLError(f"PositiveDecimal cannot represent {str(value)[:40]!r}.") from None
    if not number.is_finite():
        raise GraphQLError("PositiveDecimal must be a finite number.")
    if number < 0:
        raise GraphQLError("PositiveDecimal must be zero or more.")
    if number >= DECIMAL_LIMIT:
        raise GraphQLError(f"PositiveDecimal must be below {DECIMAL_LIMIT:,.0f}.")
    return number


class PositiveDecimal(graphene.Scalar):
    """Positive decimal scalar implementation. Should be used in places where value must be positive."""

    @staticmethod
    def serialize(value: Any) -> str:
        return str(value)

    @staticmethod
    def parse_value(value: Any) -> Decimal:
        return _parse_decimal(value)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Decimal:
        if isinstance(node, IntValueNode | FloatValueNode | StringValueNode):
            return _parse_decimal(node.value)
        raise GraphQLError("PositiveDecimal must be a number or a string.")


def _in_range(name: str, value: datetime.date) -> None:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        try:
            value = value.astimezone(datetime.UTC)
        except OverflowError:
            value = datetime.datetime.min
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise GraphQLError(f"{name} must be within the years {MIN_YEAR} to {MAX_YEAR}.")


def _datetime_value(value: Any) -> datetime.datetime:
    parsed = graphene.DateTime.parse_value(value)
    _in_range("DateTime", parsed)
    return parsed


def _datetime_literal(node: ValueNode, _variables: Any = None) -> datetime.datetime:
    parsed = graphene.DateTime.parse_literal(node)
    _in_range("DateTime", parsed)
    return parsed


def _date_value(value: Any) -> datetime.date:
    parsed = graphene.Date.parse_value(value)
    _in_range("Date", parsed)
    return parsed


def _date_literal(node: ValueNode, _variables: Any = None) -> datetime.date:
    parsed = graphene.Date.parse_literal(node)
    _in_range("Date", parsed)
    return parsed


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:20]} is too large")
    return number


def _storable(value: Any) -> None:
    """No NUL character and no lone surrogate in a string or a key (jsonb refuses both)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise ValueError("strings may not contain the NUL character (U+0000)")
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("strings may not contain a lone surrogate") from None
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def _json_value(value: Any) -> Any:
    if not isinstance(value, str):
        raise GraphQLError(f"JSONString cannot represent a non-string value: {str(value)[:40]}")
    try:
        decoded = json.loads(value, parse_constant=_refuse_constant, parse_float=_finite_float)
        _storable(decoded)
    except RecursionError:
        raise GraphQLError("Badly formed JSONString: nested too deeply.") from None
    except ValueError as error:
        raise GraphQLError(f"Badly formed JSONString: {str(error)[:100]}") from None
    return decoded


def _json_literal(node: ValueNode, _variables: Any = None) -> Any:
    if not isinstance(node, StringValueNode):
        raise GraphQLError("JSONString must be a string.")
    return _json_value(node.value)


BOUNDED_PARSERS = {
    "DateTime": (_datetime_value, _datetime_literal),
    "Date": (_date_value, _date_literal),
    "JSONString": (_json_value, _json_literal),
}


def bound_input_scalars(schema: GraphQLSchema) -> None:
    """Give the schema's graphene ``DateTime``, ``Date`` and ``JSONString`` the parsing above."""
    for name, (parse_value, parse_literal) in BOUNDED_PARSERS.items():
        scalar = schema.type_map.get(name)
        if isinstance(scalar, GraphQLScalarType):
            scalar.parse_value = parse_value  # type: ignore[method-assign]
            scalar.parse_literal = parse_literal  # type: ignore[assignment,method-assign]


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


def _storable_or_error(name: str, value: Any) -> Any:
    try:
        _storable(value)
    except ValueError as error:
        raise GraphQLError(f"{name}: {error}.") from None
    return value


class JSON(graphene.Scalar):
    """The `JSON` scalar type represents JSON values as specified by ECMA-404."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        return _storable_or_error("JSON", value)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return _storable_or_error("JSON", value_from_ast_untyped(node, _variables))


class Metadata(graphene.Scalar):
    """Metadata is a map of key-value pairs, both keys and values are `String`."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise GraphQLError("Metadata must be an object of strings.")
        return _storable_or_error("Metadata", value)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return Metadata.parse_value(value_from_ast_untyped(node, _variables))
