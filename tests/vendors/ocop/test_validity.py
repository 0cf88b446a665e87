"""The one validity rule: VERIFIED and today <= valid_until, evaluated at read time; the
badge, the ocopStars filter and the OCOP_STARS sort agree on it."""

import datetime

import pytest

from marketplace.catalog.models import Product
from tests.factories import listed_product
from tests.vendors.ocop.helpers import TODAY, certificate
from vendors.ocop.models import OcopCertificateStatus
from vendors.ocop.selectors import (
    annotate_ocop_stars,
    badges_for_products,
    is_valid,
    products_with_ocop_stars,
    valid_certificates,
)
from vendors.ocop.services import add_months, certificate_valid_until

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.date(2024, 2, 29), 36, datetime.date(2027, 2, 28)),
        (datetime.date(2024, 3, 4), 36, datetime.date(2027, 3, 4)),
        (datetime.date(2024, 2, 29), 48, datetime.date(2028, 2, 29)),
        (datetime.date(2023, 1, 31), 1, datetime.date(2023, 2, 28)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2024, 11, 30), 3, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 12, 31), 36, datetime.date(2027, 12, 31)),
    ],
)
def test_month_addition(start, months, expected):
    assert add_months(start, months) == expected


def test_valid_until_is_the_decision_date_plus_36_months():
    assert certificate_valid_until(datetime.date(2024, 3, 4)) == datetime.date(2027, 3, 4)
    assert certificate_valid_until(datetime.date(2024, 2, 29)) == datetime.date(2027, 2, 28)


def test_valid_on_the_last_day_and_gone_the_day_after(shops):
    end = TODAY + 10 * DAY
    cert = certificate(shops.product, valid_until=end)
    products = Product.objects.filter(pk=shops.product.pk)
    for day, valid in ((TODAY, True), (end, True), (end + DAY, False)):
        assert is_valid(cert, day) is valid
        assert valid_certificates(day).filter(pk=cert.pk).exists() is valid
        assert (shops.product.pk in badges_for_products([shops.product.pk], day)) is valid
        assert products_with_ocop_stars(products, [4], day).exists() is valid
        assert annotate_ocop_stars(products, day).get().ocop_stars == (4 if valid else 0)


def test_the_default_today_is_the_local_date(shops, today, monkeypatch):
    """With no ``today`` argument the selectors use timezone.localdate(): frozen here."""
    cert = certificate(shops.product, valid_until=TODAY)
    assert is_valid(cert) and badges_for_products([shops.product.pk])
    monkeypatch.setattr("django.utils.timezone.localdate", lambda value=None, timezone=None: TODAY + DAY)
    assert not is_valid(cert) and not badges_for_products([shops.product.pk])
    assert not products_with_ocop_stars(Product.objects.all(), [4]).exists()


@pytest.mark.parametrize(
    "status",
    [OcopCertificateStatus.SUBMITTED, OcopCertificateStatus.REJECTED, OcopCertificateStatus.REVOKED],
)
def test_only_verified_certificates_count(shops, status):
    cert = certificate(shops.product, status=status)
    assert not is_valid(cert, TODAY)
    assert not badges_for_products([shops.product.pk], TODAY)
    assert annotate_ocop_stars(Product.objects.filter(pk=shops.product.pk), TODAY).get().ocop_stars == 0


def test_badge_filter_and_sort_agree(shops):
    upgraded = shops.product  # a valid 3★ and, after re-evaluation, a valid 4★
    certificate(upgraded, stars=3, decision_date=TODAY - 400 * DAY, decision_number="1/QĐ-UBND")
    certificate(upgraded, stars=4, decision_date=TODAY - 10 * DAY, decision_number="2/QĐ-UBND")
    five = shops.other_product
    certificate(five, stars=5, decision_number="3/QĐ-TTg")
    lapsed = listed_product(vendor=shops.vendor, slug="huong-quang-phu-cau")
    certificate(lapsed, stars=5, valid_until=TODAY - DAY, decision_number="4/QĐ-TTg")
    revoked = listed_product(vendor=shops.vendor, slug="non-chuong")
    certificate(revoked, stars=5, status=OcopCertificateStatus.REVOKED, decision_number="5/QĐ-TTg")
    plain = listed_product(vendor=shops.vendor, slug="bat-trang-vase")
    all_products = Product.objects.filter(pk__in=[p.pk for p in (upgraded, five, lapsed, revoked, plain)])

    badges = badges_for_products([p.pk for p in all_products], TODAY)
    assert {pk: c.stars for pk, c in badges.items()} == {upgraded.pk: 4, five.pk: 5}

    def matching(stars):
        return set(products_with_ocop_stars(all_products, stars, TODAY).values_list("slug", flat=True))

    assert matching([3]) == set()  # the upgraded product shows 4★, so it is not a 3★ product
    assert matching([4]) == {upgraded.slug}
    assert matching([4, 5]) == {upgraded.slug, five.slug}
    assert matching([1, 2, 6]) == set()

    ranked = annotate_ocop_stars(all_products, TODAY).order_by("-ocop_stars", "slug")
    assert [(p.slug, p.ocop_stars) for p in ranked][:2] == [(five.slug, 5), (upgraded.slug, 4)]
    assert {p.ocop_stars for p in ranked[2:]} == {0}
    for product in ranked:  # the sort key is the badge's stars, or 0 without a badge
        assert product.ocop_stars == (badges[product.pk].stars if product.pk in badges else 0)


def test_ties_go_to_the_latest_decision(shops):
    certificate(shops.product, stars=4, decision_date=TODAY - 300 * DAY, decision_number="10/QĐ-UBND")
    latest = certificate(shops.product, stars=4, decision_date=TODAY - 20 * DAY, decision_number="11/QĐ-UBND")
    assert badges_for_products([shops.product.pk], TODAY)[shops.product.pk] == latest
