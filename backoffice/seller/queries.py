"""The seller centre's reads. Every one starts from the current shop as the vendor policy's
queryset (``Roles.shop_scope``): a page never names a vendor id of its own, so another
shop's object is simply not found (404). Each read is a fixed number of SQL queries,
whatever the number of rows (annotations and prefetches, never a query per row)."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.core.text import search_terms, word_start
from marketplace.curation.models import ShowcaseSubmission
from marketplace.inventory.models import Stock
from marketplace.orders.models import VendorOrder, VendorOrderStatus
from marketplace.returns.models import ReturnLine, ReturnRequest, ReturnStatus
from marketplace.reviews.models import Review
from vendors.ocop.models import OcopCertificate
from vendors.shops.models import VendorMember

LOW_STOCK = 3
PICKS_SHOWN = 20  # products a product picker lists at once
OCOP_EXPIRY_WARNING_DAYS = 60
WAITING_TO_SHIP = (VendorOrderStatus.UNFULFILLED, VendorOrderStatus.PARTIALLY_FULFILLED)


class ProductStatus:
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    HIDDEN = "HIDDEN"
    OUT_OF_STOCK = "OUT_OF_STOCK"
    ALL = (DRAFT, PUBLISHED, HIDDEN, OUT_OF_STOCK)


def _default_listing() -> QuerySet[ProductChannelListing]:
    return ProductChannelListing.objects.filter(
        product_id=OuterRef("pk"), channel__slug=settings.DEFAULT_CHANNEL_SLUG
    )


def _is_published() -> Coalesce:
    """Whether the product is published in the default channel, as a scalar subquery reading
    its one listing there. Not ``Exists``: PostgreSQL may answer an EXISTS in the select list
    with a hashed subplan over every listing of the channel (100,000 rows at 100,000
    products, about 150 ms) even for a page of 25."""
    listing = _default_listing().values("is_published")[:1]
    return Coalesce(Subquery(listing, output_field=BooleanField()), Value(False))


def _was_published() -> Coalesce:
    """Whether it was ever published there (``published_at`` set), the same way."""
    listing = _default_listing().annotate(was=Q(published_at__isnull=False)).values("was")[:1]
    return Coalesce(Subquery(listing, output_field=BooleanField()), Value(False))


def _available_stock() -> Coalesce:
    per_product = (
        Stock.objects.filter(
            product_variant__product_id=OuterRef("pk"), product_variant__track_inventory=True
        )
        .values("product_variant__product_id")
        .annotate(available=Sum(F("quantity") - F("quantity_allocated")))
        .values("available")
    )
    return Coalesce(Subquery(per_product, output_field=IntegerField()), Value(0))


def products(scope: QuerySet, *, search: str = "", status: str = "") -> QuerySet[Product]:
    """The shop's products, newest first, each with ``is_published``, ``was_published``,
    ``stock``, ``variant_count``, ``price`` (the cheapest default-channel price) and
    ``photo_id`` (the first photo), and filtered by ``status`` (a ``ProductStatus``)."""
    first_photo = ProductMedia.objects.filter(product_id=OuterRef("pk")).order_by("sort_order", "pk")
    prices = (
        ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("pk"), channel__slug=settings.DEFAULT_CHANNEL_SLUG
        )
        .values("variant__product_id")
        .annotate(low=Min("price_amount"))
        .values("low")
    )
    variants = (
        ProductVariant.objects.filter(product_id=OuterRef("pk"))
        .values("product_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        Product.objects.filter(vendor__in=scope)
        .defer("search_document", "description", "description_plaintext")
        .select_related("category")
        .annotate(
            is_published=_is_published(),
            was_published=_was_published(),
            stock=_available_stock(),
            variant_count=Coalesce(Subquery(variants, output_field=IntegerField()), Value(0)),
            price=Subquery(prices[:1]),
            photo_id=Subquery(first_photo.values("pk")[:1]),
        )
        .order_by("-created_at", "-pk")
    )
    for term in search_terms(search or "", max_length=settings.SEARCH_MAX_LENGTH):
        qs = qs.filter(search_document__contains=word_start(term))
    if status == ProductStatus.PUBLISHED:
        qs = qs.filter(is_published=True, stock__gt=0)
    elif status == ProductStatus.OUT_OF_STOCK:
        qs = qs.filter(is_published=True, stock__lte=0)
    elif status == ProductStatus.HIDDEN:
        qs = qs.filter(is_published=False, was_published=True)
    elif status == ProductStatus.DRAFT:
        qs = qs.filter(is_published=False, was_published=False)
    return qs


def product_picks(
    scope: QuerySet, *, search: str = "", chosen: Any = None, limit: int = PICKS_SHOWN
) -> list[tuple[int, str]]:
    """(id, name) of the shop's products matching ``search`` (word starts, as the products
    page searches), by name, with the ``chosen`` one first whether it matches or not (so that
    a chosen product stays a choice): the choices of a product picker. At most ``limit + 1``
    rows (one more than shown tells the picker that there are more), in one query whatever
    the size of the catalogue. A ``chosen`` id that is not one of the shop's products is
    simply not among them."""
    qs = picks_from(Product.objects.filter(vendor__in=scope), search=search, chosen=chosen)
    return list(qs.values_list("pk", "name")[: limit + 1])


def picks_from(products: QuerySet[Product], *, search: str = "", chosen: Any = None) -> QuerySet[Product]:
    """``products`` matching ``search`` (word starts) by name, the ``chosen`` one first
    whether it matches or not (when it is one of ``products``): a picker's ordered choices,
    for the caller to cut at ``limit + 1``."""
    chosen_pk = id_or_none(chosen)
    terms = search_terms(search or "", max_length=settings.SEARCH_MAX_LENGTH)
    matches = Q(*(Q(search_document__contains=word_start(term)) for term in terms))
    if chosen_pk is None:
        return products.filter(matches).order_by("name", "pk")
    return (
        products.filter((matches | Q(pk=chosen_pk)) if terms else Q())
        .annotate(not_chosen=Case(When(pk=chosen_pk, then=Value(0)), default=Value(1)))
        .order_by("not_chosen", "name", "pk")
    )


def id_or_none(value: Any) -> int | None:
    """A database id from a request parameter, or None (not a number, out of range)."""
    try:
        number = int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        return None
    return number if number is not None and 0 < number < 2**63 else None


def product_status(product: Any) -> str:
    if product.is_published:
        return ProductStatus.PUBLISHED if product.stock > 0 else ProductStatus.OUT_OF_STOCK
    return ProductStatus.HIDDEN if product.was_published else ProductStatus.DRAFT


def product_for_edit(scope: QuerySet, pk: int) -> Product:
    """One of the shop's products with what its form shows: variants (their default-channel
    price and stock), attribute values, photos, the English translation. 404 when it is not
    the shop's."""
    default_prices = ProductVariantChannelListing.objects.filter(channel__slug=settings.DEFAULT_CHANNEL_SLUG)
    product = (
        Product.objects.filter(vendor__in=scope, pk=pk)
        .select_related("product_type", "category", "vendor")
        .annotate(
            is_published=_is_published(),
            was_published=_was_published(),
            stock=_available_stock(),
        )
        .prefetch_related(
            Prefetch(
                "variants",
                queryset=ProductVariant.objects.order_by("sort_order", "pk").prefetch_related(
                    Prefetch("channel_listings", queryset=default_prices, to_attr="default_prices"),
                    "stocks",
                    "attribute_values__value",
                ),
            ),
            "attribute_values__value__attribute",
            "media",
            Prefetch("translations", queryset=ProductTranslation.objects.filter(language_code="en")),
            "product_type__attribute_products__attribute__values",
            "product_type__attribute_variants__attribute__values",
        )
        .first()
    )
    if product is None:
        raise Http404
    return product


def product_with_photos(scope: QuerySet, pk: Any) -> Product:
    product = (
        Product.objects.filter(vendor__in=scope, pk=pk)
        .only("pk", "name", "vendor_id")
        .prefetch_related(Prefetch("media", queryset=ProductMedia.objects.order_by("sort_order", "pk")))
        .first()
    )
    if product is None:
        raise Http404
    return product


def shop_product(scope: QuerySet, pk: Any) -> Product:
    product = Product.objects.filter(vendor__in=scope, pk=pk).select_related("vendor").first()
    if product is None:
        raise Http404
    return product


# ---------------------------------------------------------------- orders


def vendor_orders(scope: QuerySet, *, status: str = "") -> QuerySet[VendorOrder]:
    qs = (
        VendorOrder.objects.filter(vendor__in=scope)
        .select_related("order")
        .annotate(item_count=Coalesce(Sum("lines__quantity"), Value(0)))
        .order_by("-created_at", "-pk")
    )
    if status == "WAITING":
        qs = qs.filter(status__in=WAITING_TO_SHIP)
    elif status in VendorOrderStatus.values:
        qs = qs.filter(status=status)
    return qs


def vendor_order(scope: QuerySet, pk: Any) -> VendorOrder:
    part = (
        VendorOrder.objects.filter(vendor__in=scope, pk=pk)
        .select_related("vendor", "order__shipping_address", "order__collection_point")
        .prefetch_related("lines", "fulfillments__lines")
        .first()
    )
    if part is None:
        raise Http404
    return part


# ---------------------------------------------------------------- returns


def returns(scope: QuerySet, *, status: str = "") -> QuerySet[ReturnRequest]:
    """The shop's return requests, newest first, each with its order and ``item_count``
    (the units asked back), filtered by ``status`` (a ``ReturnStatus``)."""
    units = (
        ReturnLine.objects.filter(return_request_id=OuterRef("pk"))
        .values("return_request_id")
        .annotate(n=Sum("quantity"))
        .values("n")
    )
    qs = (
        ReturnRequest.objects.filter(vendor_order__vendor__in=scope)
        .select_related("order", "granted_refund")
        .annotate(item_count=Coalesce(Subquery(units, output_field=IntegerField()), Value(0)))
        .order_by("-created_at", "-pk")
    )
    if status in ReturnStatus.values:
        qs = qs.filter(status=status)
    return qs


def return_request(scope: QuerySet, pk: Any) -> ReturnRequest:
    """One of the shop's returns with its order, lines (and their order lines), photos and
    refund. 404 when it is not the shop's."""
    found = (
        ReturnRequest.objects.filter(vendor_order__vendor__in=scope, pk=pk)
        .select_related("order", "vendor_order", "granted_refund", "user")
        .prefetch_related(
            Prefetch("lines", queryset=ReturnLine.objects.select_related("order_line").order_by("pk")),
            "photos",
        )
        .first()
    )
    if found is None:
        raise Http404
    return found


# ---------------------------------------------------------------- home, OCOP, showcase, members


def home_figures(scope: QuerySet, *, now: Any = None) -> dict[str, int]:
    """Counts for the home page, in one query per figure family."""
    now = timezone.localtime(now or timezone.now())
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    orders = VendorOrder.objects.filter(vendor__in=scope).aggregate(
        new_today=Count("pk", filter=Q(created_at__gte=today)),
        waiting=Count("pk", filter=Q(status__in=WAITING_TO_SHIP)),
    )
    low = _low_stock(scope).count()
    returns_waiting = ReturnRequest.objects.filter(
        vendor_order__vendor__in=scope, status=ReturnStatus.REQUESTED
    ).count()
    return {
        "new_today": orders["new_today"],
        "waiting": orders["waiting"],
        "low_stock": low,
        "returns_waiting": returns_waiting,
    }


def low_stock_variants(scope: QuerySet, limit: int = 10) -> list[Stock]:
    return list(_low_stock(scope).select_related("product_variant__product")[:limit])


def _low_stock(scope: QuerySet) -> QuerySet[Stock]:
    """The shop's stock rows with ``available`` (quantity less allocated) at most LOW_STOCK,
    fewest first,
    found through the shop's warehouses and the index ``stock_warehouse_available`` (on the
    warehouse and that difference): the rows read are the low ones, not all the shop's
    variants (8,000 at 100,000 products, 130 ms through the products)."""
    return (
        Stock.objects.filter(
            warehouse__vendor__in=scope,
            product_variant__product__vendor__in=scope,
            product_variant__track_inventory=True,
        )
        .annotate(available=F("quantity") - F("quantity_allocated"))
        .filter(available__lte=LOW_STOCK)
        .order_by("available", "pk")
    )


def certificates(scope: QuerySet) -> QuerySet[OcopCertificate]:
    return (
        OcopCertificate.objects.filter(vendor__in=scope)
        .select_related("product")
        .order_by("-created_at", "-pk")
    )


def certificates_expiring(scope: QuerySet, *, today: Any = None) -> QuerySet[OcopCertificate]:
    today = today or timezone.localdate()
    return certificates(scope).filter(
        status="VERIFIED",
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=OCOP_EXPIRY_WARNING_DAYS),
    )


def submissions(scope: QuerySet) -> QuerySet[ShowcaseSubmission]:
    return (
        ShowcaseSubmission.objects.filter(vendor__in=scope)
        .select_related("product")
        .order_by("-submitted_at", "-pk")
    )


def reviews(scope: QuerySet) -> QuerySet[Review]:
    """The shop's reviews, newest first, with their product, author and photos."""
    return (
        Review.objects.filter(vendor__in=scope)
        .select_related("product", "user")
        .prefetch_related("photos")
        .order_by("-created_at", "-pk")
    )


def members(scope: QuerySet) -> QuerySet[VendorMember]:
    return VendorMember.objects.filter(vendor__in=scope).select_related("user").order_by("pk")
