"""GraphQL fuzzing: schemathesis (hypothesis-graphql underneath) generates queries and
mutations for every root field of the live schema and sends them to the API as an
anonymous buyer, a customer, an artisan and a superuser. Any 5xx, any exception escaping
the view and any ``INTERNAL_ERROR`` (an unexpected failure the view masked) fail the test.
4xx answers and typed errors are what malformed input should get.

The run is bounded and reproducible: a fixed number of examples per operation
(``FUZZ_EXAMPLES``, default below), ``derandomize=True`` (the same cases every run) and no
example database."""

import json
import os
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from marketplace.accounts.models import User
from marketplace.accounts.tokens import create_access_token
from storefront_api.schema import schema as live_schema
from tests.conftest import ApiClient
from tests.factories import AddressFactory, UserFactory, listed_product, published_collection
from vendors.shops.models import VendorMember, VendorMemberRole

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))

# The schema the server really serves (the committed schema.graphql is checked against it).
SCHEMA = schemathesis.graphql.from_file(str(live_schema))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]  # type: ignore[union-attr]

# Values of the right shape reach deeper than random text: ids of rows that exist,
# channel slugs, search words. Filled per test from the seeded rows (drawn lazily).
KNOWN_IDS: list[str] = []
WORDS = ["default-channel", "design-centre", "bat trang", "Gốm", "vn.cod", "VN", "khach@example.vn", "", " "]
SCALARS = {
    "ID": st.one_of(
        st.integers(min_value=0, max_value=10**6).map(lambda i: KNOWN_IDS[i % len(KNOWN_IDS)]),
        st.text(max_size=20),
    ).map(nodes.String),
    "String": st.one_of(st.sampled_from(WORDS), st.text(max_size=40)).map(nodes.String),
    "JSONString": st.one_of(
        st.just('{"blocks": [{"type": "paragraph", "data": {"text": "Gốm"}}]}'),
        st.text(max_size=30),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=10),
            lambda inner: (
                st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
            ),
            max_leaves=6,
        ).map(json.dumps),
    ).map(nodes.String),
    "Decimal": st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str).map(nodes.String),
        st.integers(min_value=-(10**12), max_value=10**12).map(nodes.Int),
        st.text(max_size=10).map(nodes.String),
    ),
    "PositiveDecimal": st.one_of(
        st.integers(min_value=-10, max_value=10**10).map(nodes.Int),
        st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
        st.text(max_size=10).map(nodes.String),
    ),
    # A file part can only come with a multipart request; inline, an Upload must be refused.
    "Upload": st.one_of(st.text(max_size=10).map(nodes.String), st.just(nodes.Null)),
}
for name, strategy in SCALARS.items():
    schemathesis.graphql.scalar(name, strategy)


@dataclass
class World:
    superuser: User
    customer: User
    artisan: User

    def client(self, actor: str) -> ApiClient:
        user = {"superuser": self.superuser, "customer": self.customer, "artisan": self.artisan}.get(actor)
        if user is None:
            return ApiClient()
        user.refresh_from_db()  # a fuzzed mutation may have rotated its token key
        return ApiClient(token=create_access_token(user))


@pytest.fixture
def world(seeded_channels) -> World:
    artisan = UserFactory(email="nghenhan@example.vn")
    product = listed_product(name="Bình gốm Bát Tràng", slug="binh-gom", prices=(250_000, 400_000))
    VendorMember.objects.create(vendor=product.vendor, user=artisan, role=VendorMemberRole.OWNER)  # type: ignore[misc]
    other = listed_product(name="Khăn lụa Vạn Phúc", slug="khan-lua")
    published_collection(product, other, slug="qua-tet")
    customer = UserFactory(email="khach@example.vn")
    customer.addresses.add(AddressFactory())  # type: ignore[attr-defined]
    superuser = UserFactory(email="admin@langnghe.vn", is_staff=True, is_superuser=True)
    KNOWN_IDS[:] = known_ids()
    return World(superuser=superuser, customer=customer, artisan=artisan)  # type: ignore[arg-type]


def known_ids() -> list[str]:
    """A global id of every row, of every node type the API exposes a model for."""
    from graphql_relay import to_global_id

    ids = []
    for name, gql_type in live_schema.graphql_schema.type_map.items():
        model = getattr(getattr(getattr(gql_type, "graphene_type", None), "_meta", None), "model", None)
        if model is not None:
            ids += [
                to_global_id(name, str(pk)) for pk in model._default_manager.values_list("pk", flat=True)[:5]
            ]
    return ids or ["UHJvZHVjdDox"]


def internal_errors(content: Any) -> list[dict[str, Any]]:
    errors = (content.get("errors") or []) if isinstance(content, dict) else []
    return [
        e for e in errors if (e.get("extensions") or {}).get("exception", {}).get("code") == "INTERNAL_ERROR"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_fuzzed_operation_never_fails_on_the_server(operation, world):
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],  # report the failing document as generated; no shrinking
        suppress_health_check=list(HealthCheck),
    )
    @given(
        case=operation.as_strategy(), actor=st.sampled_from(["superuser", "artisan", "customer", "anonymous"])
    )
    def run(case, actor: str) -> None:
        response = world.client(actor).post_graphql(case.body)
        where = f"{operation.label} as {actor}:\n{case.body}"
        assert response.status_code < 500, f"{response.status_code} for {where}\n{response.content[:500]!r}"
        content = response.json()
        assert not internal_errors(content), f"INTERNAL_ERROR for {where}\n{content}"

    run()
