"""Parsed and checked documents, cached per process.

Checking a document is done in steps, each bounded by what the previous ones let through,
so that no document, however it is written, costs more than a few tens of milliseconds:

1. parse, refusing more than ``GRAPHQL_MAX_TOKENS`` tokens (and 1,000 comments);
2. graphql-core's NoFragmentCyclesRule (and its check of how deep fragments nest) before
   anything follows fragment spreads;
3. the shape of the document (``storefront_api.core.shape``): depth, selections, fields
   repeated at the same place, mutations, each fragment measured once;
4. graphql-core's rules, its MaxIntrospectionDepthRule and ours (``limits``).

The cost (``storefront_api.core.cost``) depends on the variables and is computed per
request after these steps.

A storefront sends the same few documents over and over; parsing and checking one costs
more than running it on a small page. Both depend only on the document's text, the schema
and the limits, so they are cached by text (least recently used first out; documents above
``MAX_CACHED_LENGTH`` are not kept).
"""

from collections.abc import Collection
from functools import lru_cache
from typing import Any

from django.conf import settings
from graphql import DocumentNode, GraphQLError, GraphQLSchema, GraphQLSyntaxError, parse, validate
from graphql.validation import NoFragmentCyclesRule

from storefront_api.core.shape import shape_errors, too_complex

MAX_CACHED_LENGTH = 100_000
MAX_COMMENTS = 1_000
CACHE_SIZE = 256


def _parse(query: str, max_tokens: int) -> DocumentNode:
    try:
        return parse(query, max_lexical_tokens=max_tokens, max_comments=MAX_COMMENTS)
    except GraphQLSyntaxError as error:
        if "Parsing aborted" in error.message:  # over the token or comment limit
            raise too_complex(error.message.removeprefix("Syntax Error: ")) from None
        raise


@lru_cache(maxsize=CACHE_SIZE)
def _parsed(query: str, max_tokens: int) -> DocumentNode:
    return _parse(query, max_tokens)


def parsed(query: str) -> DocumentNode:
    """The document; raises GraphQLError for a syntax error or a document over the
    length or token limits (errors are never cached)."""
    if len(query) > settings.GRAPHQL_MAX_QUERY_LENGTH:
        raise too_complex(f"The query is longer than {settings.GRAPHQL_MAX_QUERY_LENGTH} characters.")
    if len(query) > MAX_CACHED_LENGTH:
        return _parse(query, settings.GRAPHQL_MAX_TOKENS)
    return _parsed(query, settings.GRAPHQL_MAX_TOKENS)


def _check(schema: GraphQLSchema, rules: Collection[Any], document: DocumentNode) -> list[GraphQLError]:
    errors = validate(schema, document, [NoFragmentCyclesRule])
    if errors:
        return errors
    errors = shape_errors(document)
    if errors:
        return errors
    return validate(schema, document, list(rules))


@lru_cache(maxsize=CACHE_SIZE)
def _checked(schema: GraphQLSchema, rules: tuple[Any, ...], query: str, limits: tuple[int, ...]) -> tuple:
    return tuple(_check(schema, rules, parsed(query)))


def _limits() -> tuple[int, ...]:
    return (
        settings.GRAPHQL_MAX_TOKENS,
        settings.GRAPHQL_MAX_DEPTH,
        settings.GRAPHQL_MAX_SELECTIONS,
        settings.GRAPHQL_MAX_DUPLICATE_PAIRS,
        settings.GRAPHQL_MAX_ALIASES,
        settings.GRAPHQL_MAX_MUTATIONS,
        settings.GRAPHQL_MAX_INTROSPECTION_TYPES,
    )


def validation_errors(schema: GraphQLSchema, rules: Collection[Any], query: str) -> list[GraphQLError]:
    """The errors of a document that parses, in the order above (the limits in the
    settings are part of the key, so a test or deployment changing them is not served
    stale answers)."""
    if len(query) > MAX_CACHED_LENGTH:
        return _check(schema, rules, parsed(query))
    return list(_checked(schema, tuple(rules), query, _limits()))
