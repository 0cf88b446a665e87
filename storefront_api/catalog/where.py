"""``where: ProductWhereInput`` (Saleor 3.20+) on ``products``, ``Category.products`` and
``Collection.products``: parsed and checked here (IDs decoded, sizes capped), turned into
SQL by ``marketplace.catalog.product_where``. Visibility is applied before, as for every
product list; ``filter`` and ``where`` cannot be combined (Saleor's rule), ``search`` can."""

from typing import Any

import graphene
from django.db.models import Q
from graphql_relay import from_global_id

from marketplace.catalog.product_where import ProductWhere
from storefront_api.catalog.filters import StockAvailability
from storefront_api.core.ids import decode_id, decode_ids
from storefront_api.core.where import (
    ContainsFilterInput,
    DateRangeInput,
    DateTimeFilterInput,
    DateTimeRangeInput,
    DecimalFilterInput,
    GlobalIDFilterInput,
    IntRangeInput,
    StringFilterInput,
    check_list,
    decoded_ids,
    finite_decimals,
    where_condition,
    where_error,
)


class AssignedAttributeReferenceInput(graphene.InputObjectType):
    referenced_ids = graphene.InputField(
        ContainsFilterInput, description="Objects with a reference to the object of one of these IDs."
    )
    page_slugs = graphene.InputField(
        ContainsFilterInput, description="References to pages (none exist here: matches nothing)."
    )
    product_slugs = graphene.InputField(
        ContainsFilterInput, description="References to products (none exist here: matches nothing)."
    )
    product_variant_skus = graphene.InputField(
        ContainsFilterInput, description="References to variants (none exist here: matches nothing)."
    )
    category_slugs = graphene.InputField(ContainsFilterInput, description="References to categories by slug.")
    collection_slugs = graphene.InputField(
        ContainsFilterInput, description="References to collections by slug."
    )


class AssignedAttributeValueInput(graphene.InputObjectType):
    slug = graphene.InputField(StringFilterInput, description="Filter by slug assigned to AttributeValue.")
    name = graphene.InputField(StringFilterInput, description="Filter by name assigned to AttributeValue.")
    numeric = graphene.InputField(DecimalFilterInput, description="Filter by numeric value.")
    date = graphene.InputField(DateRangeInput, description="Filter by date value.")
    date_time = graphene.InputField(DateTimeRangeInput, description="Filter by date time value.")
    boolean = graphene.Boolean(description="Filter by boolean value.")
    reference = graphene.InputField(AssignedAttributeReferenceInput, description="Filter by reference value.")


class AttributeInput(graphene.InputObjectType):
    slug = graphene.String(description="Internal representation of an attribute name.")
    value = graphene.InputField(
        AssignedAttributeValueInput,
        description="Filter by value of the attribute. Only one value input field is allowed.",
    )
    values = graphene.List(
        graphene.NonNull(graphene.String),
        description="Slugs of values of the attribute (any of them). Requires `slug`.",
        deprecation_reason="Use `value` instead.",
    )
    values_range = graphene.InputField(
        IntRangeInput, description="Numeric values in range.", deprecation_reason="Use `value` instead."
    )
    date_time = graphene.InputField(
        DateTimeRangeInput,
        description="Date-time values in range.",
        deprecation_reason="Use `value` instead.",
    )
    date = graphene.InputField(
        DateRangeInput, description="Date values in range.", deprecation_reason="Use `value` instead."
    )
    boolean = graphene.Boolean(description="The boolean value.", deprecation_reason="Use `value` instead.")


class ProductStockFilterInput(graphene.InputObjectType):
    warehouse_ids = graphene.List(graphene.NonNull(graphene.ID))
    quantity = graphene.InputField(IntRangeInput)


class ProductWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.InputField(StringFilterInput, description="Filter by product name.")
    slug = graphene.InputField(StringFilterInput, description="Filter by product slug (the primary slug).")
    product_type = graphene.InputField(GlobalIDFilterInput, description="Filter by product type.")
    category = graphene.InputField(
        GlobalIDFilterInput, description="Filter by product category (and its subcategories)."
    )
    collection = graphene.InputField(
        GlobalIDFilterInput, description="Filter by collection (published in the channel)."
    )
    is_available = graphene.Boolean(description="Filter by availability for purchase.")
    is_published = graphene.Boolean(description="Filter by public visibility.")
    is_visible_in_listing = graphene.Boolean(description="Filter by visibility on the channel.")
    published_from = graphene.DateTime(description="Filter by the publication date.")
    available_from = graphene.DateTime(description="Filter by the date of availability for purchase.")
    has_category = graphene.Boolean(description="Filter by product with category assigned.")
    price = graphene.InputField(DecimalFilterInput, description="Filter by product variant price.")
    minimal_price = graphene.InputField(
        DecimalFilterInput, description="Filter by the lowest variant price after discounts."
    )
    attributes = graphene.List(
        graphene.NonNull(AttributeInput), description="Filter by attributes associated with the product."
    )
    stock_availability = graphene.Argument(
        StockAvailability, description="Filter by variants having specific stock status."
    )
    stocks = graphene.InputField(
        ProductStockFilterInput, description="Filter by stock of the product variant."
    )
    gift_card = graphene.Boolean(
        description="Filter on whether product is a gift card or not (the marketplace sells none)."
    )
    has_preordered_variants = graphene.Boolean(description="Filter by product with preordered variants.")
    updated_at = graphene.InputField(
        DateTimeFilterInput, description="Filter by when was the most recent update."
    )
    AND = graphene.List(
        graphene.NonNull(lambda: ProductWhereInput), description="List of conditions that must be met."
    )
    OR = graphene.List(
        graphene.NonNull(lambda: ProductWhereInput),
        description="A list of conditions of which at least one must be met.",
    )


_DEPRECATED_KEYS = {"values", "values_range", "date_time", "date", "boolean"}
_REFERENCE_TYPES = {"Category": "category_ids", "Collection": "collection_ids"}


def _attributes(items: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
    """Saleor's checks of ``attributes``: either every item uses ``value`` or every item the
    deprecated fields (which need ``slug``); one field of ``value`` at a time."""
    if items is None:
        return None
    check_list(items, name="attributes")
    deprecated = [bool(set(item) & _DEPRECATED_KEYS) for item in items]
    if len(set(deprecated)) > 1:
        raise where_error("`attributes` mixes the deprecated fields with `value`: use one form.")
    parsed = []
    for index, item in enumerate(items):
        item = dict(item)
        if deprecated[index]:
            if not item.get("slug"):
                raise where_error(f"attributes[{index}]: `slug` is required with the deprecated fields.")
            if "value" in item:
                raise where_error(f"attributes[{index}]: `value` cannot be used with the deprecated fields.")
            check_list(item.get("values"), name=f"attributes[{index}].values")
        if item.get("value") is not None:
            item["value"] = parse_assigned_value(dict(item["value"]), index)
        parsed.append(item)
    return parsed


def parse_assigned_value(value: dict[str, Any], index: int) -> dict[str, Any]:
    """An ``AssignedAttributeValueInput`` checked (one field) with its lists capped."""
    given = [key for key, item in value.items() if item is not None]
    if len(given) > 1:
        raise where_error(f"attributes[{index}].value: only one value input field is allowed.")
    for key in ("slug", "name"):
        if value.get(key) is not None:
            check_list(value[key].get("one_of"), name=f"attributes[{index}].value.{key}.oneOf")
    if value.get("numeric") is not None:
        value["numeric"] = finite_decimals(value["numeric"], name=f"attributes[{index}].value.numeric")
    if value.get("reference") is not None:
        value["reference"] = _reference(dict(value["reference"]), index)
    return value


def _reference(reference: dict[str, Any], index: int) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for key in ("category_slugs", "collection_slugs"):
        if reference.get(key) is not None:
            parsed[key] = _contains(reference[key], f"attributes[{index}].value.reference.{key}")
    if reference.get("referenced_ids") is not None:
        contains = _contains(
            reference["referenced_ids"], f"attributes[{index}].value.reference.referencedIds"
        )
        for mode, ids in contains.items():
            for global_id in ids:
                type_name = _type_of(global_id)
                target = _REFERENCE_TYPES.get(type_name)
                if target is None:
                    continue  # pages, products, variants: never referenced by our attributes
                pk = decode_id(global_id, only_type=type_name)
                parsed.setdefault(target, {}).setdefault(mode, []).append(pk)
    return parsed


def _contains(value: dict[str, Any], name: str) -> dict[str, list[str]]:
    return {
        mode: check_list(value[mode], name=f"{name}.{mode}") or []
        for mode in ("contains_any", "contains_all")
        if value.get(mode) is not None
    }


def _type_of(global_id: str) -> str:
    """The type named in a global ID (``INVALID_ID`` when it names none)."""
    try:
        type_name = from_global_id(global_id)[0]
    except Exception:
        type_name = ""
    if not type_name:
        decode_id(global_id, only_type="Category")  # raises INVALID_ID, naming the ID
    return type_name


def _stocks(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "warehouse_ids": decode_ids(value.get("warehouse_ids"), only_type="Warehouse", limit=100)
        if value.get("warehouse_ids") is not None
        else None,
        "quantity": value.get("quantity"),
    }


def _strings(value: dict[str, Any] | None, name: str) -> dict[str, Any] | None:
    if value is not None:
        check_list(value.get("one_of"), name=f"{name}.oneOf")
    return value


_PARSERS: dict[str, Any] = {
    "ids": lambda v: decode_ids(v, only_type="Product") if v is not None else None,
    "name": lambda v: _strings(v, "name"),
    "slug": lambda v: _strings(v, "slug"),
    "product_type": lambda v: decoded_ids(v, only_type="ProductType", name="productType"),
    "category": lambda v: decoded_ids(v, only_type="Category", name="category"),
    "collection": lambda v: decoded_ids(v, only_type="Collection", name="collection"),
    "price": lambda v: finite_decimals(v, name="price"),
    "minimal_price": lambda v: finite_decimals(v, name="minimalPrice"),
    "attributes": _attributes,
    "stock_availability": lambda v: getattr(v, "value", v),
    "stocks": _stocks,
    "updated_at": lambda v: _strings(v, "updatedAt"),
}


def product_where_condition(where: dict[str, Any] | None, *, channel_id: int) -> Q:
    """The SQL condition of a ``ProductWhereInput`` in a channel."""
    builder = ProductWhere(channel_id=channel_id)

    def leaf(field: str, value: Any) -> Q:
        parser = _PARSERS.get(field)
        return builder.condition(field, parser(value) if parser else value)

    return where_condition(where, leaf=leaf)
