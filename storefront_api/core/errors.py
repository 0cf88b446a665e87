"""Top-level GraphQL errors (for malformed, unauthorised or over-limit requests only).

Typed, expected failures of mutations go in the payload's ``errors`` list instead.
"""

from graphql import GraphQLError


def api_error(message: str, code: str) -> GraphQLError:
    """A GraphQL error whose ``extensions.exception.code`` names what went wrong."""
    return GraphQLError(message, extensions={"exception": {"code": code}})
