"""Saleor's ``ProductWhereInput`` conditions as SQL conditions on products, with Saleor's
semantics (``filter_where_*`` in Saleor): a condition given with no usable value matches
nothing, ``eq`` wins over ``oneOf``, ``range`` needs a bound, channel conditions read the
product's listing in the request's channel. Each condition is a ``Q`` of correlated
subqueries, so AND/OR trees combine into one SQL query; the GraphQL layer walks the tree,
decodes IDs and calls ``condition`` for each field.

What does not exist in the marketplace behaves as it would in a Saleor shop without it:
there are no gift cards (``giftCard: true`` matches nothing, ``false`` everything), and
variants are pre-ordered only when flagged ``is_preorder``.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    AttributeValue,
    Category,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.selectors import visible_collections
from marketplace.inventory.models import Stock

# No price in the catalogue comes near this; larger bounds are clamped, not refused.
PRICE_BOUND = Decimal("1000000000000")
NOTHING = Q(pk__in=[])


def _clamp(value: Decimal) -> Decimal:
    if not value.is_finite():
        return PRICE_BOUND if value > 0 else -PRICE_BOUND
    return min(max(value, -PRICE_BOUND), PRICE_BOUND)


def _values_condition(
    field: str, value: dict[str, Any] | None, convert: Callable[[Any], Any] = lambda v: v
) -> Q:
    """``{eq}`` / ``{oneOf}`` / ``{range: {gte lte}}`` on ``field``; nothing when empty."""
    if not value:
        return NOTHING
    if "eq" in value and value["eq"] is not None:
        return Q(**{field: convert(value["eq"])})
    if value.get("one_of"):
        return Q(**{f"{field}__in": [convert(v) for v in value["one_of"]]})
    bounds = value.get("range")
    if bounds and (bounds.get("gte") is not None or bounds.get("lte") is not None):
        condition = Q()
        if bounds.get("gte") is not None:
            condition &= Q(**{f"{field}__gte": convert(bounds["gte"])})
        if bounds.get("lte") is not None:
            condition &= Q(**{f"{field}__lte": convert(bounds["lte"])})
        return condition
    return NOTHING


def _range_condition(field: str, bounds: dict[str, Any] | None) -> Q:
    if not bounds or (bounds.get("gte") is None and bounds.get("lte") is None):
        return NOTHING
    return _values_condition(field, {"range": bounds})


def _day_bounds(bounds: dict[str, Any] | None) -> dict[str, Any] | None:
    """A date range as date-time bounds (UTC days, as Saleor reads them)."""
    if not bounds:
        return bounds
    result: dict[str, Any] = {}
    if isinstance(bounds.get("gte"), date):
        result["gte"] = datetime.combine(bounds["gte"], time.min, tzinfo=UTC)
    if isinstance(bounds.get("lte"), date):
        result["lte"] = datetime.combine(bounds["lte"], time.max, tzinfo=UTC)
    return result


def in_stock_subquery(channel_id: int) -> Exists:
    """A variant of the product priced in the channel with units not allocated to orders."""
    return Exists(
        Stock.objects.filter(
            product_variant__product_id=OuterRef("pk"),
            product_variant__channel_listings__channel_id=channel_id,
            quantity__gt=F("quantity_allocated"),
        )
    )


class ProductWhere:
    """Builds the condition of each ``ProductWhereInput`` field for one channel. The
    category tree is read once per instance (one query), whatever the number of category
    conditions."""

    def __init__(self, *, channel_id: int) -> None:
        self.channel_id = channel_id
        self._children: dict[int | None, list[int]] | None = None

    # ------------------------------------------------------------ helpers

    def _listing(self, **lookups: Any) -> Q:
        return Q(
            Exists(
                ProductChannelListing.objects.filter(
                    product_id=OuterRef("pk"), channel_id=self.channel_id, **lookups
                )
            )
        )

    def _descendants(self, category_ids: Iterable[int]) -> list[int]:
        if self._children is None:
            self._children = {}
            for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
                self._children.setdefault(parent_id, []).append(pk)
        found: set[int] = set()
        frontier = list(category_ids)
        while frontier:
            pk = frontier.pop()
            if pk not in found:
                found.add(pk)
                frontier.extend(self._children.get(pk, []))
        return sorted(found)

    @staticmethod
    def _pks(value: dict[str, Any] | None) -> list[int]:
        """The primary keys of a decoded ``GlobalIDFilterInput`` (``eq`` wins)."""
        if not value:
            return []
        if value.get("eq") is not None:
            return [value["eq"]]
        return list(value.get("one_of") or [])

    # ------------------------------------------------------------ fields

    def condition(self, name: str, value: Any) -> Q:
        """The SQL condition of one field of the input (``name`` in snake_case)."""
        return getattr(self, f"_{name}")(value)  # type: ignore[no-any-return]

    def _ids(self, value: list[int] | None) -> Q:
        return Q(pk__in=value) if value else NOTHING

    def _name(self, value: dict[str, Any] | None) -> Q:
        return _values_condition("name", value)

    def _slug(self, value: dict[str, Any] | None) -> Q:
        return _values_condition("slug", value)

    def _product_type(self, value: dict[str, Any] | None) -> Q:
        ids = self._pks(value)
        return Q(product_type_id__in=ids) if ids else NOTHING

    def _category(self, value: dict[str, Any] | None) -> Q:
        ids = self._pks(value)
        return Q(category_id__in=self._descendants(ids)) if ids else NOTHING

    def _collection(self, value: dict[str, Any] | None) -> Q:
        """Products of the given collections, among those published in the channel (a
        draft collection's members stay private, as in ``filter.collections``)."""
        ids = self._pks(value)
        if not ids:
            return NOTHING
        members = CollectionProduct.objects.filter(
            product_id=OuterRef("pk"),
            collection_id__in=ids,
            collection__in=visible_collections(channel_id=self.channel_id),
        )
        return Q(Exists(members))

    def _is_available(self, value: bool | None) -> Q:
        if value is None:
            return NOTHING
        now = timezone.now()
        if value:
            return self._listing(available_for_purchase_at__lte=now)
        return Q(
            Exists(
                ProductChannelListing.objects.filter(
                    Q(available_for_purchase_at__gt=now) | Q(available_for_purchase_at__isnull=True),
                    product_id=OuterRef("pk"),
                    channel_id=self.channel_id,
                )
            )
        )

    def _is_published(self, value: bool | None) -> Q:
        if value is None:
            return NOTHING
        published = Q(pk__in=Product.objects.published(self.channel_id).values("pk"))
        return published if value else ~published

    def _is_visible_in_listing(self, value: bool | None) -> Q:
        return NOTHING if value is None else self._listing(visible_in_listings=value)

    def _published_from(self, value: datetime | None) -> Q:
        """Published in the channel on or before ``value``; a listing without a date was
        published from the start (Saleor always stores the date; we keep it optional)."""
        if value is None:
            return NOTHING
        return Q(
            Exists(
                ProductChannelListing.objects.filter(
                    Q(published_at__lte=value) | Q(published_at__isnull=True),
                    product_id=OuterRef("pk"),
                    channel_id=self.channel_id,
                    is_published=True,
                )
            )
        )

    def _available_from(self, value: datetime | None) -> Q:
        return NOTHING if value is None else self._listing(available_for_purchase_at__lte=value)

    def _has_category(self, value: bool | None) -> Q:
        return NOTHING if value is None else Q(category__isnull=not value)

    def _price(self, value: dict[str, Any] | None) -> Q:
        """Any variant priced in the channel matches."""
        condition = _values_condition("price_amount", value, _clamp)
        if condition is NOTHING:
            return NOTHING
        prices = ProductVariantChannelListing.objects.filter(
            condition, variant__product_id=OuterRef("pk"), channel_id=self.channel_id
        )
        return Q(Exists(prices))

    def _minimal_price(self, value: dict[str, Any] | None) -> Q:
        """The cheapest variant price in the channel (the listing's denormalised price)."""
        condition = _values_condition("discounted_price_amount", value, _clamp)
        if condition is NOTHING:
            return NOTHING
        return Q(
            Exists(
                ProductChannelListing.objects.filter(
                    condition, product_id=OuterRef("pk"), channel_id=self.channel_id
                )
            )
        )

    def _attributes(self, value: list[dict[str, Any]] | None) -> Q:
        """Every listed attribute matches (AND); within one, any of its values (OR); a
        value assigned to the product or to any of its variants."""
        if not value:
            return NOTHING
        condition = Q()
        for item in value:
            condition &= self._has_values(attribute_value_condition(item))
        return condition

    @staticmethod
    def _has_values(values: Q) -> Q:
        if values is NOTHING:
            return NOTHING
        matching = AttributeValue.objects.filter(values)
        on_product = AssignedProductAttributeValue.objects.filter(
            product_id=OuterRef("pk"), value__in=matching
        )
        on_variant = AssignedVariantAttributeValue.objects.filter(
            variant__product_id=OuterRef("pk"), value__in=matching
        )
        return Q(Exists(on_product)) | Q(Exists(on_variant))

    def _stock_availability(self, value: str | None) -> Q:
        if value is None:
            return NOTHING
        in_stock = Q(in_stock_subquery(self.channel_id))
        return in_stock if value == "IN_STOCK" else ~in_stock

    def _stocks(self, value: dict[str, Any] | None) -> Q:
        """A variant stocked in the warehouses (``warehouseIds``) and/or whose total
        quantity (in those warehouses) is within ``quantity``."""
        if not value:
            return NOTHING
        warehouse_ids = value.get("warehouse_ids")
        quantity = value.get("quantity")
        if not warehouse_ids and not quantity:
            return NOTHING
        stocks = Stock.objects.filter(product_variant_id=OuterRef("pk"))
        if warehouse_ids:
            stocks = stocks.filter(warehouse_id__in=warehouse_ids)
        if not quantity:
            variants = ProductVariant.objects.filter(Exists(stocks), product_id=OuterRef("pk"))
            return Q(Exists(variants))
        total = Subquery(
            stocks.order_by()
            .values("product_variant_id")
            .annotate(total=Sum("quantity"))
            .values("total")[:1],
            output_field=IntegerField(),
        )
        variants = ProductVariant.objects.annotate(total_quantity=Coalesce(total, 0)).filter(
            _range_condition("total_quantity", quantity), product_id=OuterRef("pk")
        )
        return Q(Exists(variants))

    def _gift_card(self, value: bool | None) -> Q:
        if value is None:
            return NOTHING
        return NOTHING if value else Q()

    def _has_preordered_variants(self, value: bool | None) -> Q:
        if value is None:
            return NOTHING
        preordered = Q(Exists(ProductVariant.objects.filter(product_id=OuterRef("pk"), is_preorder=True)))
        return preordered if value else ~preordered

    def _updated_at(self, value: dict[str, Any] | None) -> Q:
        return _values_condition("updated_at", value)


def attribute_value_condition(item: dict[str, Any]) -> Q:
    """The attribute values one ``AttributeInput`` matches (by the attribute's ``slug``,
    with the deprecated ``values``/``valuesRange``/``boolean``/``date``/``dateTime`` or
    with ``value``); nothing when it gives nothing to match."""
    slug = item.get("slug")
    condition = Q(attribute__slug=slug) if slug else Q()
    if item.get("values") is not None:
        return condition & Q(slug__in=item["values"]) if item["values"] else NOTHING
    if item.get("values_range") is not None:
        return condition & _range_condition("numeric", item["values_range"])
    if item.get("boolean") is not None:
        return condition & Q(boolean=item["boolean"])
    if item.get("date") is not None:
        return condition & _range_condition("date_time", _day_bounds(item["date"]))
    if item.get("date_time") is not None:
        return condition & _range_condition("date_time", item["date_time"])
    if item.get("value") is not None:
        return condition & _assigned_value_condition(item["value"])
    # Only a slug: products that have any value of the attribute.
    return condition if slug else NOTHING


def _assigned_value_condition(value: dict[str, Any]) -> Q:
    """``AssignedAttributeValueInput``: exactly one of its fields is given (checked by the API)."""
    if value.get("slug") is not None:
        return _values_condition("slug", value["slug"])
    if value.get("name") is not None:
        return _values_condition("name", value["name"])
    if value.get("numeric") is not None:
        return _values_condition("numeric", value["numeric"], float)
    if value.get("boolean") is not None:
        return Q(boolean=value["boolean"])
    if value.get("date") is not None:
        return _range_condition("date_time", _day_bounds(value["date"]))
    if value.get("date_time") is not None:
        return _range_condition("date_time", value["date_time"])
    if value.get("reference") is not None:
        return _reference_condition(value["reference"])
    return NOTHING


def _reference_condition(reference: dict[str, Any]) -> Q:
    """Values referring to the given categories or collections (by decoded ID or slug):
    ``containsAny`` (one of them) or ``containsAll`` (a single-reference value holds one
    object, so all of them only when one is given). Pages, products and variants are never
    referenced here, so those lists match nothing."""
    lookups = {
        "category_ids": "reference_category_id",
        "collection_ids": "reference_collection_id",
        "category_slugs": "reference_category__slug",
        "collection_slugs": "reference_collection__slug",
    }
    condition = NOTHING
    for key, lookup in lookups.items():
        contains = reference.get(key)
        if not contains:
            continue
        wanted = contains.get("contains_any") or contains.get("contains_all") or []
        if contains.get("contains_all") and len(set(wanted)) > 1:
            continue
        if wanted:
            condition = (
                Q(**{f"{lookup}__in": wanted})
                if condition is NOTHING
                else condition | Q(**{f"{lookup}__in": wanted})
            )
    return condition
