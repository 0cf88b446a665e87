"""The execution's plans for the other fields (``LoaderExecutionContext.execute_field``): a field
with a resolver, arguments or an object type is resolved from a plan made once per request,
and its value completed directly when it is an object or a leaf; lists of objects are
completed breadth first (every object's field at once, the loaders dispatched once per level,
the lists of many parents as one batch); a single object completes its deferred (loading)
parts with futures.

Every answer and every error must be graphql-core's own, the reference being graphql-core's
executor given the same values without loaders (``Reference``): objects, nulls in nullable and
non-null places, exceptions raised and returned, objects of the wrong type, arguments from
variables and arguments that cannot be coerced, values still loading and values already
loaded, non-null errors inside deferred parts (which null the nearest nullable parent),
lists, interfaces and middleware."""

from types import SimpleNamespace

import graphene
import pytest
from graphql import ExecutionContext, execute, parse

from storefront_api.core.context import ChannelContext
from storefront_api.core.dataloaders import DataLoader, LoaderExecutionContext, _FieldPlan


class Reference(ExecutionContext):
    """graphql-core's executor; the resolvers answer with values instead of loading them."""


def glaze_of(kiln_id):
    return {1: "celadon", 2: "blue"}.get(kiln_id)


class GlazeByKilnLoader(DataLoader[int, str | None]):
    batches: list[list[int]] = []

    def batch_load(self, keys):
        type(self).batches.append(list(keys))
        return [glaze_of(key) for key in keys]


class Grams(graphene.Scalar):
    """Serialises a negative weight to null (as a custom scalar may)."""

    @staticmethod
    def serialize(value):
        return None if value < 0 else int(value)


class Marked(graphene.Interface):
    mark = graphene.String()


class Kiln(graphene.ObjectType):
    class Meta:
        interfaces = (Marked,)

    number = graphene.Int(required=True)
    village = graphene.String()

    @classmethod
    def is_type_of(cls, root, info):
        return getattr(root, "is_kiln", False)


class Price(graphene.ObjectType):
    amount = graphene.Float(required=True)
    currency = graphene.String(required=True)


class Maker(graphene.ObjectType):
    """No is_type_of: read by the default resolver, its fields are executed directly."""

    name = graphene.String()
    kiln_glaze = graphene.String(required=True)  # loaded; null for kiln 3

    @staticmethod
    def resolve_kiln_glaze(root, info):
        return Piece.resolve_glaze(root, info)


class Piece(graphene.ObjectType):
    name = graphene.String(required=True)
    kiln = graphene.Field(Kiln)  # default resolver, an object
    required_kiln = graphene.Field(Kiln, required=True)
    price = graphene.Field(Price)
    label = graphene.String(prefix=graphene.String(required=True), times=graphene.Int())
    glaze = graphene.String()  # loaded
    glaze_now = graphene.String()  # a future already done
    marked = graphene.Field(Marked)
    tags = graphene.List(graphene.String)
    wrapped_name = graphene.String()
    required_glaze = graphene.String(required=True)  # loaded; null for kiln 3
    maker = graphene.Field(Maker)
    weight = graphene.Field(Grams, required=True)
    weight_or_none = graphene.Field(Grams)

    @staticmethod
    def resolve_required_kiln(root, info):
        value = root.required_kiln
        if isinstance(value, Exception):
            raise value
        return value

    @staticmethod
    def resolve_label(root, info, prefix, times=1):
        if root.name == "boom":
            raise ValueError("label failed")
        return f"{prefix}{root.name}" * (1 if times is None else times)

    @staticmethod
    def resolve_glaze(root, info):
        if info.context.eager:
            return glaze_of(root.kiln_id)
        return GlazeByKilnLoader(info.context).load(root.kiln_id)

    @staticmethod
    def resolve_required_glaze(root, info):
        return Piece.resolve_glaze(root, info)

    @staticmethod
    def resolve_glaze_now(root, info):
        if info.context.eager:
            return f"primed {root.kiln_id}"
        loader = GlazeByKilnLoader(info.context)
        loader.prime(-root.kiln_id, f"primed {root.kiln_id}")
        return loader.load(-root.kiln_id)

    @staticmethod
    def resolve_marked(root, info):
        return root.kiln

    @staticmethod
    def resolve_weight(root, info):
        return root.weight

    @staticmethod
    def resolve_weight_or_none(root, info):
        return root.weight

    @staticmethod
    def resolve_wrapped_name(root, info):
        return ChannelContext(node=root, channel_slug="default-channel").node.name


class Shelf(graphene.ObjectType):
    label = graphene.String()
    pieces = graphene.List(graphene.NonNull(Piece), required=True)


class Query(graphene.ObjectType):
    pieces = graphene.List(Piece)
    shelves = graphene.List(Shelf)

    @staticmethod
    def resolve_pieces(root, info):
        return info.context.pieces

    @staticmethod
    def resolve_shelves(root, info):
        pieces = info.context.pieces
        return [SimpleNamespace(label=f"kệ {i}", pieces=pieces[i : i + 2]) for i in range(0, len(pieces), 2)]


SCHEMA = graphene.Schema(query=Query, types=[Kiln]).graphql_schema

DOCUMENT = parse(
    """
    query Pieces($prefix: String!, $times: Int) {
      pieces {
        name
        kiln { number village mark }
        requiredKiln { number }
        price { amount currency }
        label(prefix: $prefix, times: $times)
        short: label(prefix: "~")
        glaze
        glazeNow
        marked { mark ... on Kiln { number } }
        tags
        wrappedName
        weight
        weightOrNone
      }
    }
    """
)


def kiln(number, village="Bát Tràng", *, is_kiln=True):
    return SimpleNamespace(number=number, village=village, mark=f"K{number}", is_kiln=is_kiln)


def piece(name, **values):
    defaults = {
        "kiln": kiln(1),
        "required_kiln": kiln(2),
        "price": SimpleNamespace(amount=350000.5, currency="VND"),
        "kiln_id": 1,
        "tags": ["men lam", None],
        "weight": 850,
        "maker": SimpleNamespace(name="Cô Lan", kiln_id=values.get("kiln_id", 1)),
    }
    return SimpleNamespace(name=name, **{**defaults, **values})


PIECES = {
    "ordinary": piece("Bình"),
    "no kiln": piece("Bát", kiln=None, kiln_id=3),
    "kiln of the wrong type": piece("Chén", kiln=kiln(4, is_kiln=False)),
    "required kiln null": piece("Đĩa", required_kiln=None),
    "required kiln raises": piece("Lọ", required_kiln=RuntimeError("kiln fell")),
    "kiln is an exception": piece("Ấm", kiln=LookupError("kiln lost")),
    "price without currency": piece("Tách", price=SimpleNamespace(amount=1.0, currency=None)),
    "price of the wrong kind": piece("Hũ", price=SimpleNamespace(amount="cheap", currency="VND")),
    "resolver raises": piece("boom"),
    "tags not a list": piece("Bình vôi", tags=7),
    "second kiln": piece("Chum", kiln_id=2),
    "weight the scalar refuses": piece("Vò", weight=-1),
}


def run(context_class, pieces, variables=None, middleware=None, document=DOCUMENT):
    GlazeByKilnLoader.batches = []
    result = execute(
        SCHEMA,
        document,
        context_value=SimpleNamespace(pieces=pieces, eager=context_class is Reference),
        variable_values={"prefix": "» ", "times": 2} if variables is None else variables,
        execution_context_class=context_class,
        middleware=middleware,
    )
    errors = sorted((error.message, tuple(error.path or ())) for error in result.errors or [])
    return result.data, errors, GlazeByKilnLoader.batches


@pytest.mark.parametrize("case", list(PIECES))
def test_each_case_gets_the_ordinary_paths_answer_and_errors(case):
    assert run(LoaderExecutionContext, [PIECES[case]])[:2] == run(Reference, [PIECES[case]])[:2]


def test_a_page_of_every_case_gets_the_ordinary_paths_answer_and_errors():
    pieces = list(PIECES.values())
    data, errors, batches = run(LoaderExecutionContext, pieces)
    assert (data, errors) == run(Reference, pieces)[:2]
    first = data["pieces"][0]
    assert first["kiln"] == {"number": 1, "village": "Bát Tràng", "mark": "K1"}
    assert first["label"] == "» Bình» Bình" and first["short"] == "~Bình"
    assert first["glaze"] == "celadon" and first["glazeNow"] == "primed 1"
    assert first["marked"] == {"mark": "K1", "number": 1}
    assert first["wrappedName"] == "Bình" and first["weight"] == 850 == first["weightOrNone"]
    assert batches == [[1, 3, 2]]  # one batch for every piece's kiln; the primed ones none
    by_name = {p["name"]: p for p in data["pieces"] if p}
    assert by_name["Bát"]["kiln"] is None and by_name["Bát"]["glaze"] is None
    assert by_name["Tách"]["price"] is None  # a null currency (non-null) nulls the price
    assert by_name["boom"]["label"] is None and by_name["boom"]["name"] == "boom"
    assert by_name["Bình vôi"]["tags"] is None
    assert len(data["pieces"]) == len(PIECES) and data["pieces"][3] is None  # requiredKiln null
    assert data["pieces"][-1] is None  # weight: null from a non-null scalar nulls the piece
    messages = dict(errors)
    assert "kiln fell" in messages and "kiln lost" in messages and "label failed" in messages
    assert any("Expected value of type 'Kiln'" in message for message in messages)


DEFERRED_NON_NULL = parse(
    """
    {
      pieces { name glaze requiredGlaze kiln { number } }
      makers: pieces { name maker { name kilnGlaze } }
      shelves { label pieces { name requiredGlaze glazeNow } }
    }
    """
)


def test_a_non_null_error_in_a_loaded_value_nulls_the_nearest_nullable_parent():
    pieces = [PIECES["ordinary"], PIECES["no kiln"], PIECES["second kiln"], PIECES["ordinary"]]
    data, errors, batches = run(LoaderExecutionContext, pieces, document=DEFERRED_NON_NULL)
    assert (data, errors) == run(Reference, pieces, document=DEFERRED_NON_NULL)[:2]
    assert batches == [[1, 3, 2]]
    assert data["pieces"][1] is None  # its requiredGlaze loaded null: the piece is null
    assert data["pieces"][2]["requiredGlaze"] == "blue"
    assert data["makers"][1] == {"name": "Bát", "maker": None}  # the maker's kilnGlaze loaded null
    assert data["makers"][2]["maker"] == {"name": "Cô Lan", "kilnGlaze": "blue"}
    # a shelf's list of non-null pieces: the whole shelf's list fails, and the shelf with it
    assert data["shelves"][0] is None and data["shelves"][1]["label"] == "kệ 2"
    assert (
        "Cannot return null for non-nullable field Piece.requiredGlaze.",
        ("pieces", 1, "requiredGlaze"),
    ) in errors
    assert (
        "Cannot return null for non-nullable field Piece.requiredGlaze.",
        ("shelves", 0, "pieces", 1, "requiredGlaze"),
    ) in errors


def test_arguments_from_variables_and_their_defaults():
    pieces = [PIECES["ordinary"], PIECES["second kiln"]]
    for variables in ({"prefix": "#", "times": None}, {"prefix": "#"}, {"prefix": "", "times": 3}):
        data, errors, _ = run(LoaderExecutionContext, pieces, variables)
        assert (data, errors) == run(Reference, pieces, variables)[:2]
        assert errors == []
    data, _, _ = run(LoaderExecutionContext, pieces, {"prefix": "", "times": 3})
    assert [p["label"] for p in data["pieces"]] == ["BìnhBìnhBình", "ChumChumChum"]


def test_an_argument_that_cannot_be_coerced_is_an_error_at_each_object():
    document = parse('{ pieces { name label(prefix: "x", times: "many") } }')  # executed unvalidated
    pieces = [PIECES["ordinary"], PIECES["second kiln"]]
    data, errors, _ = run(LoaderExecutionContext, pieces, document=document)
    assert (data, errors) == run(Reference, pieces, document=document)[:2]
    assert [path for _, path in errors] == [("pieces", 0, "label"), ("pieces", 1, "label")]
    assert data["pieces"][0] == {"name": "Bình", "label": None}


def test_a_middleware_sees_every_field_and_changes_what_it_returns():
    seen = []

    def spy(next_, root, info, **args):
        seen.append(info.field_name)
        value = next_(root, info, **args)
        return value.upper() if info.field_name == "label" else value

    pieces = [PIECES["ordinary"]]
    data, errors, _ = run(LoaderExecutionContext, pieces, middleware=[spy])
    ordinary_seen, seen[:] = list(seen), []
    assert (data, errors) == run(Reference, pieces, middleware=[spy])[:2]
    assert sorted(seen) == sorted(ordinary_seen) and "number" in seen and "label" in seen
    assert data["pieces"][0]["label"] == "» BÌNH» BÌNH"


def test_a_plan_is_made_once_per_field_of_the_document_per_request(monkeypatch):
    made = []
    original = _FieldPlan.__init__

    def counting(self, context, field_def, node):
        made.append(node.name.value)
        original(self, context, field_def, node)

    monkeypatch.setattr(_FieldPlan, "__init__", counting)
    pieces = list(PIECES.values())
    run(LoaderExecutionContext, pieces)
    assert sorted(made) == sorted(set(made)) or made.count("label") == 2  # label appears twice
    assert made.count("kiln") == 1 and made.count("label") == 2  # per node, not per piece
    made.clear()
    run(LoaderExecutionContext, pieces)
    assert made.count("kiln") == 1  # a new request makes its own plans (its own variables)


def test_the_lists_of_many_parents_load_in_one_batch_and_answer_as_graphql_core():
    document = parse("{ shelves { label pieces { name glaze maker { kilnGlaze } kiln { number } } } }")
    pieces = [
        piece("Bình", kiln_id=1),
        piece("Bát", kiln_id=2),
        piece("Chén", kiln_id=1),
        piece("Đĩa", kiln_id=2),
        piece("Lọ", kiln_id=1),
    ]
    data, errors, batches = run(LoaderExecutionContext, pieces, document=document)
    assert (data, errors) == run(Reference, pieces, document=document)[:2]
    assert errors == [] and batches == [[1, 2]]  # every shelf's pieces, every maker: one batch
    assert [[p["glaze"] for p in shelf["pieces"]] for shelf in data["shelves"]] == [
        ["celadon", "blue"],
        ["celadon", "blue"],
        ["celadon"],
    ]
    assert data["shelves"][2]["pieces"][0]["maker"] == {"kilnGlaze": "celadon"}


def test_aliases_fragments_directives_and_typename_in_list_items_answer_as_graphql_core():
    document = parse(
        """
        query Shelves($withKiln: Boolean!) {
          shelves {
            __typename
            label
            first: pieces { ...Card }
            again: pieces { name kiln @include(if: $withKiln) { village } }
            pieces { name @skip(if: $withKiln) kiln { ... on Kiln { number } } }
          }
        }
        fragment Card on Piece { __typename name glaze kiln { number mark } label(prefix: "#") }
        """
    )
    pieces = list(PIECES.values())
    for flag in (True, False):
        variables = {"withKiln": flag}
        data, errors, _ = run(LoaderExecutionContext, pieces, variables, document=document)
        assert (data, errors) == run(Reference, pieces, variables, document=document)[:2]
        shelf = data["shelves"][0]
        assert shelf["__typename"] == "Shelf" and shelf["first"][0]["__typename"] == "Piece"
        assert ("kiln" in shelf["again"][0]) is flag and ("name" in shelf["pieces"][0]) is not flag


def test_the_whole_introspection_of_the_api_answers_as_graphql_core():
    from graphql import get_introspection_query

    from storefront_api.schema import schema

    document = parse(get_introspection_query(descriptions=True))
    ours = execute(
        schema.graphql_schema,
        document,
        context_value=SimpleNamespace(),
        execution_context_class=LoaderExecutionContext,
    )
    reference = execute(schema.graphql_schema, document, execution_context_class=Reference)
    assert ours.errors is None and ours.data == reference.data
    assert len(ours.data["__schema"]["types"]) > 300
