"""A small HTTP client for the servers the tests/scale tests start (urllib, no session):
GraphQL POSTs with optional token and headers, and an adapter with the Django test
client's ``post``/``graphql`` shape, so the checkout helpers run over real HTTP."""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any


def send(
    url: str,
    body: dict[str, Any] | None = None,
    *,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, Any], dict[str, str]]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw, received = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, received = error.code, error.read(), error.headers
    try:
        content = json.loads(raw)
    except ValueError:
        content = {"raw": raw[:500].decode(errors="replace")}
    return status, content, {name.lower(): value for name, value in received.items()}


def graphql(
    base: str,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any], dict[str, str]]:
    extra = dict(headers or {})
    if token:
        extra["Authorization"] = f"Bearer {token}"
    return send(f"{base}/graphql/", {"query": query, "variables": variables or {}}, headers=extra)


@dataclass
class Response:
    status_code: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> dict[str, Any]:
        return self.body

    @property
    def content(self) -> bytes:
        return json.dumps(self.body).encode()


class HttpApiClient:
    """``tests.conftest.ApiClient``'s interface over real HTTP to ``base``."""

    def __init__(self, base: str, token: str | None = None, headers: dict[str, str] | None = None) -> None:
        self.base = base
        self.token = token
        self.headers = dict(headers or {})

    def post(self, path: str, data: str, content_type: str = "application/json", **extra: Any) -> Response:
        headers = {"Content-Type": content_type, **self.headers}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(f"{self.base}{path}", data=data.encode(), headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, raw, received = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, raw, received = error.code, error.read(), error.headers
        return Response(status, json.loads(raw), {k.lower(): v for k, v in received.items()})

    def post_graphql(self, query: str, variables: dict[str, Any] | None = None, **extra: Any) -> Response:
        body = {"query": query, **({"variables": variables} if variables is not None else {})}
        return self.post("/graphql/", json.dumps(body))

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.post_graphql(query, variables)
        assert response.status_code == 200, response.body
        return response.json()
