"""Variants and their stock."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.catalog.cache import changes_catalog, changes_stock
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import AssignedVariantAttributeValue, AttributeValue, Product, ProductVariant
from marketplace.catalog.pricing import update_products_discounted_prices
from marketplace.catalog.search import update_product_search_documents
from marketplace.catalog.services.scope import require_product_access
from marketplace.catalog.validation import clean_quantity, clean_text
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error
from marketplace.core.text import nfc
from marketplace.inventory.models import Stock, Warehouse

MAX_VARIANTS = 100
MAX_LIMIT_PER_CUSTOMER = 10_000


def _variant_values(product: Product, attributes: list[dict[str, Any]]) -> list[AttributeValue]:
    links = {
        link.attribute_id: link
        for link in product.product_type.attribute_variants.select_related("attribute")
    }
    chosen: list[AttributeValue] = []
    for item in attributes:
        if any(item.get(key) is not None for key in item if key not in ("id", "values")):
            raise field_error(
                "attributes", ProductErrorCode.INVALID, _("Variant attributes take `values` only.")
            )
        if item["id"] not in links:
            raise field_error(
                "attributes",
                ProductErrorCode.INVALID,
                _("The attribute is not a variant attribute of the type."),
            )
        for raw in item.get("values") or []:
            value = AttributeValue.objects.filter(attribute_id=item["id"], slug=raw[:255]).first() or (
                AttributeValue.objects.filter(attribute_id=item["id"], name=nfc(raw)[:250]).first()
            )
            if value is None:
                raise field_error(
                    "attributes",
                    ProductErrorCode.NOT_FOUND,
                    _("Unknown value %(value)s."),
                    value=repr(raw[:50]),
                )
            chosen.append(value)
    return chosen


def _apply(variant: ProductVariant, data: dict[str, Any]) -> None:
    if data.get("sku") is not None:
        sku = clean_text(data["sku"], field="sku", max_length=255) or None
        if sku and ProductVariant.objects.filter(sku=sku).exclude(pk=variant.pk).exists():
            raise field_error("sku", ProductErrorCode.UNIQUE, _("This SKU is already used."))
        variant.sku = sku
    if data.get("name") is not None:
        variant.name = clean_text(data["name"], field="name", max_length=255)
    if data.get("track_inventory") is not None:
        variant.track_inventory = data["track_inventory"]
    if "quantity_limit_per_customer" in data:
        limit = data["quantity_limit_per_customer"]
        if limit is not None and not 1 <= limit <= MAX_LIMIT_PER_CUSTOMER:
            raise field_error(
                "quantity_limit_per_customer", ProductErrorCode.OUT_OF_RANGE, _("The limit must be positive.")
            )
        variant.quantity_limit_per_customer = limit
    if data.get("weight_grams") is not None:
        if not 0 < data["weight_grams"] <= 1_000_000:
            raise field_error(
                "weight", ProductErrorCode.OUT_OF_RANGE, _("Weight is in grams, from 1 to 1,000,000.")
            )
        variant.weight_grams = data["weight_grams"]


def _clean_stocks(product: Product, stocks: list[dict[str, Any]]) -> list[tuple[Warehouse, int]]:
    """Stock only in the product's own vendor's warehouses, each once, within range."""
    warehouse_ids = [s["warehouse_id"] for s in stocks]
    if len(set(warehouse_ids)) != len(warehouse_ids):
        raise field_error("stocks", ProductErrorCode.DUPLICATED_INPUT_ITEM, _("A warehouse is given twice."))
    warehouses = Warehouse.objects.in_bulk(warehouse_ids)
    result = []
    for item in stocks:
        warehouse = warehouses.get(item["warehouse_id"])
        if warehouse is None or warehouse.vendor_id != product.vendor_id:
            raise field_error(
                "stocks", ProductErrorCode.NOT_FOUND, _("Stock goes only into the shop's own warehouses.")
            )
        result.append((warehouse, clean_quantity(item["quantity"], field="stocks")))
    return result


@changes_catalog
@changes_stock
def variant_create(*, actor: Actor, product: Product, data: dict[str, Any]) -> ProductVariant:
    require_product_access(actor, product)
    if product.variants.count() >= MAX_VARIANTS:
        raise field_error(
            "product",
            ProductErrorCode.OUT_OF_RANGE,
            _("At most %(limit)s variants per product."),
            limit=MAX_VARIANTS,
        )
    variant = ProductVariant(product=product)
    _apply(variant, data)
    values = _variant_values(product, data.get("attributes") or [])
    stocks = _clean_stocks(product, data.get("stocks") or [])
    try:
        with transaction.atomic():
            variant.save()
            AssignedVariantAttributeValue.objects.bulk_create(
                [
                    AssignedVariantAttributeValue(variant=variant, value=v, sort_order=i)
                    for i, v in enumerate(values)
                ]
            )
            Stock.objects.bulk_create(
                [Stock(warehouse=w, product_variant=variant, quantity=q) for w, q in stocks]
            )
            update_product_search_documents([product.pk])
    except IntegrityError:
        raise field_error("sku", ProductErrorCode.UNIQUE, _("This SKU is already used.")) from None
    return variant


@changes_catalog
def variant_update(*, actor: Actor, variant: ProductVariant, data: dict[str, Any]) -> ProductVariant:
    """Changes the given fields of the latest saved variant, under its row lock."""
    require_product_access(actor, variant.product)
    values = (
        _variant_values(variant.product, data["attributes"]) if data.get("attributes") is not None else None
    )
    try:
        with transaction.atomic():
            with locked_edit(variant):
                _apply(variant, data)
            if values is not None:
                AssignedVariantAttributeValue.objects.filter(variant=variant).delete()
                AssignedVariantAttributeValue.objects.bulk_create(
                    [
                        AssignedVariantAttributeValue(variant=variant, value=v, sort_order=i)
                        for i, v in enumerate(values)
                    ]
                )
            update_product_search_documents([variant.product_id])
    except IntegrityError:
        raise field_error("sku", ProductErrorCode.UNIQUE, _("This SKU is already used.")) from None
    return variant


@changes_catalog
@changes_stock
def variant_delete(*, actor: Actor, variant: ProductVariant) -> None:
    require_product_access(actor, variant.product)
    product_id = variant.product_id
    with transaction.atomic():
        variant.delete()
        update_products_discounted_prices([product_id])
        update_product_search_documents([product_id])


@changes_stock
def variant_stocks_update(
    *, actor: Actor, variant: ProductVariant, stocks: list[dict[str, Any]]
) -> ProductVariant:
    """Set the quantity in each given warehouse; never below what is already allocated."""
    require_product_access(actor, variant.product)
    cleaned = _clean_stocks(variant.product, stocks)
    with transaction.atomic():
        for warehouse, quantity in sorted(cleaned, key=lambda pair: pair[0].pk):
            stock, _ignored = Stock.objects.select_for_update().get_or_create(
                warehouse=warehouse, product_variant=variant
            )
            if quantity < stock.quantity_allocated:
                raise field_error(
                    "stocks",
                    ProductErrorCode.STOCK_BELOW_ALLOCATED,
                    _("%(allocated)s units are already allocated to orders in %(warehouse)s."),
                    allocated=stock.quantity_allocated,
                    warehouse=warehouse.name,
                )
            stock.quantity = quantity
            stock.save(update_fields=["quantity"])
    return variant
