"""Shared fixtures: the real PostgreSQL (via pytest-django), API clients, the catalogue."""

import json
from typing import Any

import pytest
from django.test import Client

from tests.factories import seeded_channels  # noqa: F401 (fixture)


class ApiClient(Client):
    """A Django test client that speaks GraphQL at ``/graphql/``."""

    def post_graphql(self, query: str, variables: dict[str, Any] | None = None, **extra: Any):
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return self.post("/graphql/", data=json.dumps(body), content_type="application/json", **extra)

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Post and return the decoded body, asserting the request did not fail at HTTP level."""
        response = self.post_graphql(query, variables)
        assert response.status_code == 200, response.content
        return response.json()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Every file a test writes lands under pytest's tmp_path, removed by pytest."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_URL = "/media/"
    return settings.MEDIA_ROOT


@pytest.fixture
def api_client() -> ApiClient:
    return ApiClient()


def data(content: dict[str, Any]) -> dict[str, Any]:
    """The ``data`` of a GraphQL response that must have no top-level errors."""
    assert "errors" not in content, content["errors"]
    return content["data"]


def error_codes(content: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("exception", {}).get("code") for e in content.get("errors", [])]


CONTRACT_DIR = (
    __import__("pathlib").Path(__file__).resolve().parents[2] / "shared" / "contract" / "storefront"
)


def contract_document(name: str) -> str:
    """The text of a contract document, e.g. ``contract_document("catalog")``."""
    return (CONTRACT_DIR / f"{name}.graphql").read_text()


def run_operation(
    client: ApiClient, document: str, operation: str, variables: dict[str, Any]
) -> dict[str, Any]:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": document, "operationName": operation, "variables": variables}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()
