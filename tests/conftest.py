"""Shared fixtures: the real PostgreSQL (via pytest-django), API clients, the catalogue."""

import json
from typing import Any

import pytest
from django.test import Client, TestCase

from tests.factories import UserFactory, VendorFactory, seeded_channels  # noqa: F401 (fixture)

pytest_plugins = ["tests.s3"]


class ApiClient(Client):
    """A Django test client that speaks GraphQL at ``/graphql/``, as ``token``'s holder."""

    def __init__(self, token: str | None = None, **defaults: Any) -> None:
        super().__init__(**defaults)
        self.token = token

    def post_graphql(self, query: str, variables: dict[str, Any] | None = None, **extra: Any):
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables  # type: ignore[assignment]
        return self.post("/graphql/", data=json.dumps(body), content_type="application/json", **extra)

    def post(self, *args: Any, **kwargs: Any):
        """Each request ends as if its transaction committed: on_commit work (emails,
        tasks) runs, although the test's own transaction is rolled back afterwards."""
        if self.token and "HTTP_AUTHORIZATION" not in kwargs:
            kwargs["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().post(*args, **kwargs)

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Post and return the decoded body, asserting the request did not fail at HTTP level."""
        response = self.post_graphql(query, variables)
        assert response.status_code == 200, response.content
        return response.json()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every file a test writes lands under pytest's tmp_path, removed by pytest."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_URL = "/media/"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clean_cache() -> None:
    """Rate-limit and throttling counters live in the cache (Redis): every test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language() -> Any:
    """Every test starts and ends in the project's default language: a request through
    LocaleMiddleware leaves its language active in the thread, which must not leak into the
    next test's direct service calls."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def api_client() -> ApiClient:
    return ApiClient()


def client_for(user, **defaults: Any) -> ApiClient:
    from marketplace.accounts.tokens import create_access_token

    return ApiClient(token=create_access_token(user), **defaults)


@pytest.fixture
def customer_user(db):
    return UserFactory(email="khach@example.vn")


@pytest.fixture
def customer_api_client(customer_user) -> ApiClient:
    return client_for(customer_user)


@pytest.fixture
def staff_user(db):
    """A staff member with no permission at all (tests grant what they need)."""
    return UserFactory(email="nhanvien@langnghe.vn", is_staff=True)


@pytest.fixture
def staff_api_client(staff_user) -> ApiClient:
    return client_for(staff_user)


def grant(user, *permissions):
    """Put ``user`` in a fresh permission group holding ``permissions``."""
    from marketplace.accounts.models import Group
    from marketplace.accounts.permissions import permission_objects

    group = Group.objects.create(name=f"group-{user.pk}-{Group.objects.count()}")
    group.permissions.set(permission_objects(list(permissions)))
    group.user_set.add(user)
    user.__dict__.pop("_marketplace_permissions", None)
    return group


@pytest.fixture
def vendor_member(db):
    """The OWNER of an ACTIVE vendor."""
    from vendors.shops.models import VendorMember, VendorMemberRole

    user = UserFactory(email="nghenhan@example.vn")
    VendorMember.objects.create(vendor=VendorFactory(), user=user, role=VendorMemberRole.OWNER)
    return user


@pytest.fixture
def vendor_api_client(vendor_member) -> ApiClient:
    return client_for(vendor_member)


def data(content: dict[str, Any]) -> dict[str, Any]:
    """The ``data`` of a GraphQL response that must have no top-level errors."""
    assert "errors" not in content, content["errors"]
    return content["data"]


def error_codes(content: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("exception", {}).get("code") for e in content.get("errors", [])]


# The storefront contract documents, kept in the repository (copies of the shared contract;
# scripts/contract.py checks they are in step with ../shared when it is there).
CONTRACT_DIR = __import__("pathlib").Path(__file__).resolve().parent / "contract" / "storefront"


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
