"""Product sorting: each order field becomes keyset sort keys (plus annotations)."""

from typing import Any

import graphene
from django.db.models import DecimalField, F, FloatField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from marketplace.catalog.models import ProductChannelListing
from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS
from storefront_api.core.enums import OrderDirection
from storefront_api.core.errors import api_error
from storefront_api.core.pagination import SortKey
from vendors.ocop.selectors import annotate_ocop_stars


class ProductOrderField(graphene.Enum):
    NAME = "NAME"
    RANK = "RANK"
    PRICE = "PRICE"
    MINIMAL_PRICE = "MINIMAL_PRICE"
    CREATED_AT = "CREATED_AT"
    LAST_MODIFIED = "LAST_MODIFIED"
    LAST_MODIFIED_AT = "LAST_MODIFIED_AT"
    DATE = "DATE"
    RATING = "RATING"
    COLLECTION = "COLLECTION"
    OCOP_STARS = "OCOP_STARS"

    @property
    def description(self) -> str:
        return {
            "NAME": "Sort products by name.",
            "RANK": "Sort products by rank (search relevance). Only with a search.",
            "PRICE": "Sort products by price (the cheapest variant in the channel).",
            "MINIMAL_PRICE": "Sort products by the cheapest variant price in the channel.",
            "CREATED_AT": "Sort products by creation date.",
            "LAST_MODIFIED": "Sort products by update date.",
            "LAST_MODIFIED_AT": "Sort products by update date.",
            "DATE": "Sort products by update date.",
            "RATING": "Sort products by rating (the mean stars of their visible reviews; unrated ones last).",
            "COLLECTION": "Sort products by the collection's own order. Only inside a collection.",
            "OCOP_STARS": "Sort products by their OCOP badge's stars (0 without a valid certificate).",
        }[self.name]


class ProductOrder(graphene.InputObjectType):
    field = graphene.Argument(ProductOrderField, description="Sort products by the selected field.")
    direction = graphene.Argument(
        OrderDirection, required=True, description="Specifies the direction in which to sort."
    )
    channel = graphene.String(description="Deprecated: use the channel argument of the query.")


def _value(item: Any) -> Any:
    return getattr(item, "value", item)


def sort_products(
    qs: QuerySet, *, sort_by: dict[str, Any] | None, channel_id: int, searching: bool, in_collection: bool
) -> tuple[QuerySet, list[SortKey]]:
    """The queryset with any annotation the order needs, and its sort keys."""
    field, keys = product_sort(sort_by, searching=searching, in_collection=in_collection)
    return annotate_for_sort(qs, field, channel_id=channel_id), keys


def product_sort(
    sort_by: dict[str, Any] | None, *, searching: bool, in_collection: bool
) -> tuple[str, list[SortKey]]:
    """The order field asked for (or the default one) and its sort keys; an error for an
    order that needs what is not there (RANK without a search, COLLECTION outside one)."""
    if sort_by:
        field = _value(sort_by.get("field")) or "NAME"
        descending = _value(sort_by.get("direction")) == "DESC"
    elif searching:
        field, descending = "RANK", True
    elif in_collection:
        field, descending = "COLLECTION", False
    else:
        field, descending = "NAME", False
    if field == "RANK":
        if not searching:
            raise api_error("Sorting by RANK is available only when using a search filter.", "INVALID_SORT")
        return field, [SortKey("search_rank", descending)]
    if field == "COLLECTION":
        if not in_collection:
            raise api_error("Sorting by COLLECTION is available only inside a collection.", "INVALID_SORT")
        return field, [SortKey("collection_sort_order", descending)]
    if field in ("PRICE", "MINIMAL_PRICE"):
        return field, [SortKey("sort_price", descending)]
    if field == "RATING":
        return field, [SortKey("sort_rating", descending)]
    if field == "OCOP_STARS":
        return field, [SortKey("ocop_stars", descending), SortKey("slug", descending)]
    if field == "CREATED_AT":
        return field, [SortKey("created_at", descending)]
    if field in ("LAST_MODIFIED", "LAST_MODIFIED_AT", "DATE"):
        return field, [SortKey("updated_at", descending)]
    return "NAME", [SortKey("search_name", descending), SortKey("slug", descending)]


def annotate_for_sort(qs: QuerySet, field: str, *, channel_id: int) -> QuerySet:
    """``qs`` with the annotation ``field``'s sort keys read (none for most)."""
    if field in ("PRICE", "MINIMAL_PRICE"):
        price = ProductChannelListing.objects.filter(product_id=OuterRef("pk"), channel_id=channel_id).values(
            "discounted_price_amount"
        )[:1]
        decimal = DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
        return qs.annotate(
            sort_price=Coalesce(Subquery(price, output_field=decimal), Value(0), output_field=decimal)
        )
    if field == "RATING":
        return qs.annotate(sort_rating=Coalesce(F("rating"), Value(-1.0), output_field=FloatField()))
    if field == "OCOP_STARS":
        return annotate_ocop_stars(qs)
    return qs
