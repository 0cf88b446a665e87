from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase

from marketplace.catalog.models import (
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductVariantChannelListing,
)
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from marketplace.curation.services import submission_create, submission_review, submission_withdraw
from tests.factories import channel, listed_product, published_collection
from tests.marketplace.curation.helpers import submission

pytestmark = pytest.mark.django_db
PENDING, APPROVED = ShowcaseSubmissionStatus.PENDING, ShowcaseSubmissionStatus.APPROVED


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}  # type: ignore[misc]


def showcase_prices(product: Product) -> list[Decimal]:
    return sorted(
        ProductVariantChannelListing.objects.filter(
            variant__product=product, channel__slug="design-centre"
        ).values_list("price_amount", flat=True)
    )


def in_showcase(product: Product) -> bool:
    return Product.objects.published(channel("design-centre").pk).filter(pk=product.pk).exists()


def test_create_pending_submission(shops):
    created = submission_create(actor=shops.owner, product=shops.product, pitch="  Men lam cổ  ")
    assert created.status == PENDING and created.pitch == "Men lam cổ"
    assert created.vendor == shops.vendor and created.submitted_by == shops.owner


def test_create_refuses_another_shops_product(shops):
    with pytest.raises(ValidationError) as error:
        submission_create(actor=shops.owner, product=shops.other_product, pitch="")
    assert codes(error.value) == {"product_id": ["NOT_FOUND"]}
    assert not ShowcaseSubmission.objects.exists()


def test_create_requires_a_published_priced_product(shops):
    draft = listed_product(vendor=shops.vendor, published=False)
    with pytest.raises(ValidationError) as error:
        submission_create(actor=shops.owner, product=draft, pitch="")
    assert codes(error.value) == {"product_id": ["INVALID"]}


def test_one_open_submission_per_product(shops):
    submission_create(actor=shops.owner, product=shops.product, pitch="")
    with pytest.raises(ValidationError) as error:
        submission_create(actor=shops.owner, product=shops.product, pitch="")
    assert codes(error.value) == {"product_id": ["UNIQUE"]}
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too
        submission(shops.product, status=APPROVED)
    submission(shops.product, status=ShowcaseSubmissionStatus.REJECTED)  # closed ones may repeat
    assert ShowcaseSubmission.objects.count() == 2


def test_approve_lists_in_design_centre_at_default_prices(shops, curator):
    pending = submission(shops.product)
    with TestCase.captureOnCommitCallbacks(execute=True):
        approved = submission_review(actor=curator, submission=pending, decision="APPROVE", note="Đẹp")
    assert approved.status == APPROVED and approved.reviewed_by == curator and approved.reviewed_at
    assert approved.curator_note == "Đẹp"
    assert in_showcase(shops.product)
    assert showcase_prices(shops.product) == [Decimal(250_000), Decimal(400_000)]
    listing = ProductChannelListing.objects.get(product=shops.product, channel__slug="design-centre")
    assert listing.is_published and listing.visible_in_listings and listing.available_for_purchase_at
    assert listing.discounted_price_amount == Decimal(250_000)
    assert [m.to for m in mail.outbox] == [[shops.owner.email]]


def test_approve_at_the_curators_price(shops, curator):
    pending = submission(shops.product)
    submission_review(actor=curator, submission=pending, decision="APPROVE", note="", price=Decimal(300_000))
    assert showcase_prices(shops.product) == [Decimal(300_000)] * 2
    listing = ProductChannelListing.objects.get(product=shops.product, channel__slug="design-centre")
    assert listing.discounted_price_amount == Decimal(300_000)


@pytest.mark.parametrize("price", [Decimal("1000.5"), Decimal(0), Decimal(2_000_000_000)])
def test_curators_price_is_validated(shops, curator, price):
    pending = submission(shops.product)
    with pytest.raises(ValidationError) as error:
        submission_review(actor=curator, submission=pending, decision="APPROVE", note="", price=price)
    assert codes(error.value) == {"price": ["INVALID_PRICE"]}
    pending.refresh_from_db()
    assert pending.status == PENDING and not in_showcase(shops.product)


def test_reject_records_the_note_and_lists_nothing(shops, curator):
    pending = submission(shops.product)
    with pytest.raises(ValidationError) as error:
        submission_review(actor=curator, submission=pending, decision="REJECT", note=" ")
    assert codes(error.value) == {"curator_note": ["REQUIRED"]}
    with TestCase.captureOnCommitCallbacks(execute=True):
        rejected = submission_review(actor=curator, submission=pending, decision="REJECT", note="Ảnh mờ")
    assert rejected.status == ShowcaseSubmissionStatus.REJECTED and rejected.curator_note == "Ảnh mờ"
    assert rejected.reviewed_by == curator and not in_showcase(shops.product)
    assert "Ảnh mờ" in mail.outbox[0].body


def test_approving_twice_and_reviewing_withdrawn_are_invalid_status(shops, curator):
    pending = submission(shops.product)
    submission_review(actor=curator, submission=pending, decision="APPROVE", note="")
    with pytest.raises(ValidationError) as error:
        submission_review(actor=curator, submission=pending, decision="APPROVE", note="")
    assert codes(error.value) == {"id": ["INVALID_STATUS"]}
    withdrawn = submission(shops.other_product, status=ShowcaseSubmissionStatus.WITHDRAWN)
    with pytest.raises(ValidationError) as error:
        submission_review(actor=curator, submission=withdrawn, decision="REJECT", note="x")
    assert codes(error.value) == {"id": ["INVALID_STATUS"]}


def test_review_needs_the_permission_and_impartiality(shops, curator, staff_user):
    pending = submission(shops.product)
    with pytest.raises(PermissionDenied):
        submission_review(actor=staff_user, submission=pending, decision="APPROVE", note="")
    from vendors.shops.models import VendorMember

    VendorMember.objects.create(vendor=shops.vendor, user=curator, role="STAFF")
    with pytest.raises(ValidationError) as error:
        submission_review(actor=curator, submission=pending, decision="APPROVE", note="")
    assert codes(error.value) == {"id": ["PERMISSION_DENIED"]}


def test_withdraw_approved_unlists_and_leaves_collections(shops, curator):
    pending = submission(shops.product)
    submission_review(actor=curator, submission=pending, decision="APPROVE", note="")
    featured = published_collection(shops.product, channel_slug="design-centre")
    marketplace = published_collection(shops.product)  # default-channel collection: untouched
    withdrawn = submission_withdraw(actor=shops.owner, submission=pending)
    assert withdrawn.status == ShowcaseSubmissionStatus.WITHDRAWN and withdrawn.withdrawn_by == shops.owner
    assert not in_showcase(shops.product) and showcase_prices(shops.product) == []
    assert not CollectionProduct.objects.filter(collection=featured).exists()
    assert CollectionProduct.objects.filter(collection=marketplace, product=shops.product).exists()
    # withdrawn: may be proposed again, and not withdrawn twice
    with pytest.raises(ValidationError) as error:
        submission_withdraw(actor=shops.owner, submission=withdrawn)
    assert codes(error.value) == {"id": ["INVALID_STATUS"]}
    assert submission_create(actor=shops.owner, product=shops.product, pitch="").status == PENDING


def test_withdraw_by_another_shop_is_not_found(shops):
    pending = submission(shops.product)
    with pytest.raises(ValidationError) as error:
        submission_withdraw(actor=shops.other_owner, submission=pending)
    assert codes(error.value) == {"id": ["NOT_FOUND"]}
    pending.refresh_from_db()
    assert pending.status == PENDING
