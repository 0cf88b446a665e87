"""The account operations as Saleor shapes them: optional arguments Saleor leaves optional
(with typed errors when they are missing), the channel argument checked as Saleor checks
it, Saleor's error types for staff and groups, permission groups as a connection."""

import pytest
from django.core import mail

from marketplace.accounts.models import Group, User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.channels.models import Channel
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data, error_codes, grant

pytestmark = pytest.mark.django_db

REGISTER = """
mutation ($input: AccountRegisterInput!) {
  accountRegister(input: $input) { requiresConfirmation errors { field code message } }
}
"""
RESET = """
mutation ($email: String!, $redirectUrl: String!, $channel: String) {
  requestPasswordReset(email: $email, redirectUrl: $redirectUrl, channel: $channel) { errors { field code } }
}
"""
PASSWORD_CHANGE = """
mutation ($old: String, $new: String!) {
  passwordChange(oldPassword: $old, newPassword: $new) { errors { field code message } }
}
"""
STAFF_CREATE = """
mutation ($input: StaffCreateInput!) {
  staffCreate(input: $input) { user { email } errors { __typename field code permissions } }
}
"""
GROUP_CREATE = """
mutation ($input: PermissionGroupCreateInput!) {
  permissionGroupCreate(input: $input) { group { name } errors { __typename field code permissions } }
}
"""
GROUPS = """
query ($first: Int, $after: String) {
  permissionGroups(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { name permissions { __typename code name } } }
  }
}
"""


def register_input(**extra):
    return {"input": {"email": "moi@example.vn", "password": "lang-nghe-2026!", **extra}}


def test_account_register_checks_the_channel_as_saleor_does(api_client, seeded_channels):
    Channel.objects.create(slug="closed", name="Closed", currency_code="VND", is_active=False)
    for channel, expected in (
        ("no-such-channel", [("channel", "NOT_FOUND")]),
        ("closed", [("channel", "CHANNEL_INACTIVE")]),
    ):
        result = data(api_client.graphql(REGISTER, register_input(channel=channel)))["accountRegister"]
        assert [(e["field"], e["code"]) for e in result["errors"]] == expected
        assert result["requiresConfirmation"] is None
    assert not User.objects.filter(email="moi@example.vn").exists() and mail.outbox == []
    # Omitted: the default channel (Saleor: optional when there is one to fall back on).
    result = data(api_client.graphql(REGISTER, register_input()))["accountRegister"]
    assert result == {"requiresConfirmation": True, "errors": []}
    assert User.objects.filter(email="moi@example.vn").exists() and len(mail.outbox) == 1


def test_request_password_reset_needs_a_redirect_url_and_a_real_channel(
    api_client, customer_user, seeded_channels
):
    missing = api_client.post_graphql(
        'mutation { requestPasswordReset(email: "khach@example.vn") { errors { code } } }'
    )
    assert missing.status_code == 400
    assert "redirectUrl" in missing.json()["errors"][0]["message"]
    variables = {"email": customer_user.email, "redirectUrl": "http://localhost:3000/reset"}
    unknown = data(api_client.graphql(RESET, {**variables, "channel": "nope"}))["requestPasswordReset"]
    assert unknown == {"errors": [{"field": "channel", "code": "NOT_FOUND"}]}
    assert mail.outbox == []
    foreign = data(api_client.graphql(RESET, {**variables, "redirectUrl": "https://evil.example/reset"}))
    assert foreign["requestPasswordReset"] == {"errors": [{"field": "redirectUrl", "code": "INVALID"}]}
    ok = data(api_client.graphql(RESET, {**variables, "channel": "default-channel"}))["requestPasswordReset"]
    assert ok == {"errors": []} and [m.to for m in mail.outbox] == [[customer_user.email]]


def test_password_change_without_the_old_password_is_refused(customer_user):
    client = client_for(customer_user)
    old_hash = customer_user.password
    for variables in (
        {"new": "lang-nghe-2026!"},
        {"old": None, "new": "lang-nghe-2026!"},
        {"old": "", "new": "x"},
    ):
        result = data(client.graphql(PASSWORD_CHANGE, variables))["passwordChange"]
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("oldPassword", "INVALID_CREDENTIALS")]
    customer_user.refresh_from_db()
    assert customer_user.password == old_hash


def test_staff_and_group_errors_are_saleors_types(staff_user, seeded_channels):
    actor = User.objects.create_user("quanly@langnghe.vn", "x", is_staff=True)
    grant(actor, PermissionEnum.MANAGE_STAFF)
    client = client_for(actor)
    no_email = data(client.graphql(STAFF_CREATE, {"input": {"firstName": "An"}}))["staffCreate"]
    assert no_email == {
        "user": None,
        "errors": [{"__typename": "StaffError", "field": "email", "code": "REQUIRED", "permissions": None}],
    }
    escalate = data(
        client.graphql(
            GROUP_CREATE, {"input": {"name": "Root", "addPermissions": ["MANAGE_ORDERS", "MANAGE_APPS"]}}
        )
    )["permissionGroupCreate"]
    assert escalate == {
        "group": None,
        "errors": [
            {
                "__typename": "PermissionGroupError",
                "field": "addPermissions",
                "code": "OUT_OF_SCOPE_PERMISSION",
                "permissions": ["MANAGE_APPS", "MANAGE_ORDERS"],
            }
        ],
    }
    assert not Group.objects.filter(name="Root").exists()
    group = Group.objects.create(name="Ops")
    grant_group = data(
        client.graphql(
            STAFF_CREATE, {"input": {"email": "ops@langnghe.vn", "addGroups": [to_id("Group", group.pk)]}}
        )
    )
    assert grant_group["staffCreate"]["errors"] == []


def test_permission_groups_is_a_connection(staff_user, customer_user, seeded_channels):
    actor = User.objects.create_user("quanly@langnghe.vn", "x", is_staff=True)
    grant(actor, PermissionEnum.MANAGE_STAFF, PermissionEnum.MANAGE_CHANNELS)  # makes one group
    for name in ("B", "A", "C"):
        Group.objects.create(name=name)
    client = client_for(actor)
    first = data(client.graphql(GROUPS, {"first": 2}))["permissionGroups"]
    assert first["totalCount"] == 4
    assert [e["node"]["name"] for e in first["edges"]] == ["A", "B"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = data(client.graphql(GROUPS, {"first": 10, "after": first["pageInfo"]["endCursor"]}))[
        "permissionGroups"
    ]
    assert [e["node"]["name"] for e in rest["edges"]] == ["C", f"group-{actor.pk}-0"]
    assert rest["edges"][1]["node"]["permissions"] == [
        {"__typename": "Permission", "code": "MANAGE_CHANNELS", "name": "Manage channels"},
        {"__typename": "Permission", "code": "MANAGE_STAFF", "name": "Manage staff"},
    ]
    too_many = client.graphql(GROUPS, {"first": 101})
    assert error_codes(too_many) == ["PAGINATION_ERROR"]
    # Who may read it: MANAGE_STAFF only.
    for other in (ApiClient(), client_for(customer_user), client_for(staff_user)):
        response = other.graphql(GROUPS, {"first": 1})
        assert error_codes(response) == ["PermissionDenied"] and response["data"]["permissionGroups"] is None


def test_address_phone_is_nullable_like_saleors(customer_user):
    """Saleor's ``Address.phone`` is ``String``: a client generated from its schema expects
    null to be possible; ours answers "" when no phone was given."""
    from marketplace.accounts.models import Address

    address = Address.objects.create(
        street_address_1="Số 1", city="Xã Bát Tràng", country_area="Thành phố Hà Nội"
    )
    customer_user.addresses.add(address)
    result = data(client_for(customer_user).graphql("{ me { addresses { phone } } }"))
    assert result["me"]["addresses"] == [{"phone": ""}]
