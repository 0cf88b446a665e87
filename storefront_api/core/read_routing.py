"""Which GraphQL operations may read from a replica (``marketplace/core/db_routing.py``).

The signal is the operation itself, known once the document is parsed: a **query** whose
root fields are all public catalogue reads (``PUBLIC_READ_FIELDS``), from a client that has
not written in the last ``DATABASE_PRIMARY_PIN_SECONDS``. Everything else — every mutation,
``me``, ``checkout``, ``order``, ``vendorOrders``, the review queues, staff lists, and any
root field added later until it is listed here — reads the primary.

If the replica fails while the operation runs (it was stopped, the network dropped), the
replica is marked unavailable and the operation — a read, with no side effect — runs again
on the primary, so the client never sees the failure.
"""

import logging
from collections.abc import Callable

from django.http import HttpRequest
from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)

from marketplace.core.availability import is_unavailable
from marketplace.core.db_routing import close_quietly, health, primary_only, replica_aliases, replica_reads
from marketplace.core.primary_pin import is_pinned
from storefront_api.core.dataloaders import forget_loaders

logger = logging.getLogger(__name__)

# Root query fields whose answer is public catalogue data (the same for everyone who may
# see it, and harmless when a second old): products, categories, collections, villages,
# shops, routes, the shop and a channel's public settings. Introspection needs no database.
PUBLIC_READ_FIELDS = frozenset(
    {
        "products",
        "product",
        "productVariant",
        "categories",
        "category",
        "collections",
        "collection",
        "craftVillages",
        "craftVillage",
        "vendors",
        "vendor",
        "tourismRoutes",
        "tourismRoute",
        "shop",
        "channel",
        "__typename",
        "__schema",
        "__type",
    }
)


def root_fields(operation: OperationDefinitionNode, document: DocumentNode) -> set[str]:
    """The root field names an operation selects, through fragments and inline fragments."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    names: set[str] = set()
    seen: set[str] = set()
    pending: list[SelectionSetNode] = [operation.selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    pending.append(fragment.selection_set)
    return names


def is_public_read(operation: OperationDefinitionNode | None, document: DocumentNode) -> bool:
    if operation is None or operation.operation != OperationType.QUERY:
        return False
    return root_fields(operation, document) <= PUBLIC_READ_FIELDS


def _failed_unavailable(result: ExecutionResult) -> bool:
    return any(is_unavailable(error.original_error) for error in result.errors or [])


def execute_routed(
    request: HttpRequest,
    operation: OperationDefinitionNode | None,
    document: DocumentNode,
    run: Callable[[], ExecutionResult],
) -> ExecutionResult:
    """Run the operation, reading a replica when it may (see the module's docstring)."""
    if not replica_aliases() or not is_public_read(operation, document) or is_pinned(request):
        return run()
    with replica_reads() as state:
        try:
            result = run()
        except Exception as error:
            if state.replica in (None, "default") or not is_unavailable(error):
                raise
            result = None
        if result is not None and (state.replica in (None, "default") or not _failed_unavailable(result)):
            return result
        failed = state.replica
        logger.warning("replica %s failed during a read; answering from the primary", failed)
        health.mark_unavailable(failed)  # type: ignore[arg-type]
        close_quietly(failed)  # type: ignore[arg-type]
        primary_only(state)
        forget_loaders(request)  # their cached answers are the failed replica's
        return run()
