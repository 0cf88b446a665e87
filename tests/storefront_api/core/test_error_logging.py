"""Every response carrying GraphQL errors leaves one WARNING naming the operation and each
error's code and path (or document location), so that a run of a storefront against the API
can be checked for errors from the server's log alone; never the messages or the variables,
which may quote what a buyer typed."""

import json
import logging

import pytest

from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def warnings_of(caplog) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "storefront_api" and r.levelno == logging.WARNING
    ]


def post(client: ApiClient, body: dict):
    return client.post("/graphql/", data=json.dumps(body), content_type="application/json")


def test_a_document_the_schema_refuses_is_logged_with_its_operation_and_location(caplog, seeded_channels):
    query = 'query ProductPage {\n  product(slug: "x", channel: "default-channel") { noSuchField }\n}'
    with caplog.at_level(logging.WARNING, logger="storefront_api"):
        response = post(ApiClient(), {"query": query, "operationName": "ProductPage"})
    assert response.status_code == 400
    assert warnings_of(caplog) == [
        "GraphQL errors (HTTP 400) in operation ProductPage: GRAPHQL_VALIDATION_FAILED at 2:52"
    ]


def test_an_error_of_a_field_is_logged_with_its_code_and_path(caplog, seeded_channels):
    query = 'query Many { products(channel: "default-channel", first: 1000) { edges { node { id } } } }'
    with caplog.at_level(logging.WARNING, logger="storefront_api"):
        response = post(ApiClient(), {"query": query})  # no operationName: read from the document
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "PAGINATION_ERROR"
    assert warnings_of(caplog) == [
        "GraphQL errors (HTTP 200) in operation Many: PAGINATION_ERROR at products"
    ]


def test_a_request_refused_before_it_is_read_is_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="storefront_api"):
        response = ApiClient().post("/graphql/", data="{ shop { name } }", content_type="text/plain")
    assert response.status_code == 415
    assert warnings_of(caplog) == ["GraphQL errors (HTTP 415) in operation -: UNSUPPORTED_MEDIA_TYPE"]


def test_what_a_person_typed_never_reaches_the_log(caplog, seeded_channels):
    """graphql-core's message quotes the refused variable value; the log line does not."""
    query = (
        "query ($field: ProductOrderField!) {\n"
        '  products(channel: "default-channel", first: 1, sortBy: {field: $field, direction: ASC}) {'
        " totalCount }\n}"
    )
    email = "lan.nguyen@example.vn"
    with caplog.at_level(logging.DEBUG):
        response = post(ApiClient(), {"query": query, "variables": {"field": email}})
    assert response.status_code == 400
    assert email in response.json()["errors"][0]["message"]
    assert warnings_of(caplog) == [
        "GraphQL errors (HTTP 400) in operation anonymous: GRAPHQL_VALIDATION_FAILED at 1:8"
    ]
    assert not any(email in record.getMessage() for record in caplog.records)


def test_an_answer_without_errors_logs_nothing(caplog, seeded_channels):
    with caplog.at_level(logging.WARNING, logger="storefront_api"):
        response = post(
            ApiClient(), {"query": '{ products(channel: "default-channel", first: 1) { totalCount } }'}
        )
    assert response.status_code == 200
    assert "errors" not in response.json()
    assert warnings_of(caplog) == []
