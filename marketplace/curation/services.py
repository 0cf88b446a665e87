"""Writes of showcase submissions: a shop proposes, a curator approves or rejects, the shop
(or a curator) withdraws.

Who may do what:
- create: whoever may write the product's vendor (its ACTIVE shop's members, staff holding
  MANAGE_PRODUCTS). Anyone else gets NOT_FOUND on ``product_id``.
- withdraw: the members of the ACTIVE shop, holders of MANAGE_SHOWCASE. Members of a suspended
  shop get PermissionDenied (they still read); anyone else gets NOT_FOUND on ``id``.
- review: holders of MANAGE_SHOWCASE (the Design Centre curators), not for their own shop.

Approval is the only way a product enters the design-centre channel: its listing there is
published at the default-channel prices (or the curator's one price for every variant).
Withdrawing an approved submission unlists it and takes it out of the showcase collections.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.catalog.cache import changes_catalog
from marketplace.catalog.models import (
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductVariantChannelListing,
)
from marketplace.catalog.pricing import update_products_discounted_prices
from marketplace.catalog.validation import clean_price
from marketplace.channels.models import Channel
from marketplace.core.errors import field_error
from marketplace.core.text import nfc
from marketplace.curation import emails
from marketplace.curation.error_codes import ShowcaseErrorCode
from marketplace.curation.models import OPEN_STATUSES, ShowcaseSubmission, ShowcaseSubmissionStatus
from marketplace.notifications.notify import notify_holders
from vendors.shops import policies
from vendors.shops.models import VendorMember, VendorStatus
from vendors.shops.policies import VendorAction

MAX_NOTE = 2000
APPROVE, REJECT = "APPROVE", "REJECT"


def _clean_note(value: str | None, *, field: str, required: bool = False) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise field_error(field, ShowcaseErrorCode.REQUIRED, _("Say why, for the shop."))
    if len(text) > MAX_NOTE:
        raise field_error(
            field, ShowcaseErrorCode.INVALID, _("At most %(limit)s characters."), limit=MAX_NOTE
        )
    return text


def _channel(slug: str) -> Channel:
    return Channel.objects.get(slug=slug)


# ---------------------------------------------------------------- create


def submission_create(*, actor: Actor, product: Product, pitch: str | None) -> ShowcaseSubmission:
    """A PENDING submission of a product published in the default channel."""
    vendor = product.vendor
    if not policies.allowed(actor, VendorAction.SUBMIT_SHOWCASE, vendor):
        raise field_error("product_id", ShowcaseErrorCode.NOT_FOUND, _("Couldn't find that product."))
    if vendor.status != VendorStatus.ACTIVE:
        raise field_error(
            "product_id", ShowcaseErrorCode.INVALID, _("Only products of an active shop can be proposed.")
        )
    pitch = _clean_note(pitch, field="pitch")
    default = _channel(settings.DEFAULT_CHANNEL_SLUG)
    if not Product.objects.published(default.pk).filter(pk=product.pk).exists():
        raise field_error(
            "product_id",
            ShowcaseErrorCode.INVALID,
            _("Publish the product with a price in %(channel)s before proposing it."),
            channel=default.slug,
        )
    duplicate = field_error(
        "product_id",
        ShowcaseErrorCode.UNIQUE,
        _("This product already has a pending or approved submission."),
    )
    if ShowcaseSubmission.objects.filter(product=product, status__in=OPEN_STATUSES).exists():
        raise duplicate
    try:
        with transaction.atomic():
            submission = ShowcaseSubmission.objects.create(
                product=product, vendor=vendor, pitch=pitch, submitted_by=actor_user(actor)
            )
            notify_holders(
                "showcase_submission_new",
                permission=PermissionEnum.MANAGE_SHOWCASE,
                object_key=f"showcase_submission:{submission.pk}",
                context={"product": product.name, "vendor": vendor.name, "pitch": pitch or ""},
            )
            return submission
    except IntegrityError:  # a concurrent submission won the race
        raise duplicate from None


# ---------------------------------------------------------------- showcase listing


def _locked(submission: ShowcaseSubmission) -> ShowcaseSubmission:
    locked = (
        ShowcaseSubmission.objects.select_for_update(of=("self",))
        .select_related("product")
        .filter(pk=submission.pk)
        .first()
    )
    if locked is None:
        raise field_error("id", ShowcaseErrorCode.NOT_FOUND, _("Couldn't find that submission."))
    return locked


def _list_in_showcase(product: Product, price: Decimal | None) -> None:
    default = _channel(settings.DEFAULT_CHANNEL_SLUG)
    showcase = _channel(settings.SHOWCASE_CHANNEL_SLUG)
    prices = dict(
        ProductVariantChannelListing.objects.filter(variant__product=product, channel=default).values_list(
            "variant_id", "price_amount"
        )
    )
    if not prices or not Product.objects.published(default.pk).filter(pk=product.pk).exists():
        raise field_error(
            "id",
            ShowcaseErrorCode.INVALID,
            _("The product is no longer published with a price in %(channel)s."),
            channel=default.slug,
        )
    now = timezone.now()
    listing = ProductChannelListing.objects.filter(product=product, channel=showcase).first()
    ProductChannelListing.objects.update_or_create(
        product=product,
        channel=showcase,
        defaults={
            "is_published": True,
            "published_at": (listing.published_at if listing and listing.published_at else None) or now,
            "visible_in_listings": True,
            "available_for_purchase_at": now,
            "currency": showcase.currency_code,
        },
    )
    ProductVariantChannelListing.objects.filter(variant__product=product, channel=showcase).exclude(
        variant_id__in=list(prices)
    ).delete()
    for variant_id, amount in prices.items():
        ProductVariantChannelListing.objects.update_or_create(
            variant_id=variant_id,
            channel=showcase,
            defaults={
                "currency": showcase.currency_code,
                "price_amount": price if price is not None else amount,
            },
        )
    update_products_discounted_prices([product.pk])


def _unlist_from_showcase(product: Product) -> None:
    showcase = _channel(settings.SHOWCASE_CHANNEL_SLUG)
    ProductVariantChannelListing.objects.filter(variant__product=product, channel=showcase).delete()
    ProductChannelListing.objects.filter(product=product, channel=showcase).delete()
    CollectionProduct.objects.filter(product=product, collection__channel_listings__channel=showcase).delete()


# ---------------------------------------------------------------- withdraw


@changes_catalog
def submission_withdraw(*, actor: Actor, submission: ShowcaseSubmission) -> ShowcaseSubmission:
    """PENDING or APPROVED -> WITHDRAWN; an approved product leaves the showcase."""
    if not policies.allowed(actor, VendorAction.VIEW_SHOWCASE, submission.vendor_id):
        raise field_error("id", ShowcaseErrorCode.NOT_FOUND, _("Couldn't find that submission."))
    # A suspended shop's members still read their submissions but write nothing; curators may.
    policies.require(actor, VendorAction.WITHDRAW_SHOWCASE, submission.vendor_id)
    with transaction.atomic():
        submission = _locked(submission)
        if submission.status not in OPEN_STATUSES:
            raise field_error(
                "id",
                ShowcaseErrorCode.INVALID_STATUS,
                _("Only a pending or approved submission can be withdrawn; this one is %(status)s."),
                status=submission.status,
            )
        if submission.status == ShowcaseSubmissionStatus.APPROVED:
            _unlist_from_showcase(submission.product)
        submission.status = ShowcaseSubmissionStatus.WITHDRAWN
        submission.withdrawn_by = actor_user(actor)
        submission.withdrawn_at = timezone.now()
        submission.save(update_fields=["status", "withdrawn_by", "withdrawn_at"])
        emails.notify_owners(submission, "withdrawn")
    return submission


# ---------------------------------------------------------------- review


def _clean_showcase_price(price: Any) -> Decimal | None:
    if price is None:
        return None
    showcase = _channel(settings.SHOWCASE_CHANNEL_SLUG)
    return clean_price(price, currency=showcase.currency_code, field="price")


@changes_catalog
def submission_review(
    *,
    actor: Actor,
    submission: ShowcaseSubmission,
    decision: str,
    note: str | None,
    price: Any = None,
) -> ShowcaseSubmission:
    """PENDING -> APPROVED (listed in design-centre) or REJECTED (with the reason)."""
    if not has_permissions(actor, [PermissionEnum.MANAGE_SHOWCASE]):
        raise PermissionDenied(_("You need the MANAGE_SHOWCASE permission."))
    if decision not in (APPROVE, REJECT):
        raise field_error("decision", ShowcaseErrorCode.INVALID, _("Approve or reject."))
    note = _clean_note(note, field="curator_note", required=decision == REJECT)
    if decision == REJECT and price is not None:
        raise field_error("price", ShowcaseErrorCode.INVALID, _("A price is given only with an approval."))
    amount = _clean_showcase_price(price)
    user = actor_user(actor)
    if user is not None and VendorMember.objects.filter(vendor_id=submission.vendor_id, user=user).exists():
        raise field_error(
            "id",
            ShowcaseErrorCode.PERMISSION_DENIED,
            _("You cannot review a submission of a shop you belong to."),
        )
    with transaction.atomic():
        submission = _locked(submission)
        if submission.status != ShowcaseSubmissionStatus.PENDING:
            raise field_error(
                "id",
                ShowcaseErrorCode.INVALID_STATUS,
                _("Only a pending submission can be reviewed; this one is %(status)s."),
                status=submission.status,
            )
        if decision == APPROVE:
            _list_in_showcase(submission.product, amount)
        submission.status = (
            ShowcaseSubmissionStatus.APPROVED if decision == APPROVE else ShowcaseSubmissionStatus.REJECTED
        )
        submission.curator_note = note
        submission.price_amount = amount
        submission.reviewed_by = user
        submission.reviewed_at = timezone.now()
        submission.save(
            update_fields=["status", "curator_note", "price_amount", "reviewed_by", "reviewed_at"]
        )
        audit.record(
            actor,
            AuditAction.SUBMISSION_APPROVE if decision == APPROVE else AuditAction.SUBMISSION_REJECT,
            submission,
            label=submission.product.name,
            product=submission.product_id,
            note=note,
            price=amount,
        )
        emails.notify_owners(submission, "approved" if decision == APPROVE else "rejected")
    return submission
