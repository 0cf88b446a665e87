"""Per-request DataLoaders for a synchronous Django stack.

graphene 3 has no synchronous loader; this module wraps ``graphql-sync-dataloaders`` so
the choice stays swappable. Loaders are created once per request (cached on the request
context) and batch every ``load`` made while one level of the query resolves into one SQL
query. ``then`` chains a function onto a loaded value; chains may load again.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, Generic, TypeVar

from graphene.types.resolver import attr_resolver, dict_or_attr_resolver, dict_resolver
from graphql import (
    FieldNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
)
from graphql.execution import ExecutionContext
from graphql.pyutils import Path, Undefined
from graphql_sync_dataloaders import DeferredExecutionContext, SyncFuture

K = TypeVar("K")
V = TypeVar("V")

_REGISTRY_ATTR = "_dataloaders"


def by_id(model, keys: Sequence[int], **select) -> list:
    qs = model.objects.all()
    if select.get("related"):
        qs = qs.select_related(*select["related"])
    found = qs.in_bulk(keys)
    return [found.get(key) for key in keys]


def grouped(rows, key_attr: str, keys: Sequence) -> list[list]:
    groups: dict = defaultdict(list)
    for row in rows:
        groups[getattr(row, key_attr)].append(row)
    return [groups.get(key, []) for key in keys]


class LoaderRegistry:
    """The loaders of one request; dispatches every pending batch on demand."""

    def __init__(self) -> None:
        self.loaders: dict[type, DataLoader] = {}

    def dispatch_pending(self) -> bool:
        dispatched = False
        for loader in list(self.loaders.values()):
            if loader.queue:
                loader.dispatch()
                dispatched = True
        return dispatched


def forget_loaders(context: Any) -> None:
    """Drop the request's loaders and what they cached (an operation about to run again)."""
    if hasattr(context, _REGISTRY_ATTR):
        delattr(context, _REGISTRY_ATTR)


def _registry(context: Any) -> LoaderRegistry:
    registry = getattr(context, _REGISTRY_ATTR, None)
    if registry is None:
        registry = LoaderRegistry()
        setattr(context, _REGISTRY_ATTR, registry)
    return registry


class DataLoader(Generic[K, V]):
    """Subclasses implement ``batch_load(keys) -> values`` in the order of ``keys``."""

    def __new__(cls, context: Any) -> "DataLoader[K, V]":
        registry = _registry(context)
        loader = registry.loaders.get(cls)
        if loader is None:
            loader = super().__new__(cls)
            loader._setup(context, registry)
            registry.loaders[cls] = loader
        return loader

    def __init__(self, context: Any) -> None:
        """State is set once per request in ``_setup``; ``__new__`` returns the cached loader."""

    def _setup(self, context: Any, registry: LoaderRegistry) -> None:
        self.context = context
        self.registry = registry
        self.cache: dict[K, SyncFuture] = {}
        self.queue: list[tuple[K, SyncFuture]] = []

    def batch_load(self, keys: Sequence[K]) -> Sequence[V]:
        raise NotImplementedError

    def load(self, key: K) -> SyncFuture:
        future = self.cache.get(key)
        if future is None:
            future = SyncFuture()
            future.deferred_callback = self.registry.dispatch_pending
            self.cache[key] = future
            self.queue.append((key, future))
        return future

    def load_many(self, keys: Iterable[K]) -> SyncFuture:
        return gather([self.load(key) for key in keys])

    def prime(self, key: K, value: V) -> None:
        if key not in self.cache:
            future = SyncFuture()
            future.set_result(value)
            self.cache[key] = future

    def dispatch(self) -> None:
        queue, self.queue = self.queue, []
        keys = [key for key, _ in queue]
        try:
            values = list(self.batch_load(keys))
            if len(values) != len(keys):
                raise ValueError(f"{type(self).__name__} returned {len(values)} values for {len(keys)} keys")
        except Exception as error:  # the error belongs to every waiting field
            for key, future in queue:
                self.cache.pop(key, None)
                future.set_exception(error)
            return
        for (_, future), value in zip(queue, values, strict=True):
            future.set_result(value)


def _resolved(value: Any) -> SyncFuture:
    future = SyncFuture()
    future.set_result(value)
    return future


def then(value: Any, fn: Callable[[Any], Any]) -> Any:
    """Apply ``fn`` to a value that may still be loading; ``fn`` may return a future too."""
    if not isinstance(value, SyncFuture):
        return fn(value)
    if value.done():
        return fn(value.result())
    derived = SyncFuture()
    derived.deferred_callback = value.deferred_callback

    def on_done() -> None:
        try:
            result = fn(value.result())
        except Exception as error:
            derived.set_exception(error)
            return
        _forward(result, derived)

    value.add_done_callback(on_done)
    return derived


def _forward(result: Any, target: SyncFuture) -> None:
    if not isinstance(result, SyncFuture):
        target.set_result(result)
    elif result.done():
        if result.exception() is not None:
            target.set_exception(result.exception())
        else:
            target.set_result(result.result())
    else:
        result.add_done_callback(lambda: _forward(result, target))


def gather(values: Sequence[Any]) -> Any:
    """One future for a list of values or futures (all loaded in the same batches)."""
    futures = [v if isinstance(v, SyncFuture) else _resolved(v) for v in values]
    pending = [f for f in futures if not f.done()]
    if not pending:
        return [f.result() for f in futures]
    combined = SyncFuture()
    combined.deferred_callback = pending[0].deferred_callback
    remaining = len(pending)

    def on_done() -> None:
        nonlocal remaining
        remaining -= 1
        if remaining == 0 and not combined.done():
            try:
                combined.set_result([f.result() for f in futures])
            except Exception as error:
                combined.set_exception(error)

    for future in pending:
        future.add_done_callback(on_done)
    return combined


_PLAIN_RESOLVERS = (attr_resolver, dict_resolver, dict_or_attr_resolver)


def _plain_leaf(parent_type: GraphQLObjectType, name: str) -> tuple | None:
    """How to answer ``parent_type.name`` without graphql-core's per-field machinery, or
    None: only for a scalar or enum field without arguments whose resolver is graphene's
    default (an attribute or a dict key of the parent), where nothing else can happen."""
    field = parent_type.fields.get(name)
    if field is None or field.args:
        return None
    resolve = field.resolve
    if not (isinstance(resolve, partial) and resolve.func in _PLAIN_RESOLVERS and not resolve.keywords):
        return None
    if len(resolve.args) != 2:
        return None
    attname, default = resolve.args
    non_null = isinstance(field.type, GraphQLNonNull)
    leaf = field.type.of_type if non_null else field.type
    if not isinstance(leaf, GraphQLScalarType | GraphQLEnumType):
        return None
    return attname, default, leaf.serialize, non_null


class LoaderExecutionContext(DeferredExecutionContext):
    """Runs the operation, then dispatches pending loader batches until none is left.

    Most fields of a page are plain attributes answered by graphene's default resolver (a
    product's ``name``, a price's ``amount``): for those, ``execute_field`` reads the attribute
    and serialises it directly, without building a resolve info, coercing (absent) arguments and
    completing the value through the generic path, which is most of the per-field cost
    (issue 14). Anything unusual — a null for a non-null field, an exception, a future, a value
    the scalar refuses, a middleware — takes the ordinary path, so answers and errors are
    the same (tests/storefront_api/core/test_plain_fields.py).
    """

    _plain: dict[tuple[GraphQLObjectType, str], tuple | None] = {}

    def execute_field(
        self, parent_type: GraphQLObjectType, source: Any, field_nodes: list[FieldNode], path: Path
    ) -> Any:
        key = (parent_type, field_nodes[0].name.value)
        try:
            plain = self._plain[key]
        except KeyError:
            plain = self._plain[key] = _plain_leaf(*key)
        if plain is None or (self.middleware_manager is not None and self.middleware_manager.middlewares):
            return super().execute_field(parent_type, source, field_nodes, path)
        attname, default, serialize, non_null = plain
        value = (
            source.get(attname, default) if isinstance(source, dict) else getattr(source, attname, default)
        )
        if value is None:
            if not non_null:
                return None
        elif not isinstance(value, Exception | SyncFuture):
            try:
                serialized = serialize(value)
            except Exception:  # noqa: BLE001 - the ordinary path reports it, located
                serialized = Undefined
            if serialized is not Undefined:
                return serialized
        return super().execute_field(parent_type, source, field_nodes, path)

    def execute_operation(self, operation, root_value):
        self._deferred_callbacks = []  # type: ignore[var-annotated]
        result = ExecutionContext.execute_operation(self, operation, root_value)
        registry = _registry(self.context_value)
        while True:
            while self._deferred_callbacks:
                self._deferred_callbacks.pop(0)()
            if not registry.dispatch_pending():
                break
        if isinstance(result, SyncFuture):
            if not result.done():
                raise RuntimeError("GraphQL deferred execution failed to complete.")
            return result.result()
        return result

    def handle_field_error(
        self, error: GraphQLError, return_type: GraphQLOutputType, path: Path | None = None
    ) -> None:
        """graphql-sync-dataloaders calls this without ``path`` (graphql-core < 3.2.4's
        signature); rebuild it from the located error so errors are still collected."""
        if path is None:
            for key in error.path or []:
                path = Path(path, key, None)
        super().handle_field_error(error, return_type, path)
