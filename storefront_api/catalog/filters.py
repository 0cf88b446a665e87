"""Product filter input and its translation into selector arguments."""

from decimal import Decimal
from typing import Any

import graphene
from django.conf import settings
from django.db.models import QuerySet

from marketplace.catalog.selectors import filter_products, filter_published, search_products
from marketplace.routes.selectors import products_along_published_route
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id, decode_ids, decode_ids_or_slugs
from vendors.ocop.selectors import products_with_ocop_stars
from vendors.villages.selectors import village_ids

# No price in the catalogue comes near this; bounds beyond it are clamped, not rejected.
PRICE_BOUND = Decimal("1000000000000")


class StockAvailability(graphene.Enum):
    IN_STOCK = "IN_STOCK"
    OUT_OF_STOCK = "OUT_OF_STOCK"


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float(description="Price greater than or equal to.")
    lte = graphene.Float(description="Price less than or equal to.")


class ProductFilterInput(graphene.InputObjectType):
    search = graphene.String(
        description="Search by name, description, category, vendor, village (accent-insensitive)."
    )
    categories = graphene.List(
        graphene.NonNull(graphene.ID), description="Categories (and their subcategories)."
    )
    collections = graphene.List(graphene.NonNull(graphene.ID))
    product_types = graphene.List(graphene.NonNull(graphene.ID))
    price = graphene.Field(PriceRangeInput, description="Any variant priced within the range in the channel.")
    stock_availability = graphene.Argument(StockAvailability)
    is_published = graphene.Boolean()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    vendors = graphene.List(graphene.NonNull(graphene.ID), description="Products of these artisan shops.")
    villages = graphene.List(
        graphene.NonNull(graphene.ID),
        description=(
            "Products of shops in these craft villages, each given by ID or by slug "
            '("bat-trang"); an unknown slug matches nothing.'
        ),
    )
    ocop_stars = graphene.List(
        graphene.NonNull(graphene.Int),
        description="Products whose OCOP badge has any of these star levels (valid certificates only).",
    )
    tourism_route = graphene.ID(
        description="Products of the active shops in the villages of this (published) tourism route."
    )
    minimal_rating = graphene.Float(
        description="Products rated at least this (the mean stars of their buyers' visible reviews, 0 to 5)."
    )


def _rating_bound(value: float) -> float:
    """``minimalRating`` clamped to 0..5; NaN and infinities are refused."""
    if value != value or value in (float("inf"), float("-inf")):
        raise api_error("minimalRating must be a number from 0 to 5.", "INVALID_FILTER")
    return min(max(float(value), 0.0), 5.0)


def _bound(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return min(max(Decimal(str(value)), Decimal(0)), PRICE_BOUND)


def check_search(search: str | None) -> str | None:
    if search is not None and len(search) > settings.SEARCH_MAX_LENGTH:
        raise api_error(
            f"Search query is too long: at most {settings.SEARCH_MAX_LENGTH} characters.", "INVALID_SEARCH"
        )
    return search


def apply_product_filter(
    qs: QuerySet, *, channel_id: int, filter: dict[str, Any] | None, search: str | None
) -> QuerySet:
    """Filter a queryset of visible products; annotates ``search_rank`` when searching."""
    filter = filter or {}
    search = check_search(search if search is not None else filter.get("search"))
    if filter.get("is_published") is not None:
        # The public only ever sees published products; members see their drafts too.
        qs = filter_published(qs, channel_id=channel_id, published=filter["is_published"])
    price = filter.get("price") or {}
    stock = filter.get("stock_availability")
    stock_value = getattr(stock, "value", stock)
    qs = filter_products(
        qs,
        channel_id=channel_id,
        ids=_ids(filter, "ids", "Product"),
        slugs=[s[:255] for s in filter["slugs"][:100]] if filter.get("slugs") is not None else None,
        category_ids=_ids(filter, "categories", "Category"),
        collection_ids=_ids(filter, "collections", "Collection"),
        product_type_ids=_ids(filter, "product_types", "ProductType"),
        vendor_ids=_ids(filter, "vendors", "Vendor"),
        village_ids=villages_of(filter.get("villages")),
        price_gte=_bound(price.get("gte")),
        price_lte=_bound(price.get("lte")),
        in_stock=None if stock_value is None else stock_value == "IN_STOCK",
    )
    if filter.get("ocop_stars") is not None:
        qs = products_with_ocop_stars(qs, filter["ocop_stars"][:100])
    if filter.get("minimal_rating") is not None:
        qs = qs.filter(rating__gte=_rating_bound(filter["minimal_rating"]))
    if filter.get("tourism_route") is not None:
        route_id = decode_id(filter["tourism_route"], only_type="TourismRoute")
        qs = products_along_published_route(qs, route_id=route_id)
    if search is not None:
        qs = search_products(qs, search, max_length=settings.SEARCH_MAX_LENGTH)
    return qs


def _ids(filter: dict[str, Any], key: str, type_name: str) -> list[int] | None:
    if filter.get(key) is None:
        return None
    return decode_ids(filter[key], only_type=type_name)


def villages_of(values: list[str] | None) -> list[int] | None:
    """The villages of a ``villages`` argument (IDs or slugs); None when it is not given."""
    if values is None:
        return None
    ids, slugs = decode_ids_or_slugs(values, only_type="CraftVillage")
    return village_ids(ids=ids, slugs=slugs)
