"""The vendor policy: every named action for every kind of caller, its check, batch and
queryset forms agreeing, what a check costs, and a cache that never outlives its request
nor answers for another actor."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from tests.conftest import ApiClient, client_for, data, grant
from tests.factories import UserFactory, VendorFactory, WarehouseFactory
from vendors.shops import policies
from vendors.shops.middleware import PolicyScopeMiddleware
from vendors.shops.models import VendorMember, VendorMemberRole, VendorStatus
from vendors.shops.policies import VendorAction
from vendors.shops.services import vendor_member_add, vendor_suspend

pytestmark = pytest.mark.django_db

P = PermissionEnum
A = VendorAction

# action: (the shop's OWNER, the shop's STAFF member, the OWNER once the shop is suspended,
#          the staff permission that opens it for every shop)
MATRIX = {
    A.VIEW: (True, True, True, P.MANAGE_VENDORS),
    A.EDIT: (True, False, False, P.MANAGE_VENDORS),
    A.MANAGE_MEMBERS: (True, False, False, P.MANAGE_VENDORS),
    A.VIEW_PRODUCTS: (True, True, True, P.MANAGE_PRODUCTS),
    A.EDIT_PRODUCTS: (True, True, False, P.MANAGE_PRODUCTS),
    A.PUBLISH: (True, True, False, P.MANAGE_PRODUCTS),
    A.VIEW_ORDERS: (True, True, True, P.MANAGE_ORDERS),
    A.FULFIL: (True, True, False, P.MANAGE_ORDERS),
    A.VIEW_PAYOUTS: (True, True, True, P.MANAGE_ORDERS),
    A.SUBMIT_SHOWCASE: (True, True, False, P.MANAGE_PRODUCTS),
    A.VIEW_SHOWCASE: (True, True, True, P.MANAGE_SHOWCASE),
    A.WITHDRAW_SHOWCASE: (True, True, False, P.MANAGE_SHOWCASE),
    A.SUBMIT_OCOP: (True, True, False, P.MANAGE_PRODUCTS),
    A.VIEW_OCOP: (True, True, True, P.MANAGE_OCOP),
    A.VIEW_VOUCHERS: (True, True, True, P.MANAGE_DISCOUNTS),
    A.MANAGE_VOUCHERS: (True, False, False, P.MANAGE_DISCOUNTS),
}


def member(vendor, role=VendorMemberRole.OWNER) -> User:
    user = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=user, role=role)  # type: ignore[misc]
    return user  # type: ignore[return-value]


def fresh(user: User) -> User:
    """The same person as a new request would load them (no cached permissions)."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def world():
    shop = VendorFactory(slug="shop")
    other = VendorFactory(slug="other")
    suspended = VendorFactory(slug="suspended", status=VendorStatus.SUSPENDED)
    return {
        "shop": shop,
        "other": other,
        "suspended": suspended,
        "owner": member(shop),
        "staff_member": member(shop, VendorMemberRole.STAFF),
        "other_owner": member(other),
        "suspended_owner": member(suspended),
        "suspended_staff": member(suspended, VendorMemberRole.STAFF),
        "customer": UserFactory(),
    }


def test_the_matrix_names_every_action():
    assert set(MATRIX) == set(VendorAction)


def every_form(actor, action, vendor) -> bool:
    """The check, the batch form and the queryset form must give one answer."""
    checked = policies.allowed(actor, action, vendor)
    assert policies.allowed(actor, action, vendor.pk) is checked
    assert (vendor.pk in policies.allowed_vendor_ids(actor, action, [vendor.pk])) is checked
    assert policies.vendors_for(actor, action).filter(pk=vendor.pk).exists() is checked
    assert (action in policies.allowed_actions(actor, vendor)) is checked
    if checked:
        policies.require(actor, action, vendor)
    else:
        with pytest.raises(PermissionDenied):
            policies.require(actor, action, vendor)
    return checked


@pytest.mark.parametrize("action", list(VendorAction))
def test_policy_matrix(world, action):
    owner_may, staff_member_may, suspended_owner_may, permission = MATRIX[action]
    shop, suspended = world["shop"], world["suspended"]
    assert every_form(world["owner"], action, shop) is owner_may
    assert every_form(world["staff_member"], action, shop) is staff_member_may
    assert every_form(world["suspended_owner"], action, suspended) is suspended_owner_may
    # A suspended shop's STAFF member reads what its OWNER reads, and writes nothing.
    assert every_form(world["suspended_staff"], action, suspended) is (
        suspended_owner_may and staff_member_may
    )
    for nobody in (None, world["customer"], world["other_owner"]):
        assert every_form(nobody, action, shop) is False
    assert every_form(world["owner"], action, world["other"]) is False  # not their shop

    staff = UserFactory(is_staff=True)
    assert every_form(staff, action, shop) is False
    others = [p for p in PermissionEnum if p != permission]
    grant(staff, *others)
    assert every_form(fresh(staff), action, shop) is False  # every permission but the right one
    grant(staff, permission)
    for vendor in (shop, world["other"], suspended):
        assert every_form(fresh(staff), action, vendor) is True
    assert every_form(UserFactory(is_staff=True, is_superuser=True), action, suspended) is True

    bare_app, _ = app_create(name="bare", permissions=others)
    app, _ = app_create(name="holder", permissions=[permission])
    assert every_form(bare_app, action, shop) is False
    assert every_form(app, action, suspended) is True
    inactive_app, _ = app_create(name="inactive", permissions=[permission])
    inactive_app.is_active = False
    assert every_form(inactive_app, action, shop) is False

    assert every_form(SYSTEM, action, suspended) is True


def test_allowed_actions_are_a_rows_buttons(world):
    assert policies.allowed_actions(world["staff_member"], world["shop"]) == {
        a for a, (_, staff_member_may, _, _) in MATRIX.items() if staff_member_may
    }
    assert policies.allowed_actions(world["suspended_owner"], world["suspended"]) == {
        A.VIEW,
        A.VIEW_PRODUCTS,
        A.VIEW_ORDERS,
        A.VIEW_PAYOUTS,
        A.VIEW_SHOWCASE,
        A.VIEW_OCOP,
        A.VIEW_VOUCHERS,
    }
    assert policies.allowed_actions(None, world["shop"]) == frozenset()
    assert policies.allowed_actions(SYSTEM, world["shop"]) == frozenset(VendorAction)


def test_the_batch_form_keeps_only_allowed_shops(world):
    ids = [world["shop"].pk, world["other"].pk, world["suspended"].pk, 10**9]
    assert policies.allowed_vendor_ids(world["owner"], A.FULFIL, ids) == {world["shop"].pk}
    assert policies.allowed_vendor_ids(world["suspended_owner"], A.VIEW_ORDERS, ids) == {
        world["suspended"].pk
    }
    assert policies.allowed_vendor_ids(world["suspended_owner"], A.FULFIL, ids) == frozenset()
    assert policies.allowed_vendor_ids(SYSTEM, A.FULFIL, ids) == frozenset(ids)
    assert policies.allowed_vendor_ids(world["owner"], A.FULFIL, []) == frozenset()


def test_the_queryset_form_lists_a_members_shops(world):
    both = member(world["other"], VendorMemberRole.STAFF)
    VendorMember.objects.create(vendor=world["shop"], user=both, role=VendorMemberRole.OWNER)
    VendorMember.objects.create(vendor=world["suspended"], user=both, role=VendorMemberRole.OWNER)
    assert set(policies.vendors_for(both, A.VIEW)) == {world["shop"], world["other"], world["suspended"]}
    assert set(policies.vendors_for(both, A.FULFIL)) == {world["shop"], world["other"]}
    assert set(policies.vendors_for(both, A.MANAGE_MEMBERS)) == {world["shop"]}  # OWNER, ACTIVE
    assert not policies.vendors_for(None, A.VIEW).exists()
    assert policies.vendors_for(SYSTEM, A.EDIT).count() == 3


# ---------------------------------------------------------------- what checks cost


def shops(count: int) -> list[int]:
    return [VendorFactory().pk for _ in range(count)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("rows", [1, 100])
def test_a_members_checks_cost_one_query_per_scope(world, rows, django_assert_num_queries):
    ids = [world["shop"].pk, *shops(rows - 1)]
    owner = fresh(world["owner"])
    with policies.scope(), django_assert_num_queries(1):  # the owner's memberships
        answers = [policies.allowed_actions(owner, pk) for pk in ids]
    assert answers[0] == {a for a, (owner_may, *_) in MATRIX.items() if owner_may}
    assert all(answer == frozenset() for answer in answers[1:])


@pytest.mark.parametrize("rows", [1, 100])
def test_staff_checks_cost_two_queries_per_scope(world, staff_user, rows, django_assert_num_queries):
    grant(staff_user, P.MANAGE_ORDERS)
    ids = shops(rows)
    staff = fresh(staff_user)
    with policies.scope(), django_assert_num_queries(2):  # their permissions, their memberships
        answers = [
            (policies.allowed(staff, A.FULFIL, pk), policies.allowed(staff, A.EDIT_PRODUCTS, pk))
            for pk in ids
        ]
    assert answers == [(True, False)] * rows


@pytest.mark.parametrize("actor", [None, SYSTEM])
def test_anonymous_callers_and_system_cost_nothing(world, actor, django_assert_num_queries):
    with policies.scope(), django_assert_num_queries(0):
        for pk in [world["shop"].pk, world["other"].pk]:
            policies.allowed_actions(actor, pk)


def test_outside_a_scope_each_check_asks_again(world, django_assert_num_queries):
    """Tasks, commands and tests calling services directly: always the database's answer."""
    owner = world["owner"]
    with django_assert_num_queries(2):
        assert policies.allowed(owner, A.FULFIL, world["shop"])
        assert policies.allowed(owner, A.FULFIL, world["shop"])


def test_the_queryset_form_is_one_subquery(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        ids = list(
            VendorMember.objects.filter(
                vendor__in=policies.vendors_for(world["owner"], A.FULFIL)
            ).values_list("vendor_id", flat=True)
        )
    assert set(ids) == {world["shop"].pk}


# ---------------------------------------------------------------- the cache never leaks


def test_the_cache_never_answers_for_another_actor(world):
    owner, other_owner = world["owner"], world["other_owner"]
    with policies.scope():
        assert policies.allowed(owner, A.FULFIL, world["shop"])
        assert not policies.allowed(other_owner, A.FULFIL, world["shop"])
        assert policies.allowed(other_owner, A.FULFIL, world["other"])
        assert not policies.allowed(owner, A.FULFIL, world["other"])
        assert not policies.allowed(world["customer"], A.VIEW, world["shop"])


def test_the_cache_ends_with_its_scope(world):
    owner = world["owner"]
    with policies.scope():
        assert policies.allowed(owner, A.FULFIL, world["shop"])
        VendorMember.objects.filter(user=owner).delete()  # behind the policy's back
        assert policies.allowed(owner, A.FULFIL, world["shop"])  # the request's answer holds
    with policies.scope():
        assert not policies.allowed(owner, A.FULFIL, world["shop"])  # the next request asks again
    assert policies._scope.get() is None


def test_nested_scopes_share_one_cache(world, django_assert_num_queries):
    owner = fresh(world["owner"])
    with policies.scope():
        policies.allowed(owner, A.VIEW, world["shop"])
        with policies.scope(), django_assert_num_queries(0):
            assert policies.allowed(owner, A.FULFIL, world["shop"])


def test_another_thread_has_no_scope(world):
    seen = []
    with policies.scope():
        policies.allowed(world["owner"], A.VIEW, world["shop"])
        thread = threading.Thread(target=lambda: seen.append(policies._scope.get()))
        thread.start()
        thread.join()
    assert seen == [None]


def test_membership_and_status_writes_forget_the_cache(world):
    shop, owner = world["shop"], world["owner"]
    newcomer = UserFactory(email="tho-moi@example.vn")
    vendor_admin = UserFactory(is_staff=True)
    grant(vendor_admin, P.MANAGE_VENDORS)
    with policies.scope():
        assert not policies.allowed(newcomer, A.FULFIL, shop)  # cached: no membership
        vendor_member_add(actor=owner, vendor=shop, email=newcomer.email, role=VendorMemberRole.STAFF)
        assert policies.allowed(newcomer, A.FULFIL, shop)
        assert policies.allowed(owner, A.EDIT, shop)  # cached: ACTIVE
        vendor_suspend(actor=vendor_admin, vendor=shop, reason="Kiểm tra")
        assert not policies.allowed(owner, A.EDIT, shop)
        assert policies.allowed(owner, A.VIEW, shop)


def test_every_request_gets_its_own_scope(world):
    owner = world["owner"]
    counted = []

    def view(request):
        assert policies._scope.get() == {}  # a fresh cache, whatever came before
        with CaptureQueriesContext(connection) as queries:
            answers = [policies.allowed(owner, A.FULFIL, world["shop"].pk) for _ in range(100)]
        counted.append((len(queries), all(answers)))
        return HttpResponse()

    middleware = PolicyScopeMiddleware(view)
    middleware(RequestFactory().get("/"))
    VendorMember.objects.filter(user=owner).delete()

    def refused(request):
        counted.append(policies.allowed(owner, A.FULFIL, world["shop"]))
        return HttpResponse()

    PolicyScopeMiddleware(refused)(RequestFactory().get("/"))
    assert counted == [(1, True), False]
    assert policies._scope.get() is None


def test_an_api_request_sees_the_membership_of_its_time(world):
    """Over HTTP: the first request's answer is not kept for the next one."""
    shop = world["shop"]
    owner = world["owner"]
    client = client_for(owner)
    query = "query ($slug: String!) { vendor(slug: $slug) { commissionRate } }"
    assert data(client.graphql(query, {"slug": shop.slug}))["vendor"] == {"commissionRate": "10.00"}
    VendorMember.objects.filter(user=owner).delete()
    assert data(client.graphql(query, {"slug": shop.slug}))["vendor"] == {"commissionRate": None}


# ---------------------------------------------------------------- the fields the policy guards


PRIVATE = """query ($slug: String!) { vendor(slug: $slug) {
  slug commissionRate members { role user { email } } warehouses { name clickAndCollectOption } } }"""


def test_private_vendor_fields_matrix(vendor_member, customer_user, staff_user):
    own = vendor_member.vendor_memberships.get().vendor
    WarehouseFactory(vendor=own, name="Xưởng Minh")
    other = VendorFactory(slug="other-shop")
    VendorMember.objects.create(
        vendor=own, user=UserFactory(email="staff-of-shop@example.vn"), role=VendorMemberRole.STAFF
    )
    other_member = UserFactory(email="other-owner@example.vn")
    VendorMember.objects.create(vendor=other, user=other_member, role=VendorMemberRole.OWNER)
    vendor_admin = User.objects.create_user("vendors@langnghe.vn", "x", is_staff=True)
    grant(vendor_admin, PermissionEnum.MANAGE_VENDORS)
    slug = own.slug
    hidden = {"slug": slug, "commissionRate": None, "members": None, "warehouses": None}
    for client in (ApiClient(), client_for(customer_user), client_for(other_member), client_for(staff_user)):
        assert data(client.graphql(PRIVATE, {"slug": slug}))["vendor"] == hidden
    for user in (vendor_member, vendor_admin):
        vendor = data(client_for(user).graphql(PRIVATE, {"slug": slug}))["vendor"]
        assert vendor["commissionRate"] == "10.00"
        assert {m["user"]["email"] for m in vendor["members"]} == {
            vendor_member.email,
            "staff-of-shop@example.vn",
        }
        assert vendor["warehouses"] == [{"name": "Xưởng Minh", "clickAndCollectOption": "DISABLED"}]


def test_private_fields_of_many_shops_cost_the_same_queries_as_one(staff_user, vendor_member):
    grant(staff_user, PermissionEnum.MANAGE_VENDORS)
    WarehouseFactory(vendor=vendor_member.vendor_memberships.get().vendor)
    query = (
        "{ vendors(first: 50) { edges { node { commissionRate members { role } warehouses { name } } } } }"
    )
    client = client_for(staff_user)
    with CaptureQueriesContext(connection) as few:
        assert len(data(client.graphql(query))["vendors"]["edges"]) == 1
    for index in range(5):
        shop = VendorFactory(slug=f"more-{index}")
        WarehouseFactory(vendor=shop)
        VendorMember.objects.create(vendor=shop, user=UserFactory(), role=VendorMemberRole.OWNER)
    with CaptureQueriesContext(connection) as many:
        assert len(data(client.graphql(query))["vendors"]["edges"]) == 6
    assert len(few) == len(many)
