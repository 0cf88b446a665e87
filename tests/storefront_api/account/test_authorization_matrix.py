"""Who may do what: anonymous, customer, another vendor's member, staff without the
permission, and the allowed party (a staff member or an app holding it)."""

import pytest
from django.core import mail
from django.core.management import call_command

from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.models import Group, User
from marketplace.accounts.permissions import PermissionEnum
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data, error_codes, grant

pytestmark = pytest.mark.django_db

CHANNELS = "{ channels { slug } }"
STAFF_CREATE = """mutation ($email: String!, $groups: [ID!]) {
  staffCreate(input: {email: $email, addGroups: $groups}) { user { email isStaff } errors { field code message } } }"""
GROUP_CREATE = """mutation ($name: String!, $permissions: [PermissionEnum!], $users: [ID!]) {
  permissionGroupCreate(input: {name: $name, addPermissions: $permissions, addUsers: $users}) {
    group { name permissions { code } users { email } } errors { field code message } } }"""
ADDRESS_CREATE = """mutation { accountAddressCreate(input: {streetAddress1: "Số 1", city: "xa bat trang",
  countryArea: "ha noi", country: VN}) { address { city } errors { field code } } }"""


@pytest.fixture
def parties(customer_user, vendor_member, staff_user, seeded_channels):
    allowed = User.objects.create_user("quanly@langnghe.vn", "x", is_staff=True)
    grant(allowed, PermissionEnum.MANAGE_CHANNELS, PermissionEnum.MANAGE_STAFF)
    _, app_token = app_create(name="storefront", permissions=[PermissionEnum.MANAGE_CHANNELS])
    _, bare_app_token = app_create(name="bare", permissions=[])
    return {
        "anonymous": ApiClient(),
        "customer": client_for(customer_user),
        "vendor member": client_for(vendor_member),
        "staff without the permission": client_for(staff_user),
        "allowed staff": client_for(allowed),
        "app with the permission": ApiClient(token=app_token),
        "app without it": ApiClient(token=bare_app_token),
    }


EXPECTED_CHANNELS = {
    "anonymous": False,
    "customer": False,
    "vendor member": False,
    "staff without the permission": False,
    "allowed staff": True,
    "app with the permission": True,
    "app without it": False,
}


def test_channels_query(parties):
    for party, allowed in EXPECTED_CHANNELS.items():
        content = parties[party].graphql(CHANNELS)
        if allowed:
            assert data(content)["channels"] == [{"slug": "default-channel"}, {"slug": "design-centre"}], (
                party
            )
        else:
            assert content["data"]["channels"] is None and error_codes(content) == ["PermissionDenied"], party


def test_staff_create(parties):
    for party in ("anonymous", "customer", "vendor member", "staff without the permission", "app without it"):
        content = parties[party].graphql(STAFF_CREATE, {"email": f"{party.replace(' ', '')}@langnghe.vn"})
        assert error_codes(content) == ["PermissionDenied"], party
    assert User.objects.filter(email__endswith="@langnghe.vn", is_staff=True).count() == 2
    result = data(parties["allowed staff"].graphql(STAFF_CREATE, {"email": "moi@langnghe.vn"}))["staffCreate"]
    assert result == {"user": {"email": "moi@langnghe.vn", "isStaff": True}, "errors": []}
    assert not User.objects.get(email="moi@langnghe.vn").has_usable_password()
    assert mail.outbox[-1].to == ["moi@langnghe.vn"] and "token=" in mail.outbox[-1].body
    again = data(parties["allowed staff"].graphql(STAFF_CREATE, {"email": "MOI@langnghe.vn"}))["staffCreate"]
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("email", "UNIQUE")]


def test_permission_groups_cannot_grant_what_the_actor_lacks(parties, staff_user):
    client = parties["allowed staff"]
    escalate = data(client.graphql(GROUP_CREATE, {"name": "Admins", "permissions": ["MANAGE_PRODUCTS"]}))
    assert [(e["field"], e["code"]) for e in escalate["permissionGroupCreate"]["errors"]] == [
        ("addPermissions", "OUT_OF_SCOPE_PERMISSION")
    ]
    assert not Group.objects.filter(name="Admins").exists()
    created = data(
        client.graphql(
            GROUP_CREATE,
            {
                "name": "Kênh",
                "permissions": ["MANAGE_CHANNELS"],
                "users": [to_id("User", staff_user.pk)],
            },
        )
    )["permissionGroupCreate"]
    assert created == {
        "group": {
            "name": "Kênh",
            "permissions": [{"code": "MANAGE_CHANNELS"}],
            "users": [{"email": staff_user.email}],
        },
        "errors": [],
    }
    assert data(client_for(staff_user).graphql(CHANNELS))["channels"]  # the new member holds it now
    denied = parties["staff without the permission"].graphql(GROUP_CREATE, {"name": "x"})
    assert error_codes(denied) == ["PermissionDenied"]


def test_permission_group_rejects_non_staff_and_bad_ids(parties, customer_user):
    client = parties["allowed staff"]
    result = data(client.graphql(GROUP_CREATE, {"name": "G", "users": [to_id("User", customer_user.pk)]}))
    assert [(e["field"], e["code"]) for e in result["permissionGroupCreate"]["errors"]] == [
        ("addUsers", "ASSIGN_NON_STAFF_MEMBER")  # Saleor's PermissionGroupErrorCode
    ]
    result = data(client.graphql(GROUP_CREATE, {"name": "G", "users": [to_id("Product", 1)]}))
    assert [(e["field"], e["code"]) for e in result["permissionGroupCreate"]["errors"]] == [
        ("addUsers", "INVALID")
    ]
    assert not Group.objects.filter(name="G").exists()


def test_permission_group_update(parties, staff_user):
    client = parties["allowed staff"]
    group = Group.objects.create(name="Old")
    update = """mutation ($id: ID!, $input: PermissionGroupUpdateInput!) {
      permissionGroupUpdate(id: $id, input: $input) { group { name permissions { code } } errors { field code } } }"""
    variables = {
        "id": to_id("Group", group.pk),
        "input": {
            "name": "Mới",
            "addPermissions": ["MANAGE_CHANNELS"],
            "addUsers": [to_id("User", staff_user.pk)],
        },
    }
    result = data(client.graphql(update, variables))["permissionGroupUpdate"]
    assert result == {"group": {"name": "Mới", "permissions": [{"code": "MANAGE_CHANNELS"}]}, "errors": []}
    assert error_codes(parties["customer"].graphql(update, variables)) == ["PermissionDenied"]
    both = {
        "id": to_id("Group", group.pk),
        "input": {"addPermissions": ["MANAGE_CHANNELS"], "removePermissions": ["MANAGE_CHANNELS"]},
    }
    assert [e["code"] for e in data(client.graphql(update, both))["permissionGroupUpdate"]["errors"]] == [
        "DUPLICATED_INPUT_ITEM"
    ]


def test_signed_in_only_mutations(parties):
    assert error_codes(parties["anonymous"].graphql(ADDRESS_CREATE)) == ["PermissionDenied"]
    result = data(parties["customer"].graphql(ADDRESS_CREATE))["accountAddressCreate"]
    assert result == {"address": {"city": "Xã Bát Tràng"}, "errors": []}


def test_me_shows_roles(parties, vendor_member):
    query = "{ me { isStaff isCurator userPermissions { code } vendorMemberships { role vendor { slug } } } }"
    me = data(parties["vendor member"].graphql(query))["me"]
    membership = vendor_member.vendor_memberships.get()
    assert me == {
        "isStaff": False,
        "isCurator": False,
        "userPermissions": [],
        "vendorMemberships": [{"role": "OWNER", "vendor": {"slug": membership.vendor.slug}}],
    }
    me = data(parties["allowed staff"].graphql(query))["me"]
    assert me["isStaff"] is True and {p["code"] for p in me["userPermissions"]} == {
        "MANAGE_CHANNELS",
        "MANAGE_STAFF",
    }
    curator = User.objects.create_user("curator@langnghe.vn", "x", is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    assert data(client_for(curator).graphql(query))["me"]["isCurator"] is True


def test_first_superuser_command_and_app_command(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "lang-nghe-2026!")
    call_command("createsuperuser", "--noinput", "--email", "root@langnghe.vn")
    root = User.objects.get(email="root@langnghe.vn")
    assert root.is_superuser and root.is_staff and root.check_password("lang-nghe-2026!")
    assert data(client_for(root).graphql(CHANNELS))["channels"]
    call_command("app_create", "--name", "storefront", "--permission", "MANAGE_CHANNELS")
    token = capsys.readouterr().out.rsplit(" ", 1)[1].strip()
    assert data(ApiClient(token=token).graphql(CHANNELS))["channels"]
