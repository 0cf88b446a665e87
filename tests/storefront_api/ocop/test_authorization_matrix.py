"""Who may review OCOP certificates over the API: anonymous, customer, another shop's member,
the shop's own member, staff without the permission, and the allowed parties."""

import pytest
from django.core import mail

from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.vendors.ocop.helpers import certificate
from vendors.ocop.models import OcopCertificate, OcopCertificateStatus

pytestmark = pytest.mark.django_db
SUBMITTED, VERIFIED = OcopCertificateStatus.SUBMITTED, OcopCertificateStatus.VERIFIED

VERIFY = """mutation ($id: ID!) { ocopCertificateVerify(id: $id) {
  ocopCertificate { status isValid reviewNote } errors { field code message } } }"""
REJECT = """mutation ($id: ID!, $note: String!) { ocopCertificateReject(id: $id, note: $note) {
  ocopCertificate { status isValid reviewNote } errors { field code message } } }"""
REVOKE = """mutation ($id: ID!, $note: String!) { ocopCertificateRevoke(id: $id, note: $note) {
  ocopCertificate { status isValid reviewNote } errors { field code message } } }"""
LIST = """query ($status: OcopCertificateStatusEnum, $after: String) {
  ocopCertificates(first: 1, after: $after, status: $status) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { decisionNumber status product { slug } vendor { slug } } } } }"""

DENIED = ("anonymous", "customer", "other shop's member", "the shop's member", "staff without the permission")


@pytest.fixture
def parties(shops, customer_user, staff_user, curator):
    ocop_admin = User.objects.create_user("ocop@langnghe.vn", "x", is_staff=True)
    grant(ocop_admin, PermissionEnum.MANAGE_OCOP)
    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_SHOWCASE)  # not MANAGE_OCOP
    _, app_token = app_create(name="ocop-sync", permissions=[PermissionEnum.MANAGE_OCOP])
    _, bare_token = app_create(name="bare", permissions=[])
    return {
        "anonymous": ApiClient(),
        "customer": client_for(customer_user),
        "other shop's member": client_for(shops.other_owner),
        "the shop's member": client_for(shops.owner),
        "staff without the permission": client_for(staff_user),
        "app without the permission": ApiClient(token=bare_token),
        "curator": client_for(curator),
        "staff with the permission": client_for(ocop_admin),
        "app with the permission": ApiClient(token=app_token),
    }


def _denied(content, name):
    # ocopCertificates is non-null, so its error nulls the whole ``data``
    assert (content["data"] or {}).get(name) is None, content
    assert error_codes(content) == ["PermissionDenied"], content


@pytest.mark.parametrize(
    ("document", "name", "variables"),
    [(VERIFY, "ocopCertificateVerify", {}), (REJECT, "ocopCertificateReject", {"note": "Bản quét mờ"})],
)
def test_verify_and_reject_matrix(shops, parties, document, name, variables):
    cert = certificate(shops.product, status=SUBMITTED)
    for party in (*DENIED, "app without the permission"):
        _denied(
            parties[party].graphql(document, {"id": to_id("OcopCertificate", cert.pk), **variables}), name
        )
    cert.refresh_from_db()
    assert cert.status == SUBMITTED and not mail.outbox
    expected = VERIFIED if name == "ocopCertificateVerify" else OcopCertificateStatus.REJECTED
    for party in ("curator", "staff with the permission", "app with the permission"):
        cert = certificate(shops.product, status=SUBMITTED)
        result = data(
            parties[party].graphql(document, {"id": to_id("OcopCertificate", cert.pk), **variables})
        )
        assert result[name]["errors"] == [], party
        assert result[name]["ocopCertificate"]["status"] == expected
        assert result[name]["ocopCertificate"]["isValid"] is (expected == VERIFIED)
    assert len(mail.outbox) == 3 and {tuple(m.to) for m in mail.outbox} == {(shops.owner.email,)}


def test_revoke_matrix(shops, parties):
    cert = certificate(shops.product, status=VERIFIED)
    variables = {"id": to_id("OcopCertificate", cert.pk), "note": "Thu hồi"}
    for party in (*DENIED, "app without the permission", "app with the permission"):
        _denied(parties[party].graphql(REVOKE, variables), "ocopCertificateRevoke")
    cert.refresh_from_db()
    assert cert.status == VERIFIED and not mail.outbox
    for party in ("curator", "staff with the permission"):
        cert = certificate(shops.product, status=VERIFIED)
        variables = {"id": to_id("OcopCertificate", cert.pk), "note": "Thu hồi"}
        result = data(parties[party].graphql(REVOKE, variables))["ocopCertificateRevoke"]
        assert result == {
            "ocopCertificate": {"status": "REVOKED", "isValid": False, "reviewNote": "Thu hồi"},
            "errors": [],
        }, party
    assert len(mail.outbox) == 2


def test_typed_errors_of_reviews(shops, parties):
    client = parties["curator"]
    verified = certificate(shops.product, status=VERIFIED)
    submitted = certificate(shops.product, status=SUBMITTED)

    def errors(document, name, **variables):
        return [(e["field"], e["code"]) for e in data(client.graphql(document, variables))[name]["errors"]]

    assert errors(VERIFY, "ocopCertificateVerify", id=to_id("OcopCertificate", verified.pk)) == [
        ("id", "INVALID_STATUS")
    ]
    assert errors(REJECT, "ocopCertificateReject", id=to_id("OcopCertificate", verified.pk), note="x") == [
        ("id", "INVALID_STATUS")
    ]
    assert errors(REVOKE, "ocopCertificateRevoke", id=to_id("OcopCertificate", submitted.pk), note="x") == [
        ("id", "INVALID_STATUS")
    ]
    assert errors(VERIFY, "ocopCertificateVerify", id=to_id("Product", shops.product.pk)) == [
        ("id", "INVALID")
    ]
    assert errors(VERIFY, "ocopCertificateVerify", id="not-an-id") == [("id", "INVALID")]
    assert errors(VERIFY, "ocopCertificateVerify", id=to_id("OcopCertificate", 10**9)) == [
        ("id", "NOT_FOUND")
    ]
    assert errors(REJECT, "ocopCertificateReject", id=to_id("OcopCertificate", submitted.pk), note=" ") == [
        ("note", "REQUIRED")
    ]
    assert set(OcopCertificate.objects.values_list("status", flat=True)) == {VERIFIED, SUBMITTED}
    assert not mail.outbox


def test_review_list_matrix(shops, parties):
    first = certificate(shops.product, status=SUBMITTED, decision_number="1/QĐ-UBND")
    certificate(shops.other_product, status=SUBMITTED, decision_number="2/QĐ-UBND")
    certificate(shops.other_product, status=VERIFIED, decision_number="3/QĐ-UBND")
    for party in (*DENIED, "app without the permission"):
        _denied(parties[party].graphql(LIST, {"status": "SUBMITTED"}), "ocopCertificates")
    for party in ("curator", "staff with the permission", "app with the permission"):
        page = data(parties[party].graphql(LIST, {"status": "SUBMITTED"}))["ocopCertificates"]
        assert page["totalCount"] == 2 and page["pageInfo"]["hasNextPage"], party
        assert page["edges"] == [
            {
                "node": {
                    "decisionNumber": first.decision_number,
                    "status": "SUBMITTED",
                    "product": {"slug": shops.product.slug},
                    "vendor": {"slug": shops.vendor.slug},
                }
            }
        ]
        after = page["pageInfo"]["endCursor"]
        second = data(parties[party].graphql(LIST, {"status": "SUBMITTED", "after": after}))[
            "ocopCertificates"
        ]
        assert [e["node"]["decisionNumber"] for e in second["edges"]] == ["2/QĐ-UBND"]
    everything = data(parties["curator"].graphql(LIST.replace("first: 1", "first: 100"), {}))
    assert everything["ocopCertificates"]["totalCount"] == 3
