"""Model rows by key for the loaders and lookups by key, without building a queryset (issue 14).

A loader's batch is always the same question — the rows of one model whose columns are in
some sets of keys, in some order — and Django's ORM spends about half a millisecond turning
``Model.objects.filter(a__in=..., b__in=...)`` into SQL each time, more than PostgreSQL takes
to answer it. ``rows_in`` writes that SQL from the model's metadata: the select list and the
column converters once per model and database (the converters the ORM would apply: a
``JSONField`` parses its text, SQLite's decimals and datetimes are converted), the ``IN``
lists per call, and builds the instances with ``Model.from_db`` as the ORM does. The rows are
read from the database the router chooses for the model (a replica or the primary), as
``Model.objects`` would.

The statements are prepared once per PostgreSQL connection (``preparing_cursor``: a key set
is one array parameter, ``= ANY(%s)``, so one statement serves any number of keys), and the
instances are built as ``from_db`` builds them without its per-field work where it would do
nothing (``instances``).

Only equality to any of a set of values is supported; anything else is a queryset's job.
The tests compare every loader built on this with the ORM (tests/marketplace/core/test_rows.py).
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import connections, router
from django.db.backends.postgresql import base as postgresql_base
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor, ImageFileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import ModelIterable
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

M = TypeVar("M", bound=Model)

# converters by position: [(position, [(converter, column), ...]), ...]
_Converters = list[tuple[int, list[tuple[Any, Any]]]]

# (model, alias) -> (SELECT ... FROM ..., attnames, converters by position)
_selects: dict[tuple[type[Model], str], tuple[str, list[str], _Converters]] = {}


def _select(model: type[Model], alias: str) -> tuple[str, list[str], _Converters]:
    key = (model, alias)
    known = _selects.get(key)
    if known is None:
        connection = connections[alias]
        quote = connection.ops.quote_name
        meta = model._meta
        fields = list(meta.concrete_fields)
        table = str(meta.db_table)
        columns = ", ".join(f"{quote(table)}.{quote(str(field.column))}" for field in fields)
        converters = []
        for position, field in enumerate(fields):
            column = field.get_col(table)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                converters.append((position, [(converter, column) for converter in found]))
        known = _selects[key] = (
            f"SELECT {columns} FROM {quote(table)}",
            [f.attname for f in fields],
            converters,
        )
    return known


_by_attname: dict[type[Model], dict[str, Any]] = {}


def _fields(model: type[Model]) -> dict[str, Any]:
    known = _by_attname.get(model)
    if known is None:
        known = {field.attname: field for field in model._meta.concrete_fields}
        known["pk"] = model._meta.pk
        known = _by_attname[model] = known
    return known


def rows_in(model: type[M], keys: Mapping[str, Collection[Any]], order_by: Sequence[str] = ()) -> list[M]:
    """The rows of ``model`` whose column ``name`` is one of ``keys[name]`` for every name
    given (attnames: ``product_id``, ``language_code``; ``pk``), in ``order_by`` (attnames, ``-``
    for descending) or the database's order. Values are prepared for the database by their
    field, as a queryset's would be. An empty set of keys reads nothing."""
    if any(not values for values in keys.values()):
        return []
    alias = router.db_for_read(model)
    connection = connections[alias]
    select, attnames, converters = _select(model, alias)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = _fields(model)
    where = []
    params: list[Any] = []
    for name, values in keys.items():
        field = fields[name]
        prepare = field.get_db_prep_value
        values = [prepare(value, connection, prepared=False) for value in values]
        if connection.vendor == "postgresql":
            where.append(f"{table}.{quote(str(field.column))} = ANY(%s)")
            params.append(values)
        else:
            where.append(f"{table}.{quote(str(field.column))} IN ({', '.join(['%s'] * len(values))})")
            params += values
    sql = f"{select} WHERE {' AND '.join(where)}"
    if order_by:
        sql += " ORDER BY " + ", ".join(_order(table, quote, fields, name) for name in order_by)
    with preparing_cursor(connection) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters:
        rows = [_convert(list(row), converters, connection) for row in rows]
    return instances(model, alias, attnames, rows)


def preparing_cursor(connection: Any) -> Any:
    """A cursor of ``connection`` for statements run again and again with new values: on
    PostgreSQL each statement is prepared once per connection (psycopg's ``prepare=True``:
    parsed and planned by the server, then only executed with its parameters bound by the
    server — for a loader's query planning was about a third of PostgreSQL's time); the
    ordinary cursor elsewhere or with ``DATABASE_PREPARED_STATEMENTS`` off (PgBouncer in
    transaction mode before 1.21). The cursor is Django's wrapper: query logging, execute
    wrappers and the translation of database errors apply as to any cursor. Only the
    statements run through it are prepared (Django's own stay client-side bound)."""
    if connection.vendor != "postgresql" or not getattr(settings, "DATABASE_PREPARED_STATEMENTS", True):
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = connection.connection
        if raw.prepare_threshold is None:
            raw.prepare_threshold = _ONLY_WHEN_ASKED
        cursor = _PreparingCursor(raw)
        return connection._prepare_cursor(cursor)


# psycopg prepares nothing while a connection's threshold is None (Django's default); a
# threshold no statement reaches prepares only what a preparing cursor asks for.
_ONLY_WHEN_ASKED = 2**31 - 1

_ServerBindingCursor: Any = postgresql_base.ServerBindingCursor


class _PreparingCursor(_ServerBindingCursor):
    def execute(self, query: Any, params: Any = None, *, prepare: Any = None, binary: Any = None) -> Any:
        return super().execute(query, params, prepare=True, binary=binary)

    def _send_query_prepared(self, name: Any, pgq: Any, *, binary: Any = None) -> Any:
        # psycopg keeps the query it sent only when it did not prepare it; Django's query log
        # (connection.queries, assertNumQueries) reads it: the SQL with $1, $2...
        self._query = pgq
        return super()._send_query_prepared(name, pgq, binary=binary)


_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute, FileDescriptor, ImageFileDescriptor)
_plain: dict[type[Model], bool] = {}


def _is_plain(model: type[Model]) -> bool:
    """Whether ``Model.from_db`` would do no more for ``model`` than store each value in the
    instance's ``__dict__``: Django's own ``__init__``, ``from_db`` and ``__setattr__``, and
    each field's attribute one of Django's descriptors that store the value as it is."""
    known = _plain.get(model)
    if known is None:
        known = _plain[model] = (
            model.__init__ is Model.__init__
            and model.from_db.__func__ is Model.from_db.__func__  # type: ignore[attr-defined]
            and model.__setattr__ is object.__setattr__
            and model.__new__ is object.__new__
            and all(
                type(getattr(model, field.attname, None)) in _PLAIN_DESCRIPTORS
                for field in model._meta.concrete_fields
            )
        )
    return known


def instances(model: type[M], alias: str, attnames: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[M]:
    """``[model.from_db(alias, attnames, row) for row in rows]``, the same instances (an
    absent attname is a deferred field), without ``Model.__init__``'s per-field ``setattr``
    and signals where they would do nothing: a plain model (``_is_plain``) with no receiver
    for ``pre_init`` or ``post_init``. About a third of the cost of ``from_db``."""
    if not _is_plain(model) or pre_init.has_listeners(model) or post_init.has_listeners(model):
        return [model.from_db(alias, attnames, row) for row in rows]
    new = object.__new__
    built = []
    for row in rows:
        instance = new(model)
        state = ModelState()
        state.adding = False
        state.db = alias
        values = instance.__dict__
        values["_state"] = state
        values.update(zip(attnames, row, strict=False))  # as wide as attnames
        built.append(instance)
    return built


def _order(table: str, quote: Any, fields: dict[str, Any], name: str) -> str:
    column = quote(str(fields[name.lstrip("-")].column))
    return f"{table}.{column} {'DESC' if name.startswith('-') else 'ASC'}"


def _convert(row: list[Any], converters: _Converters, connection: Any) -> list[Any]:
    for position, functions in converters:
        value = row[position]
        for converter, column in functions:
            value = converter(value, column, connection)
        row[position] = value
    return row


class Prepared(Generic[M]):
    """A queryset whose shape never changes, run with new values without building or compiling
    it again (issue 14: the first page of the public product list spent 1.6 of its 2 ms of
    query work in Django building and compiling the same SQL).

    ``build(**values)`` returns the queryset; it is called once per database with the
    ``stand_ins``, values of the right type that no query would hold (a channel id of
    -7,391,204,583), and compiled. Each parameter of the SQL equal to a stand-in (same type and
    value) is a slot; ``rows(**values)`` fills the slots with the values given — which must be of
    the stand-in's type and are sent as they are, so only for values a field passes to the
    database unchanged (integers, aware datetimes on PostgreSQL) — and builds the instances as
    the queryset would: the same select list (deferred fields stay deferred), annotations,
    column converters and database (the router's, as ``rows_in``'s). Whatever changes between
    calls must be one of the values: a ``build`` that reads the clock, a setting or the database
    itself keeps what it read when it was compiled (hence ``listed_in``'s ``now``).

    Where the SQL cannot be prepared — a stand-in the backend converts (SQLite's datetimes are
    strings), a stand-in missing from the SQL, ``select_related`` — ``rows`` builds and runs the
    queryset each time: the same answer, the ORM's cost.
    """

    def __init__(self, build: Callable[..., "QuerySet[M]"], **stand_ins: Any) -> None:
        self._build = build
        self._stand_ins = stand_ins
        self._model: type[M] | None = None
        self._compiled: dict[str, _Compiled | None] = {}

    def rows(self, **values: Any) -> list[M]:
        if values.keys() != self._stand_ins.keys():
            raise TypeError(f"values for {sorted(self._stand_ins)} expected, got {sorted(values)}")
        for name, value in values.items():
            if type(value) is not type(self._stand_ins[name]):
                raise TypeError(f"{name}: {type(self._stand_ins[name]).__name__} expected")
        example = None
        if self._model is None:
            example = self._build(**self._stand_ins)
            self._model = example.model
        alias = router.db_for_read(self._model)
        compiled = self._compiled.get(alias, _UNKNOWN)
        if compiled is _UNKNOWN:  # two threads may both compile it: the same result
            if example is None:
                example = self._build(**self._stand_ins)
            compiled = self._compiled[alias] = _compile(example, alias, self._stand_ins)
        if compiled is None:
            return list(self._build(**values))
        return compiled.run(alias, values)  # type: ignore[no-any-return]


_UNKNOWN: Any = object()


class _Compiled:
    def __init__(
        self,
        model: type[Model],
        sql: str,
        params: list[Any],
        slots: list[tuple[int, str]],
        init: tuple[int, int, list[str]],
        annotations: dict[str, int],
        converters: _Converters,
    ) -> None:
        self.model, self.sql, self.params, self.slots = model, sql, params, slots
        self.init, self.annotations, self.converters = init, annotations, converters

    def run(self, alias: str, values: Mapping[str, Any]) -> list[Any]:
        params = list(self.params)
        for position, name in self.slots:
            params[position] = values[name]
        connection = connections[alias]
        with preparing_cursor(connection) as cursor:
            cursor.execute(self.sql, params)
            found = cursor.fetchall()
        start, end, attnames = self.init
        if self.converters:
            found = [_convert(list(row), self.converters, connection) for row in found]
        built = instances(self.model, alias, attnames, [row[start:end] for row in found])
        for name, position in self.annotations.items():
            for instance, row in zip(built, found, strict=True):
                setattr(instance, name, row[position])
        return built


def _compile(queryset: "QuerySet[Any]", alias: str, stand_ins: Mapping[str, Any]) -> _Compiled | None:
    """The SQL of ``queryset`` on ``alias`` with its stand-ins' slots, or None if it cannot be
    prepared (see ``Prepared``)."""
    if queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
        return None  # values(), prefetch_related: the queryset's own work
    compiler = queryset.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    slots = []
    for position, param in enumerate(params):
        for name, stand_in in stand_ins.items():
            if type(param) is type(stand_in) and param == stand_in:
                slots.append((position, name))
    klass_info = compiler.klass_info
    if (
        {name for _, name in slots} != set(stand_ins)
        or not klass_info
        or klass_info.get("related_klass_infos")
        or compiler.has_extra_select
    ):
        return None
    select = compiler.select
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    attnames = [column[0].target.attname for column in select[start:end]]
    converters = [
        (position, [(converter, expression) for converter in found])
        for position, (found, expression) in compiler.get_converters(
            [column[0] for column in select[: compiler.col_count]]
        ).items()
    ]
    return _Compiled(
        queryset.model,
        sql,
        list(params),
        slots,
        (start, end, attnames),
        dict(compiler.annotation_col_map or {}),
        converters,
    )
