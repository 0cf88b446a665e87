"""Shops' descriptions are plain text (``String`` in the contract): vendorApply and
vendorUpdate strip any markup -- including markup smuggled in as entities -- so a storefront
showing them cannot run a seller's script; search reads the cleaned text only."""

import pytest

from marketplace.accounts.models import User
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data
from tests.factories import VendorFactory
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<b>Gốm</b> <script>trommatkhau()</script> Bát Tràng &lt;img src=x onerror=alert(1)&gt; "
    '<a href="javascript:alert(1)">xem</a> R&D, 5 < 6 &amp;amp;lt;iframe&amp;amp;gt;'
)
CLEANED = "Gốm Bát Tràng xem R&D, 5 < 6"
WORKSHOP = {"streetAddress1": "Số 8 xóm 3", "city": "xa bat trang", "countryArea": "ha noi"}
APPLY = """mutation ($input: VendorApplyInput!) { vendorApply(input: $input) {
  vendor { description } errors { field code message } } }"""
UPDATE = """mutation ($id: ID!, $input: VendorUpdateInput!) { vendorUpdate(id: $id, input: $input) {
  vendor { description } errors { field code message } } }"""
SEARCH = "query ($q: String!) { vendors(first: 5, search: $q) { edges { node { slug description } } } }"


@pytest.fixture
def applicant(db):
    return User.objects.create_user("ung-vien@example.vn", "lang-nghe-2026!")


def test_vendor_apply_strips_markup_from_the_description(applicant, seeded_channels):
    result = data(
        client_for(applicant).graphql(
            APPLY, {"input": {"name": "Gốm Minh", "description": HOSTILE, "address": WORKSHOP}}
        )
    )
    assert result["vendorApply"] == {"vendor": {"description": CLEANED}, "errors": []}
    assert Vendor.objects.get().description == CLEANED


def test_a_too_long_description_is_refused_and_nothing_is_created(applicant, seeded_channels):
    result = data(
        client_for(applicant).graphql(
            APPLY, {"input": {"name": "Gốm Minh", "description": "x" * 5001, "address": WORKSHOP}}
        )
    )
    assert result["vendorApply"]["vendor"] is None
    assert [(e["field"], e["code"]) for e in result["vendorApply"]["errors"]] == [("description", "INVALID")]
    assert not Vendor.objects.exists()


@pytest.fixture
def shop(seeded_channels):
    vendor = VendorFactory(slug="gom-minh", name="Gốm Minh", description="Gốm men lam")
    owner = User.objects.create_user("minh@example.vn", "x")
    VendorMember.objects.create(vendor=vendor, user=owner, role=VendorMemberRole.OWNER)
    return vendor, client_for(owner)


def test_vendor_update_strips_markup_and_search_reads_the_cleaned_text(shop):
    vendor, owner = shop
    result = data(
        owner.graphql(UPDATE, {"id": to_id("Vendor", vendor.pk), "input": {"description": HOSTILE}})
    )
    assert result["vendorUpdate"] == {"vendor": {"description": CLEANED}, "errors": []}
    public = ApiClient()
    assert data(public.graphql(SEARCH, {"q": "bat trang xem"}))["vendors"]["edges"] == [
        {"node": {"slug": "gom-minh", "description": CLEANED}}
    ]
    for word in ("trommatkhau", "onerror", "javascript", "iframe", "script"):
        assert data(public.graphql(SEARCH, {"q": word}))["vendors"]["edges"] == [], word


def test_vendor_update_refuses_a_too_long_description_and_changes_nothing(shop):
    vendor, owner = shop
    result = data(
        owner.graphql(
            UPDATE, {"id": to_id("Vendor", vendor.pk), "input": {"name": "Khác", "description": "đ" * 5001}}
        )
    )
    assert [(e["field"], e["code"]) for e in result["vendorUpdate"]["errors"]] == [("description", "INVALID")]
    vendor.refresh_from_db()
    assert (vendor.name, vendor.description) == ("Gốm Minh", "Gốm men lam")
