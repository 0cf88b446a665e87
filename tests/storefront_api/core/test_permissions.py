"""Declared permissions mean what their description says (Saleor's rule): a mutation or a
field listing several permissions is open to a caller holding ANY ONE of them.

No operation of the schema lists two permissions today, so the rule is shown over HTTP on
a small schema served by the project's own GraphQL view (this module is its URLconf), and
every declaration of the real schema is then checked against the same rule."""

from types import SimpleNamespace

import graphene
import pytest
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError

from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.permissions import PermissionEnum
from storefront_api.core.mutations import BaseMutation, error_type
from storefront_api.core.permissions import describe, permission_required
from storefront_api.schema import Mutation
from storefront_api.schema import schema as real_schema
from storefront_api.views import StorefrontGraphQLView
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

ORDERS, PRODUCTS = PermissionEnum.MANAGE_ORDERS, PermissionEnum.MANAGE_PRODUCTS
REQUIRES = "Requires one of the following permissions: MANAGE_ORDERS, MANAGE_PRODUCTS."
DENIED = "You need one of the following permissions: MANAGE_ORDERS, MANAGE_PRODUCTS."

ProbeError = error_type("ProbeError", AccountErrorCode)


class ProbeMutation(BaseMutation):
    """Answers who it ran for, so a test sees the mutation body really ran."""

    caller = graphene.String()

    class Meta:
        description = "A mutation declaring two permissions."
        permissions = (ORDERS, PRODUCTS)
        error_type_class = ProbeError

    @classmethod
    def perform_mutation(cls, root, info):
        return cls(caller=getattr(info.context.app, "name", None) or info.context.user.email, errors=[])


class ProbeQuery(graphene.ObjectType):
    secret = graphene.String(description="A field declaring two permissions." + describe([ORDERS, PRODUCTS]))

    @staticmethod
    @permission_required(ORDERS, PRODUCTS)
    def resolve_secret(root, info):
        return "shown"


class ProbeMutations(graphene.ObjectType):
    probe = ProbeMutation.Field()


probe_schema = graphene.Schema(query=ProbeQuery, mutation=ProbeMutations)
urlpatterns = [path("graphql/", csrf_exempt(StorefrontGraphQLView.as_view(schema=probe_schema)), name="api")]

DESCRIPTIONS = """{
  mutations: __type(name: "ProbeMutations") { fields { name description } }
  queries: __type(name: "ProbeQuery") { fields { name description } }
}"""


def run(client: ApiClient) -> tuple[dict, dict]:
    mutation = client.graphql("mutation { probe { caller errors { code } } }")
    query = client.graphql("{ secret }")
    return mutation, query


def staff_with(*permissions: PermissionEnum) -> ApiClient:
    user = UserFactory(
        email=f"staff-{'-'.join(p.codename for p in permissions) or 'none'}@langnghe.vn", is_staff=True
    )
    if permissions:
        grant(user, *permissions)
    client = client_for(user)
    client.email = user.email  # type: ignore[attr-defined]
    return client


@pytest.mark.parametrize(
    "held", [(ORDERS,), (PRODUCTS,), (ORDERS, PRODUCTS)], ids=lambda p: "+".join(x.name for x in p)
)
def test_a_staff_member_holding_any_one_of_the_listed_permissions_is_allowed(held):
    client = staff_with(*held)
    mutation, query = run(client)
    assert data(mutation) == {"probe": {"caller": client.email, "errors": []}}
    assert data(query) == {"secret": "shown"}


def test_an_app_holding_one_of_them_is_allowed():
    _, token = app_create(name="Kho hàng", permissions=[PRODUCTS])
    mutation, query = run(ApiClient(token=token))
    assert data(mutation) == {"probe": {"caller": "Kho hàng", "errors": []}}
    assert data(query) == {"secret": "shown"}


@pytest.mark.parametrize("who", ["anonymous", "customer", "staff without them", "staff with others"])
def test_a_caller_holding_none_of_them_is_refused(who):
    client = {
        "anonymous": lambda: ApiClient(),
        "customer": lambda: client_for(UserFactory(email="khach@example.vn")),
        "staff without them": lambda: staff_with(),
        "staff with others": lambda: staff_with(PermissionEnum.MANAGE_STAFF, PermissionEnum.MANAGE_SHOWCASE),
    }[who]()
    mutation, query = run(client)
    for content, field in ((mutation, "probe"), (query, "secret")):
        assert content["data"] == {field: None}
        assert error_codes(content) == ["PermissionDenied"]
        message = content["errors"][0]["message"]
        if who == "anonymous":
            assert message == "You need to be authenticated to perform this action."
        else:
            assert message == DENIED


def test_the_descriptions_say_any_one_of():
    content = ApiClient().graphql(DESCRIPTIONS)["data"]
    assert content["mutations"]["fields"] == [
        {"name": "probe", "description": f"A mutation declaring two permissions.\n\n{REQUIRES}"}
    ]
    assert content["queries"]["fields"] == [
        {"name": "secret", "description": f"A field declaring two permissions.\n\n{REQUIRES}"}
    ]


# ---------------------------------------------------------------- every declaration of the schema


def _declared_mutations() -> dict[str, type[BaseMutation]]:
    """Every mutation of the schema, by its GraphQL name."""
    return {
        to_camel_case(name): field.type
        for name, field in Mutation._meta.fields.items()
        if isinstance(field.type, type) and issubclass(field.type, BaseMutation)
    }


def _info(user):
    return SimpleNamespace(context=SimpleNamespace(user=user, app=None))


def test_every_mutation_of_the_schema_does_what_its_description_says():
    """Each declared permission alone opens the mutation, none keeps it shut, and the
    schema's description lists exactly the declared permissions in Saleor's words."""
    mutations = _declared_mutations()
    assert len(mutations) == len(Mutation._meta.fields)  # every mutation sits on the base class
    declared = {name: m for name, m in mutations.items() if m._meta.permissions}
    assert len(declared) >= 20
    fields = real_schema.graphql_schema.mutation_type.fields
    holders = {}
    for permission in {p for m in declared.values() for p in m._meta.permissions}:
        holders[permission] = UserFactory(email=f"{permission.codename}@langnghe.vn", is_staff=True)
        grant(holders[permission], permission)
    nobody = UserFactory(email="khong-quyen@langnghe.vn", is_staff=True)
    for name, mutation in declared.items():
        description = fields[name].description
        assert description.endswith(describe(mutation._meta.permissions)), name
        assert description.count("following permissions") == 1, name
        for permission in mutation._meta.permissions:
            mutation.check_access(_info(holders[permission]))  # no exception: allowed
        with pytest.raises(GraphQLError) as refused:
            mutation.check_access(_info(nobody))
        assert refused.value.extensions == {"exception": {"code": "PermissionDenied"}}, name


def test_no_description_of_the_schema_promises_all_of():
    sdl = str(real_schema)
    assert sdl.count("Requires one of the following permissions: ") >= 20
    for line in sdl.splitlines():
        if "permissions:" in line and "Requires" in line:
            assert "Requires one of the following permissions: " in line, line
