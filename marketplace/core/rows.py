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

Only equality to any of a set of values is supported; anything else is a queryset's job.
The tests compare every loader built on this with the ORM (tests/marketplace/core/test_rows.py).
"""

from collections.abc import Collection, Mapping, Sequence
from typing import Any, TypeVar

from django.db import connections, router
from django.db.models import Model

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
        where.append(f"{table}.{quote(str(field.column))} IN ({', '.join(['%s'] * len(values))})")
        params += values
    sql = f"{select} WHERE {' AND '.join(where)}"
    if order_by:
        sql += " ORDER BY " + ", ".join(_order(table, quote, fields, name) for name in order_by)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters:
        rows = [_convert(list(row), converters, connection) for row in rows]
    return [model.from_db(alias, attnames, row) for row in rows]


def _order(table: str, quote: Any, fields: dict[str, Any], name: str) -> str:
    column = quote(str(fields[name.lstrip("-")].column))
    return f"{table}.{column} {'DESC' if name.startswith('-') else 'ASC'}"


def read_sql(
    model: type[Model], sql: str, params: Sequence[Any], columns: Sequence[str | None]
) -> list[list[Any]]:
    """The rows of a hand-written query on ``model``'s table(s), from the database the router
    chooses for ``model``; ``columns`` names, by position, the ``model`` attname whose
    conversion the ORM would apply to that column (None: none), e.g. SQLite's decimals."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        found = cursor.fetchall()
    _, attnames, converters = _select(model, alias)
    by_attname = dict(converters)
    wanted = [
        (position, by_attname[attnames.index(name)])
        for position, name in enumerate(columns)
        if name is not None and attnames.index(name) in by_attname
    ]
    if not wanted:
        return [list(row) for row in found]
    return [_convert(list(row), wanted, connection) for row in found]


def placeholders(values: Collection[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _convert(row: list[Any], converters: _Converters, connection: Any) -> list[Any]:
    for position, functions in converters:
        value = row[position]
        for converter, column in functions:
            value = converter(value, column, connection)
        row[position] = value
    return row
