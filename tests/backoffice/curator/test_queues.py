"""The review queues: who opens them, one click to approve or reject (with and without
htmx), and bad input — a missing or oversized note, a resent form, an item already decided,
another's or an unknown id — answered with a clear message, never a 500, nothing half-written."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from backoffice.idempotency import new_token
from marketplace.catalog.models import ProductChannelListing
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from tests.backoffice.conftest import form_token, signed_in
from tests.backoffice.curator import helpers
from tests.factories import UserFactory
from vendors.ocop.models import OcopCertificate, OcopCertificateStatus
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def decide(client, name: str, pk: int, decision: str, note: str = "", token: str | None = None, **extra):  # type: ignore[no-untyped-def]
    url = reverse(name, args=[pk])
    token = token or new_token()  # what the page would give: any well-formed token is fresh
    return client.post(url, {"decision": decision, "note": note, "form_token": token}, **extra)


def status_of(obj):  # type: ignore[no-untyped-def]
    return type(obj).objects.get(pk=obj.pk).status


# ---------------------------------------------------------------- who opens what


def test_who_opens_each_queue(
    client, submission, certificate, pending_shop, owner, customer_user, reviewer, admin
):
    only_ocop = UserFactory(email="ocop@langnghe.vn", is_staff=True)
    from marketplace.accounts.permissions import PermissionEnum
    from tests.conftest import grant

    grant(only_ocop, PermissionEnum.MANAGE_OCOP)
    pages = {
        "backoffice:curator-showcase": {"curator": 200, "ocop reviewer": 403, "staff": 403},
        "backoffice:curator-ocop": {"curator": 200, "ocop reviewer": 200, "staff": 403},
        "backoffice:staff-applications": {"curator": 403, "ocop reviewer": 403, "staff": 200},
    }
    people = {
        "buyer": customer_user,
        "artisan": owner,
        "curator": reviewer,
        "ocop reviewer": only_ocop,
        "staff": admin,
    }
    for name, expected in pages.items():
        url = reverse(name)
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("backoffice:sign-in"))
        for who, user in people.items():
            assert signed_in(user).get(url).status_code == expected.get(who, 403), (name, who)


def test_only_a_reviewer_decides_and_a_refusal_changes_nothing(
    submission, certificate, pending_shop, owner, customer_user, reviewer, admin
):
    cases = [
        ("backoffice:curator-showcase-decide", submission, (owner, customer_user, admin)),
        ("backoffice:curator-ocop-decide", certificate, (owner, customer_user, admin)),
        ("backoffice:staff-applications-decide", pending_shop, (owner, customer_user, reviewer)),
    ]
    for name, item, refused in cases:
        for user in refused:
            response = signed_in(user).post(
                reverse(name, args=[item.pk]), {"decision": "APPROVE", "note": "", "form_token": "x" * 24}
            )
            assert response.status_code == 403, (name, user.email)
            assert status_of(item) == type(item)._meta.get_field("status").default, name
        anonymous = signed_in(customer_user)
        anonymous.logout()
        response = anonymous.post(reverse(name, args=[item.pk]), {"decision": "APPROVE"})
        assert response.status_code == 302 and status_of(item) == type(item)._meta.get_field("status").default


# ---------------------------------------------------------------- showcase submissions


def test_the_queue_shows_the_photos_the_pitch_and_the_shops_history(reviewer_client, submission, shop, owner):
    earlier = helpers.pending_submission(shop, owner, "Lọ hoa men rạn")
    ShowcaseSubmission.objects.filter(pk=earlier.pk).update(status=ShowcaseSubmissionStatus.REJECTED)
    page = reviewer_client.get(reverse("backoffice:curator-showcase")).content.decode()
    assert "Bình hút lộc men lam" in page and "Men lam vẽ tay" in page and shop.name in page
    assert page.count('src="/thumbnail/media/') == 2  # the product's two photos
    assert "0 / 1" in page  # showcase approved / rejected so far
    assert "Lọ hoa men rạn" not in page  # rejected: on its own tab
    rejected = reviewer_client.get(reverse("backoffice:curator-showcase"), {"status": "REJECTED"})
    assert (
        "Lọ hoa men rạn" in rejected.content.decode() and 'name="decision"' not in rejected.content.decode()
    )


def test_a_curator_approves_without_javascript(reviewer_client, submission, owner):
    response = decide(
        reviewer_client, "backoffice:curator-showcase-decide", submission.pk, "APPROVE", "Rất đẹp"
    )
    assert response.status_code == 302
    assert status_of(submission) == ShowcaseSubmissionStatus.APPROVED
    assert ShowcaseSubmission.objects.get(pk=submission.pk).curator_note == "Rất đẹp"
    showcase = ProductChannelListing.objects.get(
        product=submission.product, channel__slug=settings.SHOWCASE_CHANNEL_SLUG
    )
    assert showcase.is_published
    assert [m.to for m in mail.outbox] == [[owner.email]]
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "Approved: the product is in the showcase." in page
    assert "Bình hút lộc men lam" not in page  # no longer waiting


def test_with_htmx_only_the_item_comes_back(reviewer_client, submission):
    response = decide(
        reviewer_client, "backoffice:curator-showcase-decide", submission.pk, "REJECT", "Ảnh mờ", **HTMX
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<li class="card queue-item"') and "<html" not in body
    assert "Rejected: the shop gets your note." in body and "Ảnh mờ" in body and 'name="decision"' not in body
    assert status_of(submission) == ShowcaseSubmissionStatus.REJECTED
    # the message was shown in the item: it does not come back on the next page
    assert (
        "Rejected: the shop gets your note."
        not in reviewer_client.get(reverse("backoffice:curator-showcase")).content.decode()
    )


def test_a_rejection_needs_a_note_and_a_note_has_a_limit(reviewer_client, submission):
    for extra in ({}, HTMX):
        response = decide(
            reviewer_client, "backoffice:curator-showcase-decide", submission.pk, "REJECT", "  ", **extra
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert f'id="id_{submission.pk}_note_error"' in body and "Say why, for the shop." in body
        response = decide(
            reviewer_client,
            "backoffice:curator-showcase-decide",
            submission.pk,
            "REJECT",
            "x" * 2001,
            **extra,
        )
        assert response.status_code == 200
        assert "at most 2000 characters" in response.content.decode()
        assert status_of(submission) == ShowcaseSubmissionStatus.PENDING
    response = decide(reviewer_client, "backoffice:curator-showcase-decide", submission.pk, "MAYBE")
    assert response.status_code == 200 and "Choose approve or reject." in response.content.decode()
    assert status_of(submission) == ShowcaseSubmissionStatus.PENDING


def test_a_resent_form_decides_once(reviewer_client, submission, owner):
    token = form_token(reviewer_client.get(reverse("backoffice:curator-showcase")))
    first = decide(
        reviewer_client, "backoffice:curator-showcase-decide", submission.pk, "APPROVE", token=token
    )
    again = decide(
        reviewer_client, "backoffice:curator-showcase-decide", submission.pk, "REJECT", "Không", token=token
    )
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert status_of(submission) == ShowcaseSubmissionStatus.APPROVED
    assert len(mail.outbox) == 1
    page = reviewer_client.get(again["Location"]).content.decode()
    assert "This form was already saved." in page
    # with htmx, the resent form gets the item as it is now, with the same notice
    resent = decide(
        reviewer_client,
        "backoffice:curator-showcase-decide",
        submission.pk,
        "REJECT",
        "Không",
        token=token,
        **HTMX,
    )
    assert resent.status_code == 200 and "This form was already saved." in resent.content.decode()
    assert status_of(submission) == ShowcaseSubmissionStatus.APPROVED and len(mail.outbox) == 1


def test_an_item_already_decided_gets_a_clear_message(reviewer_client, submission, reviewer):
    stale = form_token(reviewer_client.get(reverse("backoffice:curator-showcase")))
    decide(
        signed_in(helpers.curator("khac@langnghe.vn")),
        "backoffice:curator-showcase-decide",
        submission.pk,
        "APPROVE",
    )
    for extra in ({}, HTMX):
        response = decide(
            reviewer_client,
            "backoffice:curator-showcase-decide",
            submission.pk,
            "REJECT",
            "Trễ",
            token=stale,
            **extra,
        )
        assert response.status_code == 200
        assert "Only a pending submission can be reviewed; this one is APPROVED." in response.content.decode()
        stale = new_token()
    assert status_of(submission) == ShowcaseSubmissionStatus.APPROVED


def test_unknown_ids_and_the_curators_own_shop(reviewer_client, reviewer, submission, shop):
    assert (
        decide(reviewer_client, "backoffice:curator-showcase-decide", 999_999, "APPROVE").status_code == 404
    )
    assert decide(reviewer_client, "backoffice:curator-ocop-decide", 999_999, "APPROVE").status_code == 404
    VendorMember.objects.create(vendor=shop, user=reviewer, role=VendorMemberRole.STAFF)
    response = decide(reviewer_client, "backoffice:curator-showcase-decide", submission.pk, "APPROVE")
    assert response.status_code == 200
    assert "You cannot review a submission of a shop you belong to." in response.content.decode()
    assert status_of(submission) == ShowcaseSubmissionStatus.PENDING


# ---------------------------------------------------------------- OCOP certificates


def test_ocop_certificates_verified_or_rejected(reviewer_client, certificate, shop, owner):
    page = reviewer_client.get(reverse("backoffice:curator-ocop")).content.decode()
    assert certificate.decision_number in page and "UBND Thành phố Hà Nội" in page and "Open the scan" in page
    response = decide(reviewer_client, "backoffice:curator-ocop-decide", certificate.pk, "APPROVE", "Tốt")
    assert response.status_code == 200 and "A note goes only with a rejection" in response.content.decode()
    response = decide(reviewer_client, "backoffice:curator-ocop-decide", certificate.pk, "REJECT", "")
    assert "Say why, for the shop." in response.content.decode()
    assert status_of(certificate) == OcopCertificateStatus.SUBMITTED
    response = decide(reviewer_client, "backoffice:curator-ocop-decide", certificate.pk, "APPROVE", **HTMX)
    assert (
        response.status_code == 200
        and "Verified: the OCOP badge shows on the product." in response.content.decode()
    )
    assert status_of(certificate) == OcopCertificateStatus.VERIFIED
    other = helpers.submitted_certificate(helpers.product_of(shop, "Đĩa men lam"), owner)
    response = decide(reviewer_client, "backoffice:curator-ocop-decide", other.pk, "REJECT", "Bản quét mờ")
    assert response.status_code == 302 and status_of(other) == OcopCertificateStatus.REJECTED
    assert OcopCertificate.objects.get(pk=other.pk).review_note == "Bản quét mờ"


# ---------------------------------------------------------------- shop applications


def test_staff_approve_or_reject_shop_applications(admin_client, pending_shop):
    page = admin_client.get(reverse("backoffice:staff-applications")).content.decode()
    assert "Mây tre Phú Vinh" in page and "lan@example.vn" in page and "Xã Bát Tràng" in page
    assert "Nguyễn Lan" in page  # the owner's name, family name first
    response = decide(admin_client, "backoffice:staff-applications-decide", pending_shop.pk, "REJECT", "")
    assert "Say why, for the applicant." in response.content.decode()
    assert status_of(pending_shop) == VendorStatus.PENDING
    response = decide(
        admin_client, "backoffice:staff-applications-decide", pending_shop.pk, "REJECT", "Thiếu ảnh xưởng"
    )
    assert response.status_code == 302 and status_of(pending_shop) == VendorStatus.REJECTED
    assert "Thiếu ảnh xưởng" in mail.outbox[-1].body
    second, _owner = helpers.application("Nón lá Chuông", "non@example.vn")
    response = decide(admin_client, "backoffice:staff-applications-decide", second.pk, "APPROVE", **HTMX)
    assert response.status_code == 200 and "Approved: the shop is open." in response.content.decode()
    assert status_of(second) == VendorStatus.ACTIVE


def test_the_applications_queue_does_not_lift_a_suspension(admin_client, shop):
    Vendor.objects.filter(pk=shop.pk).update(status=VendorStatus.SUSPENDED)
    response = decide(admin_client, "backoffice:staff-applications-decide", shop.pk, "APPROVE")
    assert response.status_code == 200
    assert "Only a waiting application can be decided" in response.content.decode()
    assert status_of(shop) == VendorStatus.SUSPENDED


def test_refusals_read_in_the_reviewers_language(submission):
    from marketplace.accounts.models import User

    vietnamese = helpers.curator("viet@langnghe.vn", language_code="vi")
    assert User.objects.get(pk=vietnamese.pk).language_code == "vi"
    client = signed_in(vietnamese)
    for extra in ({}, HTMX):
        body = decide(
            client, "backoffice:curator-showcase-decide", submission.pk, "REJECT", "", **extra
        ).content.decode()
        assert "Hãy nêu lý do để cửa hàng biết." in body and "Ghi chú cho cửa hàng" in body
    response = decide(client, "backoffice:curator-showcase-decide", submission.pk, "APPROVE")
    assert "Đã duyệt: sản phẩm đã vào gian trưng bày." in client.get(response["Location"]).content.decode()


def test_odd_query_strings_fall_back_to_the_waiting_items(reviewer_client, submission):
    for params in ({"status": "BOGUS"}, {"page": "abc"}, {"page": "99"}, {"status": "<script>"}):
        response = reviewer_client.get(reverse("backoffice:curator-showcase"), params)
        assert response.status_code == 200, params
        assert (
            "Bình hút lộc men lam" in response.content.decode()
            and "<script>" not in response.content.decode()
        )
    assert (
        reviewer_client.get(reverse("backoffice:curator-showcase-decide", args=[submission.pk])).status_code
        == 302
    )


def test_a_curator_may_set_one_showcase_price_with_an_approval(reviewer_client, submission, shop, owner):
    from marketplace.catalog.models import ProductVariantChannelListing

    url = reverse("backoffice:curator-showcase-decide", args=[submission.pk])
    for decision, price, message in (
        ("REJECT", "180.000", "A price is given only with an approval."),
        ("APPROVE", "12,5", ""),
        ("APPROVE", "-5", ""),
    ):
        response = reviewer_client.post(
            url, {"decision": decision, "note": "Giá", "price": price, "form_token": new_token()}
        )
        assert response.status_code == 200, (decision, price)
        assert f'id="id_{submission.pk}_price_error"' in response.content.decode(), (decision, price)
        assert message in response.content.decode()
        assert status_of(submission) == ShowcaseSubmissionStatus.PENDING
    response = reviewer_client.post(
        url, {"decision": "APPROVE", "note": "", "price": "180.000", "form_token": new_token()}
    )
    assert response.status_code == 302
    prices = ProductVariantChannelListing.objects.filter(
        variant__product=submission.product, channel__slug=settings.SHOWCASE_CHANNEL_SLUG
    ).values_list("price_amount", flat=True)
    assert list(prices) == [180_000]
    approved = reviewer_client.get(
        reverse("backoffice:curator-showcase"), {"status": "APPROVED"}
    ).content.decode()
    assert "180.000\u00a0₫" in approved


def test_the_shops_products_on_sale_are_counted_up_to_the_cap(reviewer, submission, shop, monkeypatch):
    """The history's "products on sale" is a capped count (issue 13): exact under the cap,
    unpublished products left out, "N+" beyond it."""
    from backoffice import counts
    from backoffice.curator import queries

    hidden = helpers.product_of(shop, "Chén ẩn", photos=0)
    ProductChannelListing.objects.filter(product=hidden).update(is_published=False)
    helpers.product_of(shop, "Đĩa men lam", photos=0)

    def products_on_sale() -> int:
        return queries.submissions(reviewer, ShowcaseSubmissionStatus.PENDING).get().history_products  # type: ignore[attr-defined]

    assert products_on_sale() == 2  # the submitted product and the dish, not the hidden cup
    monkeypatch.setattr(counts, "COUNT_CAP", 1)
    assert products_on_sale() == 2  # counting stopped at cap + 1
    page = signed_in(reviewer).get(reverse("backoffice:curator-showcase")).content.decode()
    assert "<dd>1+</dd>" in page
