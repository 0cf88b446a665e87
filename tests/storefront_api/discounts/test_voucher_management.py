"""voucherCreate/voucherUpdate/voucherDelete and the vouchers list: who may (an authorization
matrix per mutation) and hostile input (typed errors, nothing written)."""

import pytest

from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.permissions import PermissionEnum
from marketplace.discounts.models import Voucher, VoucherCode
from tests.checkout_helpers import gid
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import UserFactory, VendorFactory
from tests.storefront_api.discounts.helpers import days, make_voucher, member
from vendors.shops.models import VendorMemberRole, VendorStatus

pytestmark = pytest.mark.django_db

CREATE = """mutation ($input: VoucherInput!) { voucherCreate(input: $input) {
  errors { field code message } voucher { id code vendor { slug } } } }"""
UPDATE = """mutation ($id: ID!, $input: VoucherInput!) { voucherUpdate(id: $id, input: $input) {
  errors { field code message } voucher { name discountValue usageLimit applyOncePerCustomer } } }"""
DELETE = (
    """mutation ($id: ID!) { voucherDelete(id: $id) { errors { field code message } voucher { id name } } }"""
)
LIST = """query { vouchers(first: 20) { totalCount edges { node { code vendor { slug } } } } }"""


@pytest.fixture
def parties(seeded_channels, staff_user):  # type: ignore[no-untyped-def]
    shop, other = VendorFactory(), VendorFactory()
    manager = UserFactory(is_staff=True)
    grant(manager, PermissionEnum.MANAGE_DISCOUNTS)
    grant(staff_user, PermissionEnum.MANAGE_ORDERS, PermissionEnum.MANAGE_PRODUCTS)
    curator = UserFactory(is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    _, app_token = app_create(name="khuyen-mai", permissions=[PermissionEnum.MANAGE_DISCOUNTS])
    return {
        "shop": shop,
        "other": other,
        "clients": {
            "anonymous": ApiClient(),
            "customer": client_for(UserFactory()),
            "other shop's owner": member(other),
            "the shop's staff member": member(shop, VendorMemberRole.STAFF),
            "the shop's owner": member(shop),
            "curator": client_for(curator),
            "staff without the permission": client_for(staff_user),
            "staff with MANAGE_DISCOUNTS": client_for(manager),
            "app with MANAGE_DISCOUNTS": ApiClient(token=app_token),
        },
    }


SHOP_VOUCHER_ALLOWED = {"the shop's owner", "staff with MANAGE_DISCOUNTS", "app with MANAGE_DISCOUNTS"}
MARKETPLACE_ALLOWED = {"staff with MANAGE_DISCOUNTS", "app with MANAGE_DISCOUNTS"}


def _input(code, vendor=None):  # type: ignore[no-untyped-def]
    values = {
        "addCodes": [code],
        "discountValueType": "PERCENTAGE",
        "discountValue": 5,
        "channel": "default-channel",
    }
    if vendor is not None:
        values["vendor"] = gid("Vendor", vendor.pk)
    return values


@pytest.mark.parametrize("kind", ["shop", "marketplace"])
def test_voucher_create_matrix(parties, kind):
    vendor = parties["shop"] if kind == "shop" else None
    allowed = SHOP_VOUCHER_ALLOWED if kind == "shop" else MARKETPLACE_ALLOWED
    for n, (name, client) in enumerate(parties["clients"].items()):
        content = client.graphql(CREATE, {"input": _input(f"MA{n}", vendor)})
        if name in allowed:
            result = data(content)["voucherCreate"]
            assert result["errors"] == [] and result["voucher"]["code"] == f"MA{n}", name
        else:
            assert error_codes(content) == ["PermissionDenied"], name
            assert content["data"]["voucherCreate"] is None
    assert set(VoucherCode.objects.values_list("code", flat=True)) == {
        f"MA{n}" for n, name in enumerate(parties["clients"]) if name in allowed
    }


def test_a_suspended_shops_owner_cannot_create(parties):
    parties["shop"].status = VendorStatus.SUSPENDED
    parties["shop"].save()
    content = parties["clients"]["the shop's owner"].graphql(
        CREATE, {"input": _input("TAMNGUNG", parties["shop"])}
    )
    assert error_codes(content) == ["PermissionDenied"] and not Voucher.objects.exists()


@pytest.mark.parametrize("mutation", ["voucherUpdate", "voucherDelete"])
@pytest.mark.parametrize("kind", ["shop", "marketplace"])
def test_voucher_update_and_delete_matrix(parties, mutation, kind):
    vendor = parties["shop"] if kind == "shop" else None
    allowed = SHOP_VOUCHER_ALLOWED if kind == "shop" else MARKETPLACE_ALLOWED
    document = UPDATE if mutation == "voucherUpdate" else DELETE
    for name, client in parties["clients"].items():
        voucher = make_voucher(code=f"VOUCHER{Voucher.objects.count()}", vendor=vendor, name="Cũ")
        variables = {"id": gid("Voucher", voucher.pk)}
        if mutation == "voucherUpdate":
            variables["input"] = {"name": "Mới", "usageLimit": 3}
        content = client.graphql(document, variables)
        if name in allowed:
            assert data(content)[mutation]["errors"] == [], name
            if mutation == "voucherUpdate":
                assert data(content)[mutation]["voucher"]["name"] == "Mới"
            else:
                assert data(content)[mutation]["voucher"] == {"id": variables["id"], "name": "Cũ"}
                assert not Voucher.objects.filter(pk=voucher.pk).exists()
            continue
        if name == "anonymous" or name == "the shop's staff member" and kind == "shop":
            assert error_codes(content) == ["PermissionDenied"], name  # the staff member sees, may not change
        else:  # not theirs to see: as if it did not exist
            assert data(content)[mutation]["errors"] == [
                {"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a voucher."}
            ], name
        voucher.refresh_from_db()
        assert voucher.name == "Cũ" and voucher.usage_limit is None, name


def test_the_vouchers_list_shows_each_party_its_own(parties):
    make_voucher(code="CUAHANG", vendor=parties["shop"])
    make_voucher(code="CUAKHAC", vendor=parties["other"])
    make_voucher(code="CUASAN")
    expected = {
        "customer": set(),
        "other shop's owner": {"CUAKHAC"},
        "the shop's staff member": {"CUAHANG"},
        "the shop's owner": {"CUAHANG"},
        "curator": set(),
        "staff without the permission": set(),
        "staff with MANAGE_DISCOUNTS": {"CUAHANG", "CUAKHAC", "CUASAN"},
        "app with MANAGE_DISCOUNTS": {"CUAHANG", "CUAKHAC", "CUASAN"},
    }
    clients = parties["clients"]
    assert error_codes(clients["anonymous"].graphql(LIST)) == ["PermissionDenied"]
    for name, codes in expected.items():
        result = data(clients[name].graphql(LIST))["vouchers"]
        assert {edge["node"]["code"] for edge in result["edges"]} == codes, name
        assert result["totalCount"] == len(codes)
    one = "query($id: ID!) { voucher(id: $id) { code codes(first: 5) { edges { node { code used } } } } }"
    theirs = gid("Voucher", Voucher.objects.get(codes__code="CUAKHAC").pk)
    assert data(clients["the shop's owner"].graphql(one, {"id": theirs}))["voucher"] is None
    mine = data(clients["other shop's owner"].graphql(one, {"id": theirs}))["voucher"]
    assert mine == {"code": "CUAKHAC", "codes": {"edges": [{"node": {"code": "CUAKHAC", "used": 0}}]}}


BAD_INPUT = [
    ({"discountValue": 0}, "discountValue", "INVALID"),
    ({"discountValue": 150}, "discountValue", "INVALID"),
    ({"discountValue": "10.555"}, "discountValue", "INVALID"),
    ({"discountValueType": "FIXED", "discountValue": "1000.5"}, "discountValue", "INVALID"),
    ({"discountValueType": "FIXED", "discountValue": "1000000000"}, "discountValue", "INVALID"),
    ({"minAmountSpent": "100.5"}, "minAmountSpent", "INVALID"),
    ({"addCodes": ["X" * 65]}, "addCodes", "INVALID"),
    ({"addCodes": ["TET 2027"]}, "addCodes", "INVALID"),
    ({"addCodes": ["TẾT2027"]}, "addCodes", "INVALID"),
    ({"addCodes": ["AB"]}, "addCodes", "INVALID"),
    ({"addCodes": [f"C{i:03}" for i in range(51)]}, "addCodes", "INVALID"),
    ({"addCodes": ["DOI", "doi"]}, "addCodes", "DUPLICATED_INPUT_ITEM"),
    ({"addCodes": ["daco"]}, "addCodes", "UNIQUE"),
    ({"addCodes": []}, "addCodes", "REQUIRED"),
    ({"startDate": days(5).isoformat(), "endDate": days(1).isoformat()}, "endDate", "INVALID"),
    ({"channel": "khong-co"}, "channel", "NOT_FOUND"),
    ({"type": "SHIPPING"}, "type", "INVALID"),
    ({"usageLimit": 0}, "usageLimit", "INVALID"),
    ({"usageLimit": -3}, "usageLimit", "INVALID"),
    ({"usageLimitPerCustomer": 0}, "usageLimitPerCustomer", "INVALID"),
    ({"name": "n" * 256}, "name", "INVALID"),
]


@pytest.mark.parametrize(("changes", "field", "code"), BAD_INPUT)
def test_hostile_voucher_input_is_refused_with_typed_errors(parties, changes, field, code):
    make_voucher(code="DACO", vendor=parties["other"])
    owner = parties["clients"]["the shop's owner"]
    content = owner.graphql(CREATE, {"input": {**_input("HOPLE", parties["shop"]), **changes}})
    result = data(content)["voucherCreate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert result["voucher"] is None and Voucher.objects.count() == 1


def test_malformed_values_are_400s_not_500s(parties):
    owner = parties["clients"]["the shop's owner"]
    for changes in ({"discountValue": -10}, {"discountValue": "abc"}, {"discountValueType": "HALF"}):
        response = owner.post_graphql(CREATE, {"input": {**_input("HOPLE", parties["shop"]), **changes}})
        assert response.status_code == 400 and response.json()["errors"], changes
        assert Voucher.objects.count() == 0
    content = owner.graphql(CREATE, {"input": _input("HOPLE", parties["other"])})  # another shop's
    assert error_codes(content) == ["PermissionDenied"]


def test_update_keeps_what_is_not_given_and_a_voucher_keeps_its_shop(parties):
    voucher = make_voucher(
        code="GIU", vendor=parties["shop"], value=10, usage_limit=5, apply_once_per_customer=True
    )
    owner = parties["clients"]["the shop's owner"]
    variables = {"id": gid("Voucher", voucher.pk), "input": {"discountValue": 15}}
    result = data(owner.graphql(UPDATE, variables))["voucherUpdate"]
    assert result == {
        "errors": [],
        "voucher": {"name": "", "discountValue": 15.0, "usageLimit": 5, "applyOncePerCustomer": True},
    }
    moved = {"id": variables["id"], "input": {"vendor": gid("Vendor", parties["other"].pk)}}
    assert data(owner.graphql(UPDATE, moved))["voucherUpdate"]["errors"] == [
        {"field": "vendor", "code": "INVALID", "message": "A voucher's shop cannot change."}
    ]
    over = {"id": variables["id"], "input": {"discountValue": 101}}
    assert data(owner.graphql(UPDATE, over))["voucherUpdate"]["errors"][0]["code"] == "INVALID"
    voucher.refresh_from_db()
    assert voucher.vendor_id == parties["shop"].pk and voucher.discount_value == 15
