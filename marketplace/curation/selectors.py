"""Reads of showcase submissions and of the collections curators manage."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from marketplace.accounts.actors import Actor
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.catalog.models import Collection, CollectionChannelListing
from marketplace.channels.models import Channel
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from vendors.shops.policies import VendorAction, vendors_for


def submissions_visible_to(actor: Actor) -> QuerySet[ShowcaseSubmission]:
    """Curators (MANAGE_SHOWCASE) see every submission; a shop's members see their shop's;
    everyone else none."""
    vendors = vendors_for(actor, VendorAction.VIEW_SHOWCASE)
    return ShowcaseSubmission.objects.filter(vendor__in=vendors)


def submission_list(
    *, actor: Actor, status: str | None = None, vendor_id: int | None = None
) -> QuerySet[ShowcaseSubmission]:
    qs = submissions_visible_to(actor).select_related("reviewed_by")
    if status is not None:
        qs = qs.filter(status=status)
    if vendor_id is not None:
        qs = qs.filter(vendor_id=vendor_id)
    return qs


def approved_product_ids(product_ids: list[int]) -> set[int]:
    return set(
        ShowcaseSubmission.objects.filter(
            product_id__in=product_ids, status=ShowcaseSubmissionStatus.APPROVED
        ).values_list("product_id", flat=True)
    )


def curated_collections() -> QuerySet[Collection]:
    """Collections of the showcase: listed in no channel other than design-centre (the open
    marketplace's collections are not the curators')."""
    elsewhere = CollectionChannelListing.objects.filter(collection_id=OuterRef("pk")).exclude(
        channel__slug=settings.SHOWCASE_CHANNEL_SLUG
    )
    return Collection.objects.exclude(Exists(elsewhere))


def submission_by_id(pk: int) -> ShowcaseSubmission | None:
    """A submission to act on (the service decides whether the actor may see it)."""
    return ShowcaseSubmission.objects.select_related("product").filter(pk=pk).first()


def collections_visible_to(*, actor: Actor, channel: Channel) -> QuerySet[Collection]:
    """The collections a caller reads in a channel: the public ones (published there, now);
    every collection for staff with MANAGE_PRODUCTS (as Saleor's staff); and, in the Design
    Centre's channel, the showcase's drafts and scheduled ones for its curators
    (MANAGE_SHOWCASE)."""
    public = Collection.objects.published(channel.pk)
    if actor is None:
        return public
    if has_permissions(actor, [PermissionEnum.MANAGE_PRODUCTS]):
        return Collection.objects.all()
    if channel.slug == settings.SHOWCASE_CHANNEL_SLUG and has_permissions(
        actor, [PermissionEnum.MANAGE_SHOWCASE]
    ):
        return Collection.objects.filter(
            Q(pk__in=public.values("pk")) | Q(pk__in=curated_collections().values("pk"))
        )
    return public
