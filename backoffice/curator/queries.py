"""The curators' and the staff's reads for the queues and the featured collections.

Every read starts from the domain's own scoping (``submission_list`` for the actor,
``certificate_list`` for reviewers, ``vendors_for`` the policy's VIEW, ``curated_collections``)
and costs a fixed number of SQL queries, whatever the number of rows: the shop's history is
annotated (one subquery per figure), photos and members are prefetched, never read per row.
"""

from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from backoffice.counts import CappedCount
from backoffice.seller.queries import PICKS_SHOWN, picks_from
from marketplace.accounts.actors import Actor, as_actor
from marketplace.catalog.models import (
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariantChannelListing,
)
from marketplace.catalog.selectors import collection_products
from marketplace.channels.models import Channel
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from marketplace.curation.selectors import curated_collections, submission_list
from marketplace.inventory.models import Warehouse
from marketplace.orders.models import VendorOrder, VendorOrderStatus
from vendors.ocop.models import OcopCertificate, OcopCertificateStatus
from vendors.ocop.selectors import certificate_list
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus
from vendors.shops.policies import VendorAction, vendors_for

PHOTOS_SHOWN = 4


def _count(qs: QuerySet, key: str) -> Coalesce:
    """The number of rows of ``qs`` (already filtered on ``OuterRef``), as one subquery."""
    counted = qs.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def shop_history(vendor_ref: str) -> dict[str, Any]:
    """The shop's track record, annotated on a row whose ``vendor_ref`` is the shop's id:
    showcase submissions approved and rejected, verified OCOP certificates, products on sale
    in the marketplace and orders delivered (fulfilled)."""
    vendor = OuterRef(vendor_ref)
    submissions = ShowcaseSubmission.objects.filter(vendor_id=vendor)
    on_sale = ProductChannelListing.objects.filter(
        product_id=OuterRef("pk"), channel__slug=settings.DEFAULT_CHANNEL_SLUG
    ).values("is_published")
    return {
        "history_approved": _count(submissions.filter(status=ShowcaseSubmissionStatus.APPROVED), "vendor_id"),
        "history_rejected": _count(submissions.filter(status=ShowcaseSubmissionStatus.REJECTED), "vendor_id"),
        "history_ocop": _count(
            OcopCertificate.objects.filter(vendor_id=vendor, status=OcopCertificateStatus.VERIFIED),
            "vendor_id",
        ),
        # counted up to COUNT_CAP, each product's listing read by the unique (product,
        # channel) index: a join let PostgreSQL hash all the channel's listings (100,000)
        "history_products": CappedCount(
            Product.objects.filter(vendor_id=vendor)
            .annotate(on_sale=Subquery(on_sale[:1], output_field=BooleanField()))
            .filter(on_sale=True)
        ),
        "history_orders": _count(
            VendorOrder.objects.filter(vendor_id=vendor, status=VendorOrderStatus.FULFILLED), "vendor_id"
        ),
    }


def _photos(prefix: str = "product__") -> Prefetch:
    return Prefetch(
        f"{prefix}media",
        queryset=ProductMedia.objects.order_by("sort_order", "pk")[:PHOTOS_SHOWN],
        to_attr="photos",
    )


def _default_price() -> Subquery:
    prices = (
        ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("product_id"), channel__slug=settings.DEFAULT_CHANNEL_SLUG
        )
        .values("variant__product_id")
        .annotate(low=Min("price_amount"))
        .values("low")
    )
    return Subquery(prices[:1])


# ---------------------------------------------------------------- showcase submissions


def submissions(actor: Actor, status: str | None) -> QuerySet[ShowcaseSubmission]:
    """Submissions of one status, oldest first for PENDING (first come, first served), most
    recently decided first otherwise; with the product's photos, its default-channel price
    and the shop's history."""
    qs = (
        submission_list(actor=actor, status=status)
        .select_related("product", "vendor", "submitted_by")
        .defer("product__search_document", "product__description", "product__description_plaintext")
        .annotate(price=_default_price(), **shop_history("vendor_id"))
        .prefetch_related(_photos())
    )
    if status == ShowcaseSubmissionStatus.PENDING:
        return qs.order_by("submitted_at", "pk")
    return qs.order_by("-reviewed_at", "-withdrawn_at", "-pk")


# ---------------------------------------------------------------- OCOP certificates


def certificates(status: str | None) -> QuerySet[OcopCertificate]:
    """Certificates of one status for reviewers (the views check MANAGE_OCOP first)."""
    qs = (
        certificate_list(status=status)
        .select_related("product", "vendor", "submitted_by", "reviewed_by")
        .defer("product__search_document", "product__description", "product__description_plaintext")
        .annotate(**shop_history("vendor_id"))
        .prefetch_related(_photos())
    )
    if status == OcopCertificateStatus.SUBMITTED:
        return qs.order_by("created_at", "pk")
    return qs.order_by("-reviewed_at", "-pk")


# ---------------------------------------------------------------- shop applications


def applications(actor: Actor, status: str | None) -> QuerySet[Vendor]:
    """Shops of one status as the vendor policy lets the actor read them, with their owners
    (each with the number of other shops they belong to), their workshop's address and village."""
    owners = (
        VendorMember.objects.filter(role=VendorMemberRole.OWNER)
        .select_related("user")
        .annotate(
            other_shops=_count(
                VendorMember.objects.filter(user_id=OuterRef("user_id")).exclude(
                    vendor_id=OuterRef("vendor_id")
                ),
                "user_id",
            )
        )
        .order_by("pk")
    )
    workshops = Warehouse.objects.select_related("address").order_by("pk")
    qs = (
        vendors_for(as_actor(actor), VendorAction.VIEW)
        .select_related("village")
        .prefetch_related(
            Prefetch("members", queryset=owners, to_attr="owners"),
            Prefetch("warehouses", queryset=workshops, to_attr="workshops"),
        )
    )
    if status is not None:
        qs = qs.filter(status=status)
    if status == VendorStatus.PENDING:
        return qs.order_by("created_at", "pk")
    return qs.order_by("-updated_at", "-pk")


# ---------------------------------------------------------------- featured collections


def showcase_channel() -> Channel:
    return Channel.objects.get(slug=settings.SHOWCASE_CHANNEL_SLUG)


def _showcase_listing() -> QuerySet[CollectionChannelListing]:
    return CollectionChannelListing.objects.filter(
        collection_id=OuterRef("pk"), channel__slug=settings.SHOWCASE_CHANNEL_SLUG
    )


class CollectionState:
    DRAFT = "DRAFT"
    SCHEDULED = "SCHEDULED"
    PUBLISHED = "PUBLISHED"


def collection_state(collection: Any, now: Any = None) -> str:
    if not collection.is_published:
        return CollectionState.DRAFT
    if collection.published_at and collection.published_at > (now or timezone.now()):
        return CollectionState.SCHEDULED
    return CollectionState.PUBLISHED


def collections() -> QuerySet[Collection]:
    """The showcase's collections with their design-centre listing (``is_published``,
    ``published_at``) and ``product_count``: drafts and scheduled ones first, then by name."""
    listing = _showcase_listing()
    return (
        curated_collections()
        .defer("description")
        .annotate(
            is_published=Coalesce(Subquery(listing.values("is_published")[:1]), Value(False)),
            published_at=Subquery(listing.values("published_at")[:1]),
            product_count=_count(
                CollectionProduct.objects.filter(collection_id=OuterRef("pk")), "collection_id"
            ),
        )
        .order_by("is_published", "-published_at", "name", "pk")
    )


def collection(pk: int) -> Collection:
    found = collections().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def collection_rows(collection: Collection, channel: Channel) -> list[CollectionProduct]:
    """The collection's products in order, each with its shop, first photo and whether the
    public sees it in design-centre (``is_public``)."""
    public = collection_products(collection_id=collection.pk, channel_id=channel.pk).filter(
        pk=OuterRef("product_id")
    )
    return list(
        CollectionProduct.objects.filter(collection=collection)
        .select_related("product__vendor")
        .defer("product__search_document", "product__description", "product__description_plaintext")
        .annotate(is_public=Exists(public))
        .prefetch_related(
            Prefetch(
                "product__media",
                queryset=ProductMedia.objects.order_by("sort_order", "pk")[:1],
                to_attr="photos",
            )
        )
        .order_by("sort_order", "pk")
    )


def addable_products(
    collection: Collection, *, search: str = "", chosen: Any = None, limit: int = PICKS_SHOWN
) -> list[tuple[int, str]]:
    """(id, "product — shop") of the products with an APPROVED submission not yet in the
    collection, matching ``search``, the ``chosen`` one first (when it is one of them): the
    choices of the "add a product" picker. At most ``limit + 1`` rows (one more tells the
    picker there are more), in one query whatever the number of approved products."""
    approved = ShowcaseSubmission.objects.filter(status=ShowcaseSubmissionStatus.APPROVED)
    present = CollectionProduct.objects.filter(collection_id=collection.pk, product_id=OuterRef("pk"))
    eligible = Product.objects.filter(pk__in=approved.values("product_id")).filter(~Exists(present))
    rows = picks_from(eligible, search=search, chosen=chosen).values_list("pk", "name", "vendor__name")
    return [(pk, f"{name} — {shop}") for pk, name, shop in rows[: limit + 1]]


def preview_products(collection: Collection, channel: Channel) -> QuerySet[Product]:
    """What the public sees of the collection in design-centre, in the collection's order,
    with the price there (``showcase_price``) and the first photo."""
    price = ProductChannelListing.objects.filter(product_id=OuterRef("pk"), channel=channel).values(
        "discounted_price_amount"
    )
    return (
        collection_products(collection_id=collection.pk, channel_id=channel.pk)
        .select_related("vendor")
        .annotate(showcase_price=Subquery(price[:1]))
        .prefetch_related(
            Prefetch(
                "media", queryset=ProductMedia.objects.order_by("sort_order", "pk")[:1], to_attr="photos"
            )
        )
        .order_by("collection_sort_order", "pk")  # type: ignore[misc]
    )
