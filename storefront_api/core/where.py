"""Saleor's ``where`` filtering: the shared operator inputs and the walk of an AND/OR tree.

A ``where`` input is a tree: an object holds either field conditions (all must hold) or
one operator, ``AND`` or ``OR``, whose items are such objects again (Saleor refuses an
object mixing an operator with anything else). ``where_condition`` walks the tree under
size limits, turning each object's fields into SQL conditions through ``leaf`` and
combining them with AND/OR, so the whole tree is one SQL ``WHERE`` clause.

Limits (``INVALID_FILTER`` errors, before any SQL runs): at most ``MAX_DEPTH`` nested
operators, ``MAX_NODES`` objects in the whole tree, ``MAX_LIST`` items in any list.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import graphene
from django.db.models import Q
from graphql import GraphQLError

from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id

MAX_DEPTH = 5
MAX_NODES = 100
MAX_LIST = 100
OPERATORS = ("AND", "OR")


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.String), description="The value included in.")

    class Meta:
        description = "Define the filtering options for string fields."


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.ID), description="The value included in.")

    class Meta:
        description = "Define the filtering options for foreign key fields."


class DecimalRangeInput(graphene.InputObjectType):
    gte = graphene.Decimal(description="Decimal value greater than or equal to.")
    lte = graphene.Decimal(description="Decimal value less than or equal to.")


class DecimalFilterInput(graphene.InputObjectType):
    eq = graphene.Decimal(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.Decimal), description="The value included in.")
    range = graphene.InputField(DecimalRangeInput, description="The value in range.")

    class Meta:
        description = "Define the filtering options for decimal fields."


class IntRangeInput(graphene.InputObjectType):
    gte = graphene.Int(description="Value greater than or equal to.")
    lte = graphene.Int(description="Value less than or equal to.")


class DateRangeInput(graphene.InputObjectType):
    gte = graphene.Date(description="Start date.")
    lte = graphene.Date(description="End date.")


class DateTimeRangeInput(graphene.InputObjectType):
    gte = graphene.DateTime(description="Start date.")
    lte = graphene.DateTime(description="End date.")


class DateTimeFilterInput(graphene.InputObjectType):
    eq = graphene.DateTime(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.DateTime), description="The value included in.")
    range = graphene.InputField(DateTimeRangeInput, description="The value in range.")

    class Meta:
        description = "Define the filtering options for date time fields."


class ContainsFilterInput(graphene.InputObjectType):
    contains_any = graphene.List(
        graphene.NonNull(graphene.String),
        description="The field contains at least one of the specified values.",
    )
    contains_all = graphene.List(
        graphene.NonNull(graphene.String), description="The field contains all of the specified values."
    )


def where_error(message: str) -> GraphQLError:
    return api_error(message, "INVALID_FILTER")


def check_list(values: list[Any] | None, *, name: str) -> list[Any] | None:
    if values is not None and len(values) > MAX_LIST:
        raise where_error(f"`{name}` takes at most {MAX_LIST} items.")
    return values


def decoded_ids(value: dict[str, Any] | None, *, only_type: str, name: str) -> dict[str, Any] | None:
    """A ``GlobalIDFilterInput`` with its IDs decoded (``INVALID_ID`` for a bad one)."""
    if value is None:
        return None
    result: dict[str, Any] = {}
    if value.get("eq") is not None:
        result["eq"] = decode_id(value["eq"], only_type=only_type)
    if value.get("one_of") is not None:
        result["one_of"] = [
            decode_id(v, only_type=only_type) for v in check_list(value["one_of"], name=f"{name}.oneOf") or []
        ]
    return result


def finite_decimals(value: dict[str, Any] | None, *, name: str) -> dict[str, Any] | None:
    """A ``DecimalFilterInput`` refusing NaN and infinities (a number is finite)."""
    if value is None:
        return None
    numbers = [value.get("eq"), *(check_list(value.get("one_of"), name=f"{name}.oneOf") or [])]
    numbers += list((value.get("range") or {}).values())
    for number in numbers:
        if isinstance(number, Decimal) and not number.is_finite():
            raise where_error(f"`{name}` takes finite numbers.")
    return dict(value)


def where_condition(where: dict[str, Any] | None, *, leaf: Callable[[str, Any], Q], name: str = "where") -> Q:
    """The SQL condition of a whole ``where`` tree; ``leaf(field, value)`` gives one field's."""
    if not where:
        return Q()
    counter = [0]
    return _node(where, leaf=leaf, depth=0, counter=counter, path=name)


def _node(
    node: dict[str, Any], *, leaf: Callable[[str, Any], Q], depth: int, counter: list[int], path: str
) -> Q:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise where_error(f"A `where` filter holds at most {MAX_NODES} conditions.")
    operators = [op for op in OPERATORS if op in node]
    if operators and len(node) > 1:
        raise where_error(f"{path}: cannot mix operators with other filter inputs.")
    if operators:
        operator = operators[0]
        items = node[operator]
        if not items:  # Saleor ignores an empty or null operator
            return Q()
        if depth + 1 > MAX_DEPTH:
            raise where_error(f"{path}: `AND`/`OR` may be nested at most {MAX_DEPTH} levels deep.")
        check_list(items, name=f"{path}.{operator}")
        conditions = [
            _node(item, leaf=leaf, depth=depth + 1, counter=counter, path=f"{path}.{operator}[{index}]")
            for index, item in enumerate(items)
        ]
        if operator == "AND":
            combined = Q()
            for condition in conditions:
                combined &= condition
            return combined
        combined = conditions[0]
        for condition in conditions[1:]:
            combined |= condition
        return combined
    combined = Q()
    for field, value in node.items():
        combined &= leaf(field, value)
    return combined
