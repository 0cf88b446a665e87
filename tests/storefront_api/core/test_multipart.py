"""GraphQL multipart requests: ``parse_multipart`` puts each file at its variables path,
and the ``Upload`` scalar hands the file to the resolver."""

import json
from typing import Any

import graphene
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import path
from graphene_django.views import HttpError
from graphql import GraphQLError, Undefined

from storefront_api.core.upload import MultipartError, MultipartTooLarge, Upload, parse_multipart
from storefront_api.views import StorefrontGraphQLView


def multipart_request(operations: Any, file_map: Any, files: dict[str, bytes]) -> HttpRequest:
    data: dict[str, Any] = {
        "operations": operations if isinstance(operations, str) else json.dumps(operations),
        "map": file_map if isinstance(file_map, str) else json.dumps(file_map),
    }
    data.update({key: SimpleUploadedFile(f"{key}.bin", content) for key, content in files.items()})
    return RequestFactory().post("/graphql/", data=data)


def content(file: UploadedFile) -> bytes:
    file.seek(0)
    return file.read()


MUTATION = "mutation ($input: LogoInput!) { upload(input: $input) { size } }"


def test_a_file_goes_to_a_nested_path():
    operations = {"query": MUTATION, "variables": {"input": {"name": "Gốm Bát Tràng", "logo": None}}}

    parsed = parse_multipart(multipart_request(operations, {"0": ["variables.input.logo"]}, {"0": b"logo"}))

    assert parsed["query"] == MUTATION
    assert parsed["variables"]["input"]["name"] == "Gốm Bát Tràng"
    assert isinstance(parsed["variables"]["input"]["logo"], UploadedFile)
    assert content(parsed["variables"]["input"]["logo"]) == b"logo"


def test_files_go_to_list_items_and_one_file_to_several_paths():
    operations = {"query": "{ x }", "variables": {"files": [None, None], "cover": None, "same": None}}
    file_map = {
        "a": ["variables.files.0"],
        "b": ["variables.files.1", "variables.cover"],
        "c": ["variables.same"],
    }

    parsed = parse_multipart(multipart_request(operations, file_map, {"a": b"A", "b": b"B", "c": b"C"}))

    variables = parsed["variables"]
    assert [content(f) for f in variables["files"]] == [b"A", b"B"]
    assert variables["cover"] is variables["files"][1]
    assert content(variables["same"]) == b"C"


def test_a_request_without_files_keeps_its_operations():
    operations = {"query": "{ shop { name } }", "variables": {}, "operationName": None}

    assert parse_multipart(multipart_request(operations, {}, {})) == operations


@pytest.mark.parametrize(
    ("operations", "file_map", "message"),
    [
        ("{not json", {"0": ["variables.file"]}, "'operations' is not valid JSON"),
        ({"query": "{ x }", "variables": {"file": None}}, "[oops", "'map' is not valid JSON"),
        ([{"query": "{ x }", "variables": {"file": None}}], {"0": ["0.variables.file"]}, "batched"),
        ({"query": "{ x }", "variables": {"file": None}}, ["variables.file"], "'map' must be a JSON object"),
        ({"query": "{ x }", "variables": {"file": None}}, {"0": "variables.file"}, "list of 1 to 10 paths"),
        ({"query": "{ x }", "variables": {"file": None}}, {"0": []}, "list of 1 to 10 paths"),
        (
            {"query": "{ x }", "variables": {"file": None}},
            {"1": ["variables.file"]},
            "file '1', which was not sent",
        ),
        ({"query": "{ x }", "variables": {"file": None}}, {"0": ["query"]}, "files go in 'variables.<name>'"),
        (
            {"query": "{ x }", "variables": {"file": None}},
            {"0": ["variables"]},
            "files go in 'variables.<name>'",
        ),
        ({"query": "{ x }", "variables": {"file": None}}, {"0": [7]}, "Bad path 7"),
        (
            {"query": "{ x }", "variables": {"input": {}}},
            {"0": ["variables.input.missing.logo"]},
            "'variables.input.missing' is missing",
        ),
        ({"query": "{ x }"}, {"0": ["variables.file"]}, "'variables' is missing"),
        (
            {"query": "{ x }", "variables": {"files": [None]}},
            {"0": ["variables.files.1"]},
            "no list item '1'",
        ),
        (
            {"query": "{ x }", "variables": {"files": [None]}},
            {"0": ["variables.files.x"]},
            "no list item 'x'",
        ),
        (
            {"query": "{ x }", "variables": {"files": [None]}},
            {"0": ["variables.files.-1"]},
            "no list item '-1'",
        ),
        ({"query": "{ x }", "variables": {"n": 1}}, {"0": ["variables.n.logo"]}, "'variables.n' is missing"),
    ],
)
def test_malformed_requests_are_refused_with_a_clear_message(operations, file_map, message):
    request = multipart_request(operations, file_map, {"0": b"file"})

    with pytest.raises(MultipartError, match=message.replace("(", r"\(").replace(".", r"\.")) as excinfo:
        parse_multipart(request)

    assert excinfo.value.status == 400
    assert isinstance(excinfo.value, ValueError)


def test_missing_form_fields_are_refused():
    request = RequestFactory().post("/graphql/", data={"map": "{}"})

    with pytest.raises(MultipartError, match="no 'operations' field"):
        parse_multipart(request)


def test_too_many_files_are_refused(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = {str(i): b"x" for i in range(3)}
    request = multipart_request({"query": "{ x }", "variables": {}}, {}, files)

    with pytest.raises(MultipartError, match="Malformed multipart request") as excinfo:
        parse_multipart(request)

    assert excinfo.value.status == 400


def test_an_over_limit_request_is_refused_before_it_is_parsed(settings):
    settings.UPLOAD_REQUEST_MAX_BYTES = 1000
    request = multipart_request(
        {"query": "{ x }", "variables": {"f": None}}, {"0": ["variables.f"]}, {"0": b"x" * 2000}
    )

    with pytest.raises(MultipartTooLarge) as excinfo:
        parse_multipart(request)

    assert excinfo.value.status == 413
    assert not hasattr(request, "_files")  # the body was never parsed


def test_upload_scalar_passes_files_and_refuses_anything_else():
    file = SimpleUploadedFile("a.jpg", b"x")

    assert Upload.parse_value(file) is file
    with pytest.raises(GraphQLError):
        Upload.parse_value("a.jpg")
    assert Upload.parse_literal(None) is Undefined
    with pytest.raises(GraphQLError):
        Upload.serialize(file)


# ---------------------------------------------------------------- end to end, through the GraphQL view


class LogoInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    logo = Upload(required=True)
    gallery = graphene.List(graphene.NonNull(Upload))


class UploadLogo(graphene.Mutation):
    class Arguments:
        input = LogoInput(required=True)

    size = graphene.Int()
    head = graphene.String()
    gallery_sizes = graphene.List(graphene.Int)

    @staticmethod
    def mutate(root: Any, info: Any, input: dict[str, Any]) -> "UploadLogo":
        logo = input["logo"]
        return UploadLogo(
            size=logo.size,
            head=content(logo)[:4].decode(),
            gallery_sizes=[f.size for f in input.get("gallery") or []],
        )


class Query(graphene.ObjectType):
    ok = graphene.Boolean(default_value=True)


class Mutation(graphene.ObjectType):
    upload = UploadLogo.Field()


class MultipartGraphQLView(StorefrontGraphQLView):
    """The hook the project's view gets (storefront_api/views.py), on a test-only schema."""

    def parse_body(self, request: HttpRequest) -> Any:
        if request.content_type == "multipart/form-data":
            try:
                return parse_multipart(request)
            except MultipartError as error:
                raise HttpError(HttpResponse(status=error.status), error.message) from error
        return super().parse_body(request)

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        if isinstance(error, HttpError) and isinstance(error.__cause__, MultipartError):
            return {"message": error.message, "extensions": {"exception": {"code": error.__cause__.code}}}
        return StorefrontGraphQLView.format_error(error)


urlpatterns = [
    path("graphql/", MultipartGraphQLView.as_view(schema=graphene.Schema(query=Query, mutation=Mutation))),
]

# What apollo-upload-client users add (Apollo's CSRF prevention); a signed-in client's
# Authorization header does the same (tests/storefront_api/artisan/test_media.py).
PREFLIGHT = {"HTTP_APOLLO_REQUIRE_PREFLIGHT": "true"}
E2E_MUTATION = "mutation ($input: LogoInput!) { upload(input: $input) { size head gallerySizes } }"


@pytest.mark.urls(__name__)
def test_a_multipart_request_runs_the_mutation_with_its_files(client):
    operations = {
        "query": E2E_MUTATION,
        "variables": {"input": {"name": "Lụa Vạn Phúc", "logo": None, "gallery": [None, None]}},
    }
    file_map = {
        "0": ["variables.input.logo"],
        "1": ["variables.input.gallery.0"],
        "2": ["variables.input.gallery.1"],
    }

    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps(file_map),
            "0": SimpleUploadedFile("logo.png", b"LOGO rest"),
            "1": SimpleUploadedFile("a.jpg", b"12"),
            "2": SimpleUploadedFile("b.jpg", b"123"),
        },
        **PREFLIGHT,
    )

    assert response.status_code == 200, response.content
    assert response.json()["data"] == {"upload": {"size": 9, "head": "LOGO", "gallerySizes": [2, 3]}}
    assert "errors" not in response.json()


@pytest.mark.urls(__name__)
def test_a_file_cannot_be_sent_as_a_string_variable(client):
    operations = {"query": E2E_MUTATION, "variables": {"input": {"name": "x", "logo": "/etc/passwd"}}}

    response = client.post("/graphql/", data={"operations": json.dumps(operations), "map": "{}"}, **PREFLIGHT)

    body = response.json()
    assert body.get("data") is None
    assert "Upload must be a file" in body["errors"][0]["message"]


@pytest.mark.urls(__name__)
def test_a_malformed_multipart_request_is_a_400_with_a_clear_error(client):
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps({"query": E2E_MUTATION, "variables": {"input": {}}}),
            "map": json.dumps({"0": ["variables.input.logo"]}),
        },
        **PREFLIGHT,
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [
            {
                "message": "'map' refers to file '0', which was not sent.",
                "extensions": {"exception": {"code": "INVALID_MULTIPART_REQUEST"}},
            }
        ]
    }


@pytest.mark.urls(__name__)
def test_an_over_limit_multipart_request_is_a_413(client, settings):
    settings.UPLOAD_REQUEST_MAX_BYTES = 1000
    operations = {"query": E2E_MUTATION, "variables": {"input": {"name": "x", "logo": None}}}

    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.logo"]}),
            "0": SimpleUploadedFile("a.jpg", b"x" * 5000),
        },
        **PREFLIGHT,
    )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "REQUEST_TOO_LARGE"
