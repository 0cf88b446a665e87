"""The execution's fast path for plain fields (``LoaderExecutionContext.execute_field``): a
scalar or enum read by graphene's default resolver is answered without graphql-core's
per-field machinery, with exactly the answer and the errors the ordinary path gives."""

from types import SimpleNamespace

import graphene
import pytest
from graphql import execute, parse
from graphql_sync_dataloaders import DeferredExecutionContext

from storefront_api.core.dataloaders import LoaderExecutionContext


class Glaze(graphene.Enum):
    CELADON = "celadon"
    BLUE = "blue"


class Piece(graphene.ObjectType):
    name = graphene.String(required=True)
    nickname = graphene.String()
    price = graphene.Float()
    units = graphene.Int()
    glaze = graphene.Field(Glaze)
    fired = graphene.Boolean(default_value=True)
    shouted = graphene.String()

    @staticmethod
    def resolve_shouted(root, info):
        return root.name.upper()


class Query(graphene.ObjectType):
    pieces = graphene.List(Piece)
    piece = graphene.Field(Piece, required=True)

    @staticmethod
    def resolve_pieces(root, info):
        return info.context.pieces

    @staticmethod
    def resolve_piece(root, info):
        return info.context.pieces[0]


class Ordinary(LoaderExecutionContext):
    """The same execution without the fast path: every field through graphql-core."""

    execute_field = DeferredExecutionContext.execute_field


SCHEMA = graphene.Schema(query=Query).graphql_schema
DOCUMENT = parse("{ pieces { name nickname price units glaze fired shouted } }")

PIECES = [
    SimpleNamespace(
        name="Bình", nickname=None, price=350000.5, units=3, glaze="celadon"
    ),  # fired: the default
    {"name": "Bát", "nickname": "bát cơm", "price": 45000, "units": 0, "glaze": Glaze.BLUE, "fired": False},
    SimpleNamespace(name=None, nickname=None, price=1.0, units=1, glaze=None, fired=None),  # null for String!
    SimpleNamespace(name="Chén", nickname=7, price="cheap", units=2**40, glaze="porcelain", fired=1),
    SimpleNamespace(
        name="Đĩa", nickname=ValueError("no nickname"), price=None, units=None, glaze=None, fired=0
    ),
]


def run(context_class, pieces, middleware=None):
    result = execute(
        SCHEMA,
        DOCUMENT,
        context_value=SimpleNamespace(pieces=pieces),
        execution_context_class=context_class,
        middleware=middleware,
    )
    errors = sorted((error.message, tuple(error.path or ())) for error in result.errors or [])
    return result.data, errors


@pytest.mark.parametrize("index", range(len(PIECES)))
def test_each_value_gets_the_ordinary_paths_answer(index):
    expected = run(Ordinary, [PIECES[index]])
    assert run(LoaderExecutionContext, [PIECES[index]]) == expected


def test_the_answers_and_errors_of_a_mixed_list_are_the_ordinary_paths():
    data, errors = run(LoaderExecutionContext, PIECES)
    assert (data, errors) == run(Ordinary, PIECES)
    assert data["pieces"][0] == {
        "name": "Bình",
        "nickname": None,
        "price": 350000.5,
        "units": 3,
        "glaze": "CELADON",
        "fired": True,
        "shouted": "BÌNH",
    }
    assert data["pieces"][1]["glaze"] == "BLUE" and data["pieces"][1]["fired"] is False
    assert data["pieces"][2] is None  # a null name (non-null) nulls the piece, with an error
    assert ("Cannot return null for non-nullable field Piece.name.", ("pieces", 2, "name")) in errors
    assert data["pieces"][3]["units"] is None  # 2**40 is no Int: an error at the field
    assert any(path == ("pieces", 3, "units") for _, path in errors)
    assert any(path == ("pieces", 3, "price") for _, path in errors)  # "cheap" is no Float
    assert ("no nickname", ("pieces", 4, "nickname")) in errors  # an exception as a value
    fast = {
        name
        for (parent, name), plan in LoaderExecutionContext._plain.items()
        if parent.name == "Piece" and plan
    }
    assert fast == {"name", "nickname", "price", "units", "glaze", "fired"}  # not the resolver's "shouted"


def test_a_middleware_still_sees_every_field():
    seen = []

    def spy(next_, root, info, **args):
        seen.append(info.field_name)
        return next_(root, info, **args)

    data, errors = run(LoaderExecutionContext, PIECES[:1], middleware=[spy])
    assert errors == [] and data["pieces"][0]["name"] == "Bình"
    assert sorted(seen) == sorted(
        ["pieces", "name", "nickname", "price", "units", "glaze", "fired", "shouted"]
    )
