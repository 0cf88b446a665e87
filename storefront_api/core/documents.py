"""Parsed and validated documents, cached per process.

A storefront sends the same few documents over and over; parsing and validating one costs
more than running it on a small page (tens of milliseconds for a long document). Both
depend only on the document's text, the schema and the limits, so they are cached by
text (least recently used first out; documents above ``MAX_CACHED_LENGTH`` are not kept).
"""

from collections.abc import Collection
from functools import lru_cache
from typing import Any

from django.conf import settings
from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, validate

MAX_CACHED_LENGTH = 100_000
CACHE_SIZE = 256


@lru_cache(maxsize=CACHE_SIZE)
def _parsed(query: str) -> DocumentNode:
    return parse(query)


def parsed(query: str) -> DocumentNode:
    """The document; raises GraphQLError for a syntax error (never cached)."""
    return _parsed(query) if len(query) <= MAX_CACHED_LENGTH else parse(query)


@lru_cache(maxsize=CACHE_SIZE)
def _validated(schema: GraphQLSchema, rules: tuple[Any, ...], query: str, limits: tuple[int, ...]) -> tuple:
    return tuple(validate(schema, _parsed(query), list(rules)))


def validation_errors(schema: GraphQLSchema, rules: Collection[Any], query: str) -> list[GraphQLError]:
    """The validation errors of a parsed document (the limits in the settings are part of
    the key, so a test or deployment changing them is not served stale answers)."""
    limits = (settings.GRAPHQL_MAX_DEPTH, settings.GRAPHQL_MAX_ALIASES, settings.GRAPHQL_MAX_MUTATIONS)
    if len(query) > MAX_CACHED_LENGTH:
        return validate(schema, parse(query), list(rules))
    return list(_validated(schema, tuple(rules), query, limits))
