"""Product.ocop, Product.ocopCertificates, the ocopStars filter and the OCOP_STARS sort over
the API; documents are private (signed S3 URLs for members and reviewers only)."""

import datetime
import urllib.error
import urllib.request

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.accounts.permissions import PermissionEnum
from tests.conftest import ApiClient, client_for, data, grant
from tests.factories import listed_product
from tests.vendors.ocop.helpers import PDF, TODAY, certificate, pdf_upload
from vendors.ocop import services
from vendors.ocop.models import OcopCertificateStatus

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)

PRODUCTS = """query ($filter: ProductFilterInput, $sortBy: ProductOrder) {
  products(first: 100, channel: "default-channel", filter: $filter, sortBy: $sortBy) {
    edges { node { slug
      ocop { stars productGroup decisionNumber issuedBy validUntil }
      ocopCertificates { decisionNumber status isValid validUntil documentUrl reviewNote } } } } }"""


def nodes(client, **variables):
    return [e["node"] for e in data(client.graphql(PRODUCTS, variables))["products"]["edges"]]


def by_slug(client, **variables):
    return {n["slug"]: n for n in nodes(client, **variables)}


def test_badge_for_everyone_certificates_for_members_and_reviewers(
    shops, curator, customer_user, staff_user, today
):
    cert = certificate(shops.product, stars=4, decision_number="1147/QĐ-UBND")
    certificate(shops.product, stars=3, status=OcopCertificateStatus.REJECTED, decision_number="9/QĐ")
    badge = {
        "stars": 4,
        "productGroup": "FOOD",
        "decisionNumber": "1147/QĐ-UBND",
        "issuedBy": "UBND Thành phố Hà Nội",
        "validUntil": cert.valid_until.isoformat(),
    }
    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_VENDORS)
    for client in (
        ApiClient(),
        client_for(customer_user),
        client_for(shops.other_owner),
        client_for(staff_user),
    ):
        products = by_slug(client)
        assert products[shops.product.slug]["ocop"] == badge
        assert products[shops.other_product.slug]["ocop"] is None
        assert all(p["ocopCertificates"] == [] for p in products.values())
    for client in (client_for(shops.owner), client_for(curator)):
        products = by_slug(client)
        assert products[shops.product.slug]["ocop"] == badge
        own = products[shops.product.slug]["ocopCertificates"]
        assert [(c["decisionNumber"], c["status"], c["isValid"]) for c in own] == [
            ("9/QĐ", "REJECTED", False),
            ("1147/QĐ-UBND", "VERIFIED", True),
        ]
        assert all(c["documentUrl"] for c in own)
    assert by_slug(client_for(shops.owner))[shops.other_product.slug]["ocopCertificates"] == []


def test_the_badge_is_gone_the_day_after_expiry(shops, api_client, monkeypatch, today):
    cert = certificate(shops.product, stars=5, valid_until=TODAY)
    certificate(shops.other_product, stars=3, decision_date=TODAY - 10 * DAY)
    stars_sort = {"field": "OCOP_STARS", "direction": "DESC"}

    assert by_slug(api_client)[shops.product.slug]["ocop"]["validUntil"] == TODAY.isoformat()
    assert [n["slug"] for n in nodes(api_client, filter={"ocopStars": [5]})] == [shops.product.slug]
    assert [n["slug"] for n in nodes(api_client, sortBy=stars_sort)] == [
        shops.product.slug,
        shops.other_product.slug,
    ]

    monkeypatch.setattr("django.utils.timezone.localdate", lambda value=None, timezone=None: TODAY + DAY)
    assert by_slug(api_client)[shops.product.slug]["ocop"] is None
    assert nodes(api_client, filter={"ocopStars": [5]}) == []
    assert [n["slug"] for n in nodes(api_client, sortBy=stars_sort)] == [
        shops.other_product.slug,
        shops.product.slug,
    ]
    cert.refresh_from_db()
    assert cert.status == OcopCertificateStatus.VERIFIED and cert.expired_marked_at is None  # no job ran


def test_filter_and_sort_agree_with_the_badge(shops, api_client, today):
    upgraded, five = shops.product, shops.other_product
    certificate(upgraded, stars=3, decision_date=TODAY - 400 * DAY, decision_number="1/QĐ")
    certificate(upgraded, stars=4, decision_date=TODAY - 5 * DAY, decision_number="2/QĐ")
    certificate(five, stars=5, decision_number="3/QĐ")
    plain = listed_product(vendor=shops.vendor, slug="a-plain-vase")
    revoked = listed_product(vendor=shops.vendor, slug="b-revoked")
    certificate(revoked, stars=5, status=OcopCertificateStatus.REVOKED, decision_number="4/QĐ")

    def slugs(**variables):
        return [n["slug"] for n in nodes(api_client, **variables)]

    assert slugs(filter={"ocopStars": [3]}) == []
    assert slugs(filter={"ocopStars": [4]}) == [upgraded.slug]
    assert sorted(slugs(filter={"ocopStars": [3, 4, 5]})) == sorted([upgraded.slug, five.slug])
    ranked = nodes(api_client, sortBy={"field": "OCOP_STARS", "direction": "DESC"})
    assert [(n["slug"], (n["ocop"] or {}).get("stars")) for n in ranked] == [
        (five.slug, 5),
        (upgraded.slug, 4),
        (revoked.slug, None),
        (plain.slug, None),
    ]
    ascending = nodes(api_client, sortBy={"field": "OCOP_STARS", "direction": "ASC"})
    assert [n["slug"] for n in ascending] == [plain.slug, revoked.slug, upgraded.slug, five.slug]


def test_paging_through_the_ocop_sort(shops, api_client, today):
    for index in range(5):
        product = listed_product(vendor=shops.vendor, slug=f"p-{index}")
        if index % 2:
            certificate(product, stars=3 + index % 3, decision_number=f"{index}/QĐ")
    document = """query ($after: String) { products(first: 2, after: $after, channel: "default-channel",
      sortBy: {field: OCOP_STARS, direction: DESC}) { edges { node { slug ocop { stars } } }
      pageInfo { hasNextPage endCursor } } }"""
    seen, after = [], None
    while True:
        page = data(api_client.graphql(document, {"after": after}))["products"]
        seen += [(e["node"]["slug"], (e["node"]["ocop"] or {}).get("stars", 0)) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 7 and len({slug for slug, _ in seen}) == 7
    assert [stars for _, stars in seen] == sorted((stars for _, stars in seen), reverse=True)


def test_ocop_fields_cost_the_same_for_one_and_many_products(shops, curator, api_client, today):
    def count(client):
        with CaptureQueriesContext(connection) as captured:
            nodes(client)
        return len(captured)

    certificate(shops.product, decision_number="1/QĐ")
    clients = {"anonymous": api_client, "member": client_for(shops.owner), "curator": client_for(curator)}
    before = {name: count(client) for name, client in clients.items()}
    for index in range(8):
        product = listed_product(
            vendor=shops.vendor if index % 2 else shops.other_vendor, slug=f"more-{index}"
        )
        certificate(product, stars=3 + index % 3, decision_number=f"{index + 10}/QĐ")
        certificate(product, status=OcopCertificateStatus.SUBMITTED, decision_number=f"{index + 20}/QĐ")
    after = {name: count(client) for name, client in clients.items()}
    assert before == after, (before, after)


def test_documents_are_private_on_s3(shops, curator, s3_storage, today):
    cert = services.certificate_submit(
        actor=shops.owner,
        product_id=shops.product.pk,
        stars=4,
        score=80,
        product_group="HANDICRAFTS",
        decision_number="1147/QĐ-UBND",
        decision_date=TODAY - 10 * DAY,
        issued_by="UBND Thành phố Hà Nội",
        document=pdf_upload(),
    )
    stored = s3_storage.client.get_object(Bucket=s3_storage.private, Key=f"private/{cert.document}")
    assert stored["Body"].read() == PDF
    assert "Contents" not in s3_storage.client.list_objects_v2(Bucket=s3_storage.public)

    assert by_slug(ApiClient())[shops.product.slug]["ocopCertificates"] == []
    for client in (client_for(shops.owner), client_for(curator)):
        (found,) = by_slug(client)[shops.product.slug]["ocopCertificates"]
        url = found["documentUrl"]
        assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (the test S3 server)
            assert response.read() == PDF
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url.split("?")[0], timeout=10)  # noqa: S310
    assert refused.value.code == 403
