"""Who may call each showcase mutation over the API: anonymous, customer, another shop's
member, staff without the permission, and the allowed party. Refusals change nothing."""

import pytest
from django.core import mail

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Collection, CollectionProduct
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import UserFactory, channel, published_collection
from tests.marketplace.curation.helpers import submission

pytestmark = pytest.mark.django_db
PENDING, APPROVED = ShowcaseSubmissionStatus.PENDING, ShowcaseSubmissionStatus.APPROVED
DENIED = ("anonymous", "customer", "other shop's member", "staff without the permission")

CREATE = """mutation ($id: ID!) { showcaseSubmissionCreate(productId: $id, pitch: "Men lam") {
  showcaseSubmission { status pitch } errors { field code message } } }"""
WITHDRAW = """mutation ($id: ID!) { showcaseSubmissionWithdraw(id: $id) {
  showcaseSubmission { status } errors { field code message } } }"""
REVIEW = """mutation ($id: ID!) { showcaseSubmissionReview(id: $id, decision: APPROVE, curatorNote: "Đẹp") {
  showcaseSubmission { status curatorNote reviewedBy { email } } errors { field code message } } }"""


@pytest.fixture
def parties(shops, customer_user, staff_user, curator):
    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_OCOP)  # not MANAGE_SHOWCASE
    return {
        "anonymous": ApiClient(),
        "customer": client_for(customer_user),
        "other shop's member": client_for(shops.other_owner),
        "staff without the permission": client_for(staff_user),
        "the shop's member": client_for(shops.owner),
        "curator": client_for(curator),
    }


def _refused(content, name, party):
    """Anonymous callers (and, for curator-only mutations, everyone else) get a top-level
    PermissionDenied; signed-in callers outside the scope get a typed NOT_FOUND."""
    if content.get("errors"):
        assert error_codes(content) == ["PermissionDenied"], (party, content)
        assert content["data"][name] is None
        return None
    return content["data"][name]["errors"]


def test_create_matrix(shops, parties):
    staff_without_any = UserFactory(email="staff2@langnghe.vn", is_staff=True)
    product_id = to_id("Product", shops.product.pk)
    assert (
        _refused(parties["anonymous"].graphql(CREATE, {"id": product_id}), "showcaseSubmissionCreate", "")
        is None
    )
    parties["staff without the permission"] = client_for(staff_without_any)
    for party in ("customer", "other shop's member", "staff without the permission", "curator"):
        errors = _refused(
            parties[party].graphql(CREATE, {"id": product_id}), "showcaseSubmissionCreate", party
        )
        assert [(e["field"], e["code"]) for e in errors] == [("productId", "NOT_FOUND")], party
    assert not ShowcaseSubmission.objects.exists()
    result = data(parties["the shop's member"].graphql(CREATE, {"id": product_id}))[
        "showcaseSubmissionCreate"
    ]
    assert result == {"showcaseSubmission": {"status": "PENDING", "pitch": "Men lam"}, "errors": []}
    again = data(parties["the shop's member"].graphql(CREATE, {"id": product_id}))["showcaseSubmissionCreate"]
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("productId", "UNIQUE")]


def test_withdraw_matrix(shops, parties):
    pending = submission(shops.product)
    variables = {"id": to_id("ShowcaseSubmission", pending.pk)}
    assert (
        _refused(parties["anonymous"].graphql(WITHDRAW, variables), "showcaseSubmissionWithdraw", "") is None
    )
    for party in ("customer", "other shop's member", "staff without the permission"):
        errors = _refused(parties[party].graphql(WITHDRAW, variables), "showcaseSubmissionWithdraw", party)
        assert [(e["field"], e["code"]) for e in errors] == [("id", "NOT_FOUND")], party
    pending.refresh_from_db()
    assert pending.status == PENDING and not mail.outbox
    for party in ("the shop's member", "curator"):
        result = data(parties[party].graphql(WITHDRAW, variables))["showcaseSubmissionWithdraw"]
        if party == "the shop's member":
            assert result == {"showcaseSubmission": {"status": "WITHDRAWN"}, "errors": []}
        else:  # already withdrawn
            assert [e["code"] for e in result["errors"]] == ["INVALID_STATUS"]
    curated = submission(shops.other_product)
    result = data(parties["curator"].graphql(WITHDRAW, {"id": to_id("ShowcaseSubmission", curated.pk)}))
    assert result["showcaseSubmissionWithdraw"]["showcaseSubmission"] == {"status": "WITHDRAWN"}


def test_a_suspended_shops_member_cannot_withdraw_but_a_curator_can(shops, parties):
    """README: a suspended shop writes nothing (its members still read)."""
    from vendors.shops.models import VendorStatus

    approved = submission(shops.product, status=APPROVED)
    shops.vendor.status = VendorStatus.SUSPENDED
    shops.vendor.save(update_fields=["status"])
    variables = {"id": to_id("ShowcaseSubmission", approved.pk)}
    content = parties["the shop's member"].graphql(WITHDRAW, variables)
    assert error_codes(content) == ["PermissionDenied"]
    assert content["data"]["showcaseSubmissionWithdraw"] is None
    approved.refresh_from_db()
    assert (approved.status, approved.withdrawn_at, approved.withdrawn_by) == (APPROVED, None, None)
    assert not mail.outbox
    result = data(parties["curator"].graphql(WITHDRAW, variables))["showcaseSubmissionWithdraw"]
    assert result == {"showcaseSubmission": {"status": "WITHDRAWN"}, "errors": []}


def test_review_matrix(shops, parties, curator):
    pending = submission(shops.product)
    variables = {"id": to_id("ShowcaseSubmission", pending.pk)}
    for party in (*DENIED, "the shop's member"):
        content = parties[party].graphql(REVIEW, variables)
        assert error_codes(content) == ["PermissionDenied"], party
        assert content["data"]["showcaseSubmissionReview"] is None
    pending.refresh_from_db()
    assert pending.status == PENDING and not mail.outbox
    result = data(parties["curator"].graphql(REVIEW, variables))["showcaseSubmissionReview"]
    assert result["errors"] == []
    assert result["showcaseSubmission"] == {
        "status": "APPROVED",
        "curatorNote": "Đẹp",
        "reviewedBy": {"email": curator.email},
    }
    assert [m.to for m in mail.outbox] == [[shops.owner.email]]
    twice = data(parties["curator"].graphql(REVIEW, variables))["showcaseSubmissionReview"]
    assert [(e["field"], e["code"]) for e in twice["errors"]] == [("id", "INVALID_STATUS")]


LIST = """query ($status: ShowcaseSubmissionStatusEnum) {
  showcaseSubmissions(first: 10, status: $status) {
    totalCount edges { node { status product { slug channel } vendor { slug } reviewedBy { email } } } } }"""


def test_list_scope(shops, parties, curator):
    approved = submission(shops.product, status=APPROVED, reviewed_by=curator)
    submission(shops.other_product)
    seen = {}
    for party, client in parties.items():
        content = data(client.graphql(LIST))["showcaseSubmissions"]
        seen[party] = sorted(e["node"]["product"]["slug"] for e in content["edges"])
    assert seen == {
        "anonymous": [],
        "customer": [],
        "other shop's member": ["khan-lua"],
        "staff without the permission": [],
        "the shop's member": ["binh-gom"],
        "curator": ["binh-gom", "khan-lua"],
    }
    member_view = data(parties["the shop's member"].graphql(LIST))["showcaseSubmissions"]["edges"][0]["node"]
    assert member_view["reviewedBy"] is None and member_view["product"]["channel"] == "design-centre"
    curator_view = data(parties["curator"].graphql(LIST, {"status": "APPROVED"}))["showcaseSubmissions"]
    assert curator_view["totalCount"] == 1
    assert curator_view["edges"][0]["node"]["reviewedBy"] == {"email": curator.email}
    assert approved.pk


COLLECTION_OPS = {
    "collectionCreate": (
        'mutation { collectionCreate(input: {name: "Gốm men lam"}) { collection { slug } errors { code } } }',
        lambda ctx: {},
    ),
    "collectionUpdate": (
        'mutation ($id: ID!) { collectionUpdate(id: $id, input: {name: "Mới"}) { collection { name } errors { code } } }',
        lambda ctx: {"id": ctx["collection"]},
    ),
    "collectionAddProducts": (
        "mutation ($id: ID!, $p: [ID!]!) { collectionAddProducts(collectionId: $id, products: $p) {"
        " collection { slug } errors { field code } } }",
        lambda ctx: {"id": ctx["collection"], "p": [ctx["product"]]},
    ),
    "collectionReorderProducts": (
        "mutation ($id: ID!, $p: ID!) { collectionReorderProducts(collectionId: $id,"
        " moves: [{productId: $p, sortOrder: 1}]) { collection { slug } errors { field code } } }",
        lambda ctx: {"id": ctx["collection"], "p": ctx["product"]},
    ),
    "collectionRemoveProducts": (
        "mutation ($id: ID!, $p: [ID!]!) { collectionRemoveProducts(collectionId: $id, products: $p) {"
        " collection { slug } errors { field code } } }",
        lambda ctx: {"id": ctx["collection"], "p": [ctx["product"]]},
    ),
    "collectionChannelListingUpdate": (
        "mutation ($id: ID!, $c: ID!) { collectionChannelListingUpdate(id: $id,"
        " input: {addChannels: [{channelId: $c, isPublished: true}]}) { collection { slug } errors { field code } } }",
        lambda ctx: {"id": ctx["collection"], "c": ctx["channel"]},
    ),
    "collectionTranslate": (
        'mutation ($id: ID!) { collectionTranslate(id: $id, languageCode: EN, input: {name: "Blue"}) {'
        " translation { name } errors { code } } }",
        lambda ctx: {"id": ctx["collection"]},
    ),
    "collectionDelete": (
        "mutation ($id: ID!) { collectionDelete(id: $id) { collection { slug } errors { code } } }",
        lambda ctx: {"id": ctx["collection"]},
    ),
}


def test_collection_mutations_matrix(shops, parties, curator):
    submission(shops.product, status=APPROVED)
    collection = published_collection(channel_slug="design-centre", slug="gom-men-lam")
    ctx = {
        "collection": to_id("Collection", collection.pk),
        "product": to_id("Product", shops.product.pk),
        "channel": to_id("Channel", channel("design-centre").pk),
    }

    def state():
        return (
            sorted(Collection.objects.values_list("slug", "name")),
            sorted(CollectionProduct.objects.values_list("product_id", "sort_order")),
        )

    for name, (document, variables) in COLLECTION_OPS.items():
        before = state()
        for party in (*DENIED, "the shop's member"):
            content = parties[party].graphql(document, variables(ctx))
            assert error_codes(content) == ["PermissionDenied"], (name, party)
        assert state() == before, name
        result = data(parties["curator"].graphql(document, variables(ctx)))[name]
        assert result["errors"] == [], (name, result)
    assert not Collection.objects.filter(pk=collection.pk).exists()
    assert Collection.objects.filter(name="Gốm men lam").count() == 1  # the one collectionCreate made
