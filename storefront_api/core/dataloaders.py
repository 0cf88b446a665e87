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
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
)
from graphql.error import located_error
from graphql.execution import ExecutionContext
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, is_iterable
from graphql_sync_dataloaders import DeferredExecutionContext, SyncFuture

from marketplace.core.rows import rows_in
from storefront_api.core.context import node_of
from storefront_api.core.object_types import node_attr_resolver

K = TypeVar("K")
V = TypeVar("V")

_REGISTRY_ATTR = "_dataloaders"


def by_id(model, keys: Sequence[int], **select) -> list:
    if select.get("related"):
        found = model.objects.select_related(*select["related"]).in_bulk(keys)
    else:
        found = {row.pk: row for row in rows_in(model, {"pk": set(keys)})}
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


def _node_attr(source: Any, attname: str, default: Any) -> Any:
    return getattr(node_of(source), attname, default)


def _source_attr(source: Any, attname: str, default: Any) -> Any:
    return source.get(attname, default) if isinstance(source, dict) else getattr(source, attname, default)


def _plain_read(resolve: Any) -> tuple | None:
    """``(read, attname, default)`` when ``resolve`` is a default resolver (graphene's, or this
    project's for a ``ChannelContext``), else None."""
    if not isinstance(resolve, partial) or resolve.keywords or len(resolve.args) != 2:
        return None
    if resolve.func in _PLAIN_RESOLVERS:
        return _source_attr, *resolve.args
    if resolve.func is node_attr_resolver:
        return _node_attr, *resolve.args
    return None


def _plain_leaf(parent_type: GraphQLObjectType, name: str) -> tuple | None:
    """How to answer ``parent_type.name`` without graphql-core's per-field machinery, or
    None: only for a scalar or enum field without arguments whose resolver is graphene's
    default (an attribute or a dict key of the parent) or this project's (an attribute of
    the model a ``ChannelContext`` wraps), where nothing else can happen."""
    field = parent_type.fields.get(name)
    if field is None or field.args:
        return None
    plain = _plain_read(field.resolve)
    if plain is None:
        return None
    read, attname, default = plain
    non_null = isinstance(field.type, GraphQLNonNull)
    leaf = field.type.of_type if non_null else field.type
    if not isinstance(leaf, GraphQLScalarType | GraphQLEnumType):
        return None
    return read, attname, default, leaf.serialize, non_null


_LEAF, _OBJECT, _OTHER = 1, 2, 3


class _Raised:
    """A resolver's exception, kept until its field is completed in the document's order."""

    __slots__ = ("error",)

    def __init__(self, error: Exception) -> None:
        self.error = error


class _Failed:
    """An object of a batch nulled by a non-null field's error."""

    __slots__ = ("error",)

    def __init__(self, error: GraphQLError) -> None:
        self.error = error


_Ordinary = object()  # a value the one-object path answers


def _object_list_item(return_type: Any) -> tuple[Any, GraphQLObjectType] | None:
    """``(item type, its object type)`` when ``return_type`` is a list of objects, else None."""
    if isinstance(return_type, GraphQLNonNull):
        return_type = return_type.of_type
    if not isinstance(return_type, GraphQLList):
        return None
    item_type = return_type.of_type
    inner = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
    return (item_type, inner) if isinstance(inner, GraphQLObjectType) else None


class _FieldPlan:
    """What one field of the document needs, worked out once per request instead of once per
    object: its definition, resolver (with the middleware), coerced arguments (they depend on
    the field's node and the request's variables only) and how to complete its value."""

    __slots__ = ("name", "return_type", "resolve", "args", "kind", "serialize", "object_type", "direct")

    def __init__(self, context: "LoaderExecutionContext", field_def: Any, node: FieldNode) -> None:
        self.name = node.name.value
        self.return_type = return_type = field_def.type
        resolve = field_def.resolve or context.field_resolver
        if context.middleware_manager:
            resolve = context.middleware_manager.get_field_resolver(resolve)
        self.resolve = resolve
        try:
            self.args: dict | None = get_argument_values(field_def, node, context.variable_values)
        except Exception:  # noqa: BLE001 - the ordinary path raises it, located, for each object
            self.args = None
        inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        self.serialize: Any = None
        self.object_type: Any = None
        if isinstance(inner, GraphQLScalarType | GraphQLEnumType):
            self.kind, self.serialize = _LEAF, inner.serialize
        elif isinstance(inner, GraphQLObjectType):
            self.kind, self.object_type = _OBJECT, inner
        else:
            self.kind = _OTHER
        # An object read by a default resolver (a price's ``gross``, an edge's ``node``) of a type
        # without is_type_of: its value is read and its fields executed, nothing else can happen.
        self.direct: tuple | None = None
        read = _plain_read(field_def.resolve)
        middleware = context.middleware_manager is not None and context.middleware_manager.middlewares
        if read is not None and not field_def.args and not middleware:
            if self.kind == _OBJECT and self.object_type.is_type_of is None:
                self.direct = read


class LoaderExecutionContext(DeferredExecutionContext):
    """Runs the operation, then dispatches pending loader batches until none is left.

    The per-field work is cut where a page of products spends it (issue 14), with answers and
    errors the same as graphql-core's (tests/storefront_api/core/test_plain_fields.py):

    - plain fields — a scalar or enum read by the default resolver (a product's ``name``, a
      price's ``amount``) — are read and serialised directly, without a resolve info,
      argument coercion or the generic completion;
    - every other field is resolved from a plan made once per request for its node (definition,
      resolver, coerced arguments, the kind of its type), and an object or a leaf is completed
      directly; lists, interfaces and unions, nulls, exceptions and values a type refuses take
      graphql-core's completion, which raises the errors it raises;
    - a list of objects is completed breadth first (``_execute_batch``): each field resolved
      for every object of the list, the loaders' batches dispatched once for them, then each
      field completed for every object, the objects (and lists of objects) below it as one
      batch in turn — no future per field or per object, and the lists of many parents (each
      product's variants) as one batch.
    """

    _plain: dict[tuple[GraphQLObjectType, str], tuple | None] = {}
    _plans: dict[tuple[GraphQLObjectType, int], _FieldPlan | None]

    def execute_field(
        self, parent_type: GraphQLObjectType, source: Any, field_nodes: list[FieldNode], path: Path
    ) -> Any:
        node = field_nodes[0]
        key = (parent_type, node.name.value)
        try:
            plain = self._plain[key]
        except KeyError:
            plain = self._plain[key] = _plain_leaf(*key)
        if plain is not None and not (
            self.middleware_manager is not None and self.middleware_manager.middlewares
        ):
            read, attname, default, serialize, non_null = plain
            value = read(source, attname, default)
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
            return DeferredExecutionContext.execute_field(self, parent_type, source, field_nodes, path)
        plan_key = (parent_type, id(node))
        try:
            plan = self._plans[plan_key]
        except KeyError:
            field_def = get_field_def(self.schema, parent_type, node)
            plan = self._plans[plan_key] = _FieldPlan(self, field_def, node) if field_def else None
        if plan is None or plan.args is None:
            return DeferredExecutionContext.execute_field(self, parent_type, source, field_nodes, path)
        if plan.direct is not None:
            read, attname, default = plan.direct
            value = read(source, attname, default)
            if value is not None and not isinstance(value, Exception | SyncFuture):
                object_type = plan.object_type
                try:
                    completed = self.execute_fields(
                        object_type, value, path, self.collect_subfields(object_type, field_nodes)
                    )
                    if isinstance(completed, SyncFuture):
                        if completed.done():
                            return completed.result()
                        return self._forward_completed(plan, field_nodes, path, completed)
                    return completed
                except Exception as raw_error:
                    self._field_error(raw_error, plan, field_nodes, path)
                    return None
        info = GraphQLResolveInfo(
            plan.name,
            field_nodes,
            plan.return_type,
            parent_type,
            path,
            self.schema,
            self.fragments,
            self.root_value,
            self.operation,
            self.variable_values,
            self.context_value,
            self.is_awaitable,
        )
        try:
            result = plan.resolve(source, info, **plan.args)
            if isinstance(result, SyncFuture):
                if not result.done():
                    return self._complete_later(plan, field_nodes, info, path, result)
                result = result.result()
            completed = self._complete(plan, field_nodes, info, path, result)
            if isinstance(completed, SyncFuture):
                if completed.done():
                    return completed.result()
                return self._forward_completed(plan, field_nodes, path, completed)
            return completed
        except Exception as raw_error:
            self._field_error(raw_error, plan, field_nodes, path)
            return None

    def _field_error(
        self, raw_error: Exception, plan: _FieldPlan, field_nodes: list[FieldNode], path: Path
    ) -> None:
        """A null for the field and its error collected, or the error raised to the parent
        when the field is non-null (graphql-core's ``handle_field_error``)."""
        self.handle_field_error(located_error(raw_error, field_nodes, path.as_list()), plan.return_type, path)

    def _complete(
        self, plan: _FieldPlan, field_nodes: list[FieldNode], info: Any, path: Path, result: Any
    ) -> Any:
        if result is not None and not isinstance(result, Exception | SyncFuture):
            if plan.kind == _OBJECT:
                object_type = plan.object_type
                is_type_of = object_type.is_type_of
                if is_type_of is None or is_type_of(result, info):
                    return self.execute_fields(
                        object_type, result, path, self.collect_subfields(object_type, field_nodes)
                    )
            elif plan.kind == _LEAF:
                serialized = plan.serialize(result)
                if serialized is not None and serialized is not Undefined:
                    return serialized
        return self.complete_value(plan.return_type, field_nodes, info, path, result)

    def _complete_later(
        self, plan: _FieldPlan, field_nodes: list[FieldNode], info: Any, path: Path, result: SyncFuture
    ) -> SyncFuture:
        """A field whose value is still loading: completed when its batch is dispatched (the
        operation's loop dispatches every pending batch)."""
        future = SyncFuture()

        def process_result() -> None:
            try:
                completed = self._complete(plan, field_nodes, info, path, result.result())
            except Exception as raw_error:
                self._fail(future, raw_error, plan, field_nodes, path)
                return
            if not isinstance(completed, SyncFuture):
                future.set_result(completed)
            elif completed.done():
                self._settle(plan, field_nodes, path, completed, future)
            else:
                completed.add_done_callback(lambda: self._settle(plan, field_nodes, path, completed, future))

        result.add_done_callback(process_result)
        return future

    def _forward_completed(
        self, plan: _FieldPlan, field_nodes: list[FieldNode], path: Path, completed: SyncFuture
    ) -> SyncFuture:
        future = SyncFuture()
        completed.add_done_callback(lambda: self._settle(plan, field_nodes, path, completed, future))
        return future

    def _settle(
        self,
        plan: _FieldPlan,
        field_nodes: list[FieldNode],
        path: Path,
        completed: SyncFuture,
        future: SyncFuture,
    ) -> None:
        try:
            value = completed.result()
        except Exception as raw_error:
            self._fail(future, raw_error, plan, field_nodes, path)
            return
        future.set_result(value)

    def _fail(
        self,
        future: SyncFuture,
        raw_error: Exception,
        plan: _FieldPlan,
        field_nodes: list[FieldNode],
        path: Path,
    ) -> None:
        """A deferred field's error: null for a nullable field (the error collected), else the
        error carried by the future to the parent, which is then null in its turn, as
        graphql-core propagates a non-null field's error when nothing is deferred."""
        try:
            self._field_error(raw_error, plan, field_nodes, path)
        except Exception as propagated:
            future.set_exception(propagated)
            return
        future.set_result(None)

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        fields: dict[str, list[FieldNode]],
    ) -> Any:
        """The object's fields in document order; a future when some are still loading. A field
        whose error propagates (a non-null field) fails the object's future, where
        graphql-sync-dataloaders' version called back into a future it had not made yet."""
        results: dict[str, Any] = {}
        pending: list[tuple[str, SyncFuture]] | None = None
        type_name = parent_type.name
        for response_name, field_nodes in fields.items():
            result = self.execute_field(
                parent_type, source_value, field_nodes, Path(path, response_name, type_name)
            )
            if isinstance(result, SyncFuture):
                if not result.done():
                    results[response_name] = None  # keeps the document's order
                    if pending is None:
                        pending = []
                    pending.append((response_name, result))
                    continue
                result = result.result()
            if result is not Undefined:
                results[response_name] = result
        if pending is None:
            return results
        future = SyncFuture()
        remaining = len(pending)

        def on_done(name: str, field_future: SyncFuture) -> None:
            nonlocal remaining
            if future.done():
                return
            error = field_future.exception()
            if error is not None:
                future.set_exception(error)
                return
            value = field_future.result()
            if value is Undefined:
                del results[name]
            else:
                results[name] = value
            remaining -= 1
            if not remaining:
                future.set_result(results)

        for name, field_future in pending:
            if field_future.done():
                on_done(name, field_future)
            else:
                field_future.add_done_callback(partial(on_done, name, field_future))
        return future

    def complete_list_value(
        self,
        return_type: GraphQLList,
        field_nodes: list[FieldNode],
        info: Any,
        path: Path,
        result: Any,
    ) -> Any:
        """The items in order, objects completed directly; a future when some are still
        loading. An item's error is the item's null (collected), or, for non-null items, the
        list's error, deferred or not, as graphql-core completes a list."""
        if not is_iterable(result):
            return super().complete_list_value(return_type, field_nodes, info, path, result)
        item_type = return_type.of_type
        inner = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        object_type = inner if isinstance(inner, GraphQLObjectType) else None
        if object_type is not None:
            items = result if isinstance(result, list) else list(result)
            if not any(isinstance(item, SyncFuture) for item in items):
                (answer,) = self._complete_object_lists(
                    object_type, item_type, field_nodes, [info], [(path, items)]
                )
                if isinstance(answer, _Failed):
                    raise answer.error
                return answer
            result = items
        subfields = self.collect_subfields(object_type, field_nodes) if object_type is not None else None
        results: list[Any] = []
        pending: list[tuple[int, SyncFuture, Path, bool]] | None = None
        for index, item in enumerate(result):
            item_path = path.add_key(index, None)
            try:
                if isinstance(item, SyncFuture):
                    if not item.done():
                        results.append(None)
                        pending = pending or []
                        pending.append((index, item, item_path, False))
                        continue
                    item = item.result()
                if (
                    object_type is not None
                    and item is not None
                    and not isinstance(item, Exception | SyncFuture)
                    and (object_type.is_type_of is None or object_type.is_type_of(item, info))
                ):
                    completed = self.execute_fields(object_type, item, item_path, subfields)  # type: ignore[arg-type]
                else:
                    completed = self.complete_value(item_type, field_nodes, info, item_path, item)
                if isinstance(completed, SyncFuture):
                    if not completed.done():
                        results.append(None)
                        pending = pending or []
                        pending.append((index, completed, item_path, True))
                        continue
                    completed = completed.result()
                results.append(completed)
            except Exception as raw_error:
                self.handle_field_error(
                    located_error(raw_error, field_nodes, item_path.as_list()), item_type, item_path
                )
                results.append(None)
        if pending is None:
            return results
        future = SyncFuture()
        remaining = len(pending)

        def on_done(index: int, item_future: SyncFuture, item_path: Path, completed: bool) -> None:
            nonlocal remaining
            if future.done():
                return
            try:
                value = item_future.result()
                if not completed:
                    value = self.complete_value(item_type, field_nodes, info, item_path, value)
                    if isinstance(value, SyncFuture):
                        if not value.done():
                            value.add_done_callback(partial(on_done, index, value, item_path, True))
                            return
                        value = value.result()
            except Exception as raw_error:
                try:
                    self.handle_field_error(
                        located_error(raw_error, field_nodes, item_path.as_list()), item_type, item_path
                    )
                except Exception as propagated:
                    future.set_exception(propagated)
                    return
                value = None
            results[index] = value
            remaining -= 1
            if not remaining:
                future.set_result(results)

        for index, item_future, item_path, completed in pending:
            if item_future.done():
                on_done(index, item_future, item_path, completed)
            else:
                item_future.add_done_callback(partial(on_done, index, item_future, item_path, completed))
        return future

    # ------------------------------------------------------------ lists of objects, breadth first

    def _complete_object_lists(
        self,
        object_type: GraphQLObjectType,
        item_type: Any,
        field_nodes: list[FieldNode],
        infos: list[Any],
        lists: list[tuple[Path, list[Any]]],
    ) -> list[Any]:
        """Lists of objects (one field's lists, of one or many parents) completed as one batch
        (``_execute_batch``); an item that is null, an exception or of the wrong type takes
        graphql-core's completion. Returns each list, or ``_Failed`` for a list a non-null
        item's error fails."""
        answers: list[list[Any]] = [[None] * len(items) for _, items in lists]
        failures: list[GraphQLError | None] = [None] * len(lists)
        sources: list[Any] = []
        paths: list[Path] = []
        places: list[tuple[int, int]] = []
        is_type_of = object_type.is_type_of
        for number, ((path, items), info) in enumerate(zip(lists, infos, strict=True)):
            for index, item in enumerate(items):
                item_path = path.add_key(index, None)
                if (
                    item is not None
                    and not isinstance(item, Exception)
                    and (is_type_of is None or is_type_of(item, info))
                ):
                    sources.append(item)
                    paths.append(item_path)
                    places.append((number, index))
                    continue
                try:
                    answers[number][index] = self.complete_value(
                        item_type, field_nodes, info, item_path, item
                    )
                except Exception as raw_error:
                    failures[number] = failures[number] or self._item_error(
                        located_error(raw_error, field_nodes, item_path.as_list()), item_type, item_path
                    )
        if sources:
            completed = self._execute_batch(
                object_type, sources, paths, self.collect_subfields(object_type, field_nodes)
            )
            for (number, index), item_path, value in zip(places, paths, completed, strict=True):
                if isinstance(value, _Failed):
                    failures[number] = failures[number] or self._item_error(value.error, item_type, item_path)
                else:
                    answers[number][index] = value
        return [
            answer if error is None else _Failed(error)
            for answer, error in zip(answers, failures, strict=True)
        ]

    def _item_error(self, error: GraphQLError, item_type: Any, item_path: Path) -> GraphQLError | None:
        """A list item's error collected (None), or, for non-null items, the error that fails
        the list."""
        try:
            self.handle_field_error(error, item_type, item_path)
        except GraphQLError as propagated:
            return propagated
        return None

    def _execute_batch(
        self,
        object_type: GraphQLObjectType,
        sources: list[Any],
        paths: list[Path],
        fields: dict[str, list[FieldNode]],
    ) -> list[Any]:
        """The fields of many objects of one type, field by field: every field's resolver for
        every object, then the loaders' batches dispatched once for them all, then each field
        completed in the document's order — the objects below a field as one batch in turn.

        Returns each object's answer, or ``_Failed(error)`` for an object a non-null field's
        error nulls (the caller handles it as graphql-core handles a field error). Errors of
        nullable fields are collected in the document's order per object; an object's fields
        after the one that nulled it are not completed (their resolvers have run: resolvers
        read, they do not write)."""
        count = len(sources)
        results: list[dict[str, Any]] = [{} for _ in range(count)]
        failed: list[GraphQLError | None] = [None] * count
        type_name = object_type.name
        middleware = self.middleware_manager is not None and self.middleware_manager.middlewares
        steps: list[tuple[str, list[FieldNode], _FieldPlan | None, list[Any]]] = []
        waiting: list[SyncFuture] = []
        for response_name, field_nodes in fields.items():
            node = field_nodes[0]
            key = (object_type, node.name.value)
            try:
                plain = self._plain[key]
            except KeyError:
                plain = self._plain[key] = _plain_leaf(*key)
            if plain is not None and not middleware:
                read, attname, default, serialize, non_null = plain
                values: list[Any] = [None] * count
                unusual = None
                for index in range(count):
                    value = read(sources[index], attname, default)
                    if value is None:
                        if not non_null:
                            results[index][response_name] = None
                            continue
                    elif not isinstance(value, Exception | SyncFuture):
                        try:
                            serialized = serialize(value)
                        except Exception:  # noqa: BLE001 - the ordinary path reports it, located
                            serialized = Undefined
                        if serialized is not Undefined:
                            results[index][response_name] = serialized
                            continue
                    results[index][response_name] = None  # the place, in the document's order
                    values[index] = _Ordinary
                    unusual = True
                if unusual:
                    steps.append((response_name, field_nodes, None, values))
                continue
            plan_key = (object_type, id(node))
            try:
                plan = self._plans[plan_key]
            except KeyError:
                field_def = get_field_def(self.schema, object_type, node)
                plan = self._plans[plan_key] = _FieldPlan(self, field_def, node) if field_def else None
            if plan is None:
                continue  # no such field: left out of the answer, as graphql-core does
            values = [None] * count
            if plan.args is None:
                for index in range(count):
                    results[index][response_name] = None
                    values[index] = _Ordinary
                steps.append((response_name, field_nodes, None, values))
                continue
            direct = plan.direct
            for index in range(count):
                results[index][response_name] = None
                source = sources[index]
                if direct is not None:
                    values[index] = direct[0](source, direct[1], direct[2])
                    continue
                info = GraphQLResolveInfo(
                    plan.name,
                    field_nodes,
                    plan.return_type,
                    object_type,
                    Path(paths[index], response_name, type_name),
                    self.schema,
                    self.fragments,
                    self.root_value,
                    self.operation,
                    self.variable_values,
                    self.context_value,
                    self.is_awaitable,
                )
                try:
                    value = plan.resolve(source, info, **plan.args)
                except Exception as raw_error:
                    value = _Raised(raw_error)
                else:
                    if isinstance(value, SyncFuture) and not value.done():
                        waiting.append(value)
                values[index] = value
            steps.append((response_name, field_nodes, plan, values))
        if waiting:
            self._drain(waiting)
        for response_name, field_nodes, plan, values in steps:
            if plan is None:  # fields the ordinary path answers, one object at a time
                for index in range(count):
                    if values[index] is _Ordinary and failed[index] is None:
                        failed[index] = self._ordinary_field(
                            object_type,
                            sources[index],
                            field_nodes,
                            paths[index],
                            response_name,
                            results[index],
                        )
                continue
            self._complete_step(
                object_type, plan, response_name, field_nodes, values, sources, paths, results, failed
            )
        return [
            answer if error is None else _Failed(error) for answer, error in zip(results, failed, strict=True)
        ]

    def _complete_step(
        self,
        object_type: GraphQLObjectType,
        plan: _FieldPlan,
        response_name: str,
        field_nodes: list[FieldNode],
        values: list[Any],
        sources: list[Any],
        paths: list[Path],
        results: list[dict[str, Any]],
        failed: list[GraphQLError | None],
    ) -> None:
        """One field of a batch completed for every object not nulled yet: leaves directly, the
        objects below it as one batch, its lists of objects as one batch, anything else through
        graphql-core's completion (what that leaves loading, dispatched once for all)."""
        type_name = object_type.name
        children: list[int] = []
        child_values: list[Any] = []
        lists: list[tuple[int, Path, list[Any]]] = []
        later: list[tuple[int, Path, SyncFuture]] = []
        list_item = _object_list_item(plan.return_type)
        for index, value in enumerate(values):
            if failed[index] is not None:
                continue
            field_path = None  # made when needed: most values are completed without it
            try:
                if isinstance(value, _Raised):
                    raise value.error
                if isinstance(value, SyncFuture):
                    value = value.result()
                if value is not None and not isinstance(value, Exception | SyncFuture):
                    if plan.kind == _OBJECT:
                        is_type_of = plan.object_type.is_type_of
                        if is_type_of is not None:
                            field_path = Path(paths[index], response_name, type_name)
                        if is_type_of is None or is_type_of(
                            value,
                            self._info(plan, field_nodes, object_type, field_path),  # type: ignore[arg-type]
                        ):
                            children.append(index)
                            child_values.append(value)
                            continue
                    elif plan.kind == _LEAF:
                        serialized = plan.serialize(value)
                        if serialized is not None and serialized is not Undefined:
                            results[index][response_name] = serialized
                            continue
                    elif list_item is not None and is_iterable(value):
                        items = value if isinstance(value, list) else list(value)
                        if not any(isinstance(item, SyncFuture) for item in items):
                            lists.append((index, Path(paths[index], response_name, type_name), items))
                            continue
                field_path = Path(paths[index], response_name, type_name)
                completed = self.complete_value(
                    plan.return_type,
                    field_nodes,
                    self._info(plan, field_nodes, object_type, field_path),
                    field_path,
                    value,
                )
                if isinstance(completed, SyncFuture) and not completed.done():
                    later.append((index, field_path, completed))
                    continue
                results[index][response_name] = (
                    completed.result() if isinstance(completed, SyncFuture) else completed
                )
            except Exception as raw_error:
                if field_path is None:
                    field_path = Path(paths[index], response_name, type_name)
                failed[index] = self._batch_error(raw_error, plan, field_nodes, field_path)
        if children:
            child_type = plan.object_type
            child_paths = [Path(paths[index], response_name, type_name) for index in children]
            answers = self._execute_batch(
                child_type, child_values, child_paths, self.collect_subfields(child_type, field_nodes)
            )
            for index, child_path, answer in zip(children, child_paths, answers, strict=True):
                if isinstance(answer, _Failed):
                    failed[index] = self._batch_error(answer.error, plan, field_nodes, child_path)
                else:
                    results[index][response_name] = answer
        if lists:
            item_type, item_object = list_item  # type: ignore[misc]
            answers = self._complete_object_lists(
                item_object,
                item_type,
                field_nodes,
                [self._info(plan, field_nodes, object_type, path) for _, path, _ in lists],
                [(path, items) for _, path, items in lists],
            )
            for (index, field_path, _), answer in zip(lists, answers, strict=True):
                if isinstance(answer, _Failed):
                    failed[index] = self._batch_error(answer.error, plan, field_nodes, field_path)
                else:
                    results[index][response_name] = answer
        if later:
            self._drain([future for _, _, future in later])
            for index, field_path, future in later:
                try:
                    results[index][response_name] = future.result()
                except Exception as raw_error:
                    failed[index] = self._batch_error(raw_error, plan, field_nodes, field_path)

    def _batch_error(
        self, raw_error: Exception, plan: _FieldPlan, field_nodes: list[FieldNode], field_path: Path
    ) -> GraphQLError | None:
        """The field's error collected (None), or, for a non-null field, the error that nulls
        its object."""
        try:
            self.handle_field_error(
                located_error(raw_error, field_nodes, field_path.as_list()), plan.return_type, field_path
            )
        except GraphQLError as propagated:
            return propagated
        return None

    def _ordinary_field(
        self,
        object_type: GraphQLObjectType,
        source: Any,
        field_nodes: list[FieldNode],
        path: Path,
        response_name: str,
        answer: dict[str, Any],
    ) -> GraphQLError | None:
        """One object's field through the one-object path (with its errors); the error that
        nulls the object, or None."""
        try:
            value = self.execute_field(
                object_type, source, field_nodes, Path(path, response_name, object_type.name)
            )
            if isinstance(value, SyncFuture):
                self._drain([value])
                value = value.result()
        except GraphQLError as propagated:
            return propagated
        if value is Undefined:
            del answer[response_name]
        else:
            answer[response_name] = value
        return None

    def _info(
        self, plan: _FieldPlan, field_nodes: list[FieldNode], parent_type: GraphQLObjectType, field_path: Path
    ) -> GraphQLResolveInfo:
        return GraphQLResolveInfo(
            plan.name,
            field_nodes,
            plan.return_type,
            parent_type,
            field_path,
            self.schema,
            self.fragments,
            self.root_value,
            self.operation,
            self.variable_values,
            self.context_value,
            self.is_awaitable,
        )

    def _drain(self, futures: list[SyncFuture]) -> None:
        """Dispatch the pending batches until ``futures`` are done (a chained load may queue
        more); every loader queued so far is dispatched with them."""
        registry = _registry(self.context_value)
        while any(not future.done() for future in futures):
            while self._deferred_callbacks:
                self._deferred_callbacks.pop(0)()
            if not registry.dispatch_pending():
                if not self._deferred_callbacks:
                    raise RuntimeError("GraphQL deferred execution failed to complete.")

    def execute_operation(self, operation, root_value):
        self._deferred_callbacks = []  # type: ignore[var-annotated]
        self._plans = {}
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
