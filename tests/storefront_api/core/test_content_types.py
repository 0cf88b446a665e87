"""Operations come only as application/json or as a preflighted GraphQL multipart request:
a page on another site can make a visitor's browser POST a form (urlencoded, multipart or
text/plain) without asking, and such a POST must run nothing."""

import json
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.accounts.models import User
from tests.conftest import ApiClient, client_for, error_codes

pytestmark = pytest.mark.django_db

REGISTER = (
    'mutation { accountRegister(input: {email: "nan@example.vn", password: "Gom-Bat-Trang-2025",'
    ' channel: "default-channel"}) { user { email } errors { code } } }'
)


def assert_refused(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert error_codes(response.json()) == [code]
    assert not User.objects.filter(email="nan@example.vn").exists()


def test_an_urlencoded_form_runs_nothing(seeded_channels):
    body = urlencode({"query": REGISTER})
    response = ApiClient().post("/graphql/", data=body, content_type="application/x-www-form-urlencoded")
    assert_refused(response, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_a_multipart_form_runs_nothing(seeded_channels):
    response = ApiClient().post("/graphql/", data={"query": REGISTER})  # multipart/form-data
    assert_refused(response, 400, "PREFLIGHT_REQUIRED")


@pytest.mark.parametrize("content_type", ["text/plain", "application/graphql", "application/xml", ""])
def test_other_content_types_run_nothing(seeded_channels, content_type):
    response = ApiClient().post("/graphql/", data=json.dumps({"query": REGISTER}), content_type=content_type)
    assert_refused(response, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_a_multipart_form_without_a_preflight_header_runs_nothing(seeded_channels):
    """A cross-site form with enctype="multipart/form-data", even shaped as a GraphQL
    multipart request, cannot carry the header."""
    operations = json.dumps(
        {"query": REGISTER.replace("mutation {", "mutation ($f: Upload) {"), "variables": {}}
    )
    response = ApiClient().post(
        "/graphql/",
        data={
            "operations": operations,
            "map": json.dumps({"0": ["variables.f"]}),
            "0": SimpleUploadedFile("a", b""),
        },
    )
    assert_refused(response, 400, "PREFLIGHT_REQUIRED")


@pytest.mark.parametrize(
    "header",
    [{"HTTP_APOLLO_REQUIRE_PREFLIGHT": "true"}, {"HTTP_X_APOLLO_OPERATION_NAME": "Register"}],
    ids=["apollo-require-preflight", "x-apollo-operation-name"],
)
def test_a_preflighted_multipart_request_runs(seeded_channels, header):
    operations = json.dumps({"query": REGISTER})
    response = ApiClient().post("/graphql/", data={"operations": operations, "map": "{}"}, **header)
    assert response.status_code == 200, response.content
    assert response.json()["data"]["accountRegister"]["errors"] == []
    assert User.objects.filter(email="nan@example.vn").exists()


def test_a_signed_in_multipart_request_runs(customer_user):
    """An Authorization header is not one a form can send either (every upload needs one)."""
    operations = json.dumps({"query": "{ me { email } }"})
    response = client_for(customer_user).post("/graphql/", data={"operations": operations, "map": "{}"})
    assert response.status_code == 200, response.content
    assert response.json()["data"] == {"me": {"email": "khach@example.vn"}}


def test_an_empty_preflight_header_does_not_count(seeded_channels):
    operations = json.dumps({"query": REGISTER})
    response = ApiClient().post(
        "/graphql/", data={"operations": operations, "map": "{}"}, HTTP_APOLLO_REQUIRE_PREFLIGHT=" "
    )
    assert_refused(response, 400, "PREFLIGHT_REQUIRED")


def test_a_post_takes_its_operation_from_the_body_only(seeded_channels):
    """A form could put the mutation in the action URL, with any body."""
    client = ApiClient()
    in_url = client.post(f"/graphql/?query={REGISTER}", data="{}", content_type="application/json")
    assert in_url.status_code == 400
    assert error_codes(in_url.json()) == ["BAD_REQUEST"]
    assert not User.objects.filter(email="nan@example.vn").exists()


def test_get_runs_queries_and_serves_graphiql(seeded_channels):
    client = ApiClient()
    query = client.get("/graphql/", {"query": '{ channel(slug: "default-channel") { slug } }'})
    assert query.status_code == 200
    assert query.json()["data"] == {"channel": {"slug": "default-channel"}}
    mutation = client.get("/graphql/", {"query": REGISTER})
    assert mutation.status_code == 405
    assert not User.objects.filter(email="nan@example.vn").exists()
    page = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and b"graphiql" in page.content.lower()


@pytest.mark.parametrize("header", ["apollo-require-preflight", "x-apollo-operation-name", "authorization"])
def test_a_storefront_origin_may_send_the_preflight_headers(settings, header):
    """The browser asks first (OPTIONS); the storefront's origin may send the headers."""
    settings.CORS_ALLOWED_ORIGINS = ["https://shop.example.vn"]
    response = ApiClient().options(
        "/graphql/",
        HTTP_ORIGIN="https://shop.example.vn",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=f"{header},content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://shop.example.vn"
    assert header in response["Access-Control-Allow-Headers"].split(", ")
    other = ApiClient().options(
        "/graphql/",
        HTTP_ORIGIN="https://evil.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=header,
    )
    assert "Access-Control-Allow-Origin" not in other
