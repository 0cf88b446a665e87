"""ocopCertificateSubmit over HTTP (GraphQL multipart request): the authorization matrix,
typed errors for bad input, and nothing stored when refused."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.accounts.permissions import PermissionEnum
from storefront_api.core.ids import to_id
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.vendors.ocop.helpers import HTML, PDF, TODAY, pdf_upload, stored_files
from vendors.ocop.models import OcopCertificate
from vendors.shops.models import VendorStatus

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)

SUBMIT = """mutation ($input: OcopCertificateSubmitInput!) { ocopCertificateSubmit(input: $input) {
  ocopCertificate { status stars score productGroup decisionNumber decisionDate issuedBy validUntil isValid
    documentUrl reviewNote product { slug } vendor { slug } }
  errors { field code message } } }"""


def post_submit(client: ApiClient, product_id: str, document=None, **overrides):
    fields = {
        "productId": product_id,
        "stars": 4,
        "score": 78,
        "productGroup": "HANDICRAFTS",
        "decisionNumber": "1147/QĐ-UBND",
        "decisionDate": (TODAY - 30 * DAY).isoformat(),
        "issuedBy": "UBND Thành phố Hà Nội",
        "document": None,
        **overrides,
    }
    operations = {"query": SUBMIT, "variables": {"input": fields}}
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.document"]}),
            "0": document or pdf_upload(),
        },
        HTTP_APOLLO_REQUIRE_PREFLIGHT="true",  # what an anonymous apollo-upload-client sends
    )
    assert response.status_code == 200, response.content
    return response.json()


def payload(content):
    return data(content)["ocopCertificateSubmit"]


def errors(content):
    return [(e["field"], e["code"]) for e in payload(content)["errors"]]


def test_submit_matrix(shops, customer_user, staff_user, private_root, today):
    product_id = to_id("Product", shops.product.pk)
    content = post_submit(ApiClient(), product_id)
    assert content["data"]["ocopCertificateSubmit"] is None and error_codes(content) == ["PermissionDenied"]
    for client in (client_for(customer_user), client_for(shops.other_owner), client_for(staff_user)):
        assert errors(post_submit(client, product_id)) == [("productId", "NOT_FOUND")]
    assert OcopCertificate.objects.count() == 0 and stored_files(private_root) == []

    result = payload(post_submit(client_for(shops.owner), product_id))
    assert result["errors"] == []
    cert = result["ocopCertificate"]
    url = cert.pop("documentUrl")
    document = ApiClient().get(url)  # the short-lived signed link (local storage's stand-in for S3)
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    assert b"".join(document.streaming_content) == PDF
    assert cert == {
        "status": "SUBMITTED",
        "stars": 4,
        "score": 78,
        "productGroup": "HANDICRAFTS",
        "decisionNumber": "1147/QĐ-UBND",
        "decisionDate": (TODAY - 30 * DAY).isoformat(),
        "issuedBy": "UBND Thành phố Hà Nội",
        "validUntil": "2029-05-16",  # 2026-05-16 + 36 months
        "isValid": False,
        "reviewNote": None,
        "product": {"slug": shops.product.slug},
        "vendor": {"slug": shops.vendor.slug},
    }
    assert len(stored_files(private_root)) == 1

    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS)  # staff managing products act for any shop
    result = payload(post_submit(client_for(staff_user), product_id, decisionNumber="1148/QĐ-UBND"))
    assert result["errors"] == [] and result["ocopCertificate"]["documentUrl"] is None  # not MANAGE_OCOP


@pytest.mark.parametrize(
    ("overrides", "document", "expected"),
    [
        ({"stars": 2, "score": None}, None, [("stars", "OUT_OF_RANGE")]),
        ({"stars": 6, "score": None}, None, [("stars", "OUT_OF_RANGE")]),
        ({"score": 101}, None, [("score", "OUT_OF_RANGE")]),
        ({"stars": 5, "score": 89}, None, [("score", "INVALID")]),
        ({"decisionDate": (TODAY + DAY).isoformat()}, None, [("decisionDate", "INVALID")]),
        (
            {},
            SimpleUploadedFile("scan.pdf", HTML, content_type="application/pdf"),
            [("document", "INVALID_FILE_TYPE")],
        ),
        (
            {},
            SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)),
            [("document", "FILE_TOO_LARGE")],
        ),
    ],
)
def test_bad_input_is_typed_and_stores_nothing(shops, private_root, today, overrides, document, expected):
    content = post_submit(client_for(shops.owner), to_id("Product", shops.product.pk), document, **overrides)
    assert errors(content) == expected and payload(content)["ocopCertificate"] is None
    assert OcopCertificate.objects.count() == 0 and stored_files(private_root) == []


def test_wrong_ids_duplicates_and_suspended_shops(shops, private_root, today):
    client = client_for(shops.owner)
    assert errors(post_submit(client, to_id("Vendor", shops.vendor.pk))) == [("productId", "INVALID")]
    assert errors(post_submit(client, "garbage")) == [("productId", "INVALID")]
    assert errors(post_submit(client, to_id("Product", shops.other_product.pk))) == [
        ("productId", "NOT_FOUND")
    ]
    assert payload(post_submit(client, to_id("Product", shops.product.pk)))["errors"] == []
    files = stored_files(private_root)
    again = post_submit(client, to_id("Product", shops.product.pk), decisionNumber="1147/qđ-ubnd")
    assert errors(again) == [("decisionNumber", "UNIQUE")]
    shops.vendor.status = VendorStatus.SUSPENDED
    shops.vendor.save()
    suspended = post_submit(client, to_id("Product", shops.product.pk), decisionNumber="2000/QĐ-UBND")
    assert errors(suspended) == [("productId", "PERMISSION_DENIED")]
    assert OcopCertificate.objects.count() == 1 and stored_files(private_root) == files


@pytest.mark.parametrize("decision_date", ["0001-01-01", "10000-01-01", "2026-02-30"])
def test_a_date_out_of_range_is_refused_by_the_scalar(shops, private_root, today, decision_date):
    """Year 1 leaves no room for date arithmetic (a year-1 decision is no OCOP decision);
    what Python cannot hold is refused before any service runs."""
    operations = {
        "query": SUBMIT,
        "variables": {
            "input": {
                "productId": to_id("Product", shops.product.pk),
                "stars": 4,
                "productGroup": "HANDICRAFTS",
                "decisionNumber": "1147/QĐ-UBND",
                "decisionDate": decision_date,
                "issuedBy": "UBND Thành phố Hà Nội",
                "document": None,
            }
        },
    }
    response = client_for(shops.owner).post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.document"]}),
            "0": pdf_upload(),
        },
    )
    assert response.status_code == 400
    assert "Date" in response.json()["errors"][0]["message"]
    assert "INTERNAL_ERROR" not in error_codes(response.json())
    assert OcopCertificate.objects.count() == 0 and stored_files(private_root) == []
