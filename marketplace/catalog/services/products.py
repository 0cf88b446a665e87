"""Products: create, update, delete, translate; attribute values."""

from typing import Any

from django.db import transaction

from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AttributeValue,
    Category,
    Product,
    ProductTranslation,
    ProductType,
)
from marketplace.catalog.search import update_product_search_documents
from marketplace.catalog.services.scope import require_product_access, vendor_for_new_product
from marketplace.catalog.validation import clean_text, error, unique_slug
from marketplace.core.edits import locked_edit
from marketplace.core.richtext import RichText, rich_text_or_error
from marketplace.core.text import nfc


def _description(value: Any, field: str = "description") -> RichText:
    """The cleaned EditorJS document and its plain text (for search); INVALID if malformed."""
    return rich_text_or_error(value, field=field, code=ProductErrorCode.INVALID.value)


def _attribute_values(product_type: ProductType, attributes: list[dict[str, Any]]) -> list[AttributeValue]:
    allowed = {
        link.attribute_id: link.attribute
        for link in product_type.attribute_products.select_related("attribute")
    }
    chosen: list[AttributeValue] = []
    seen: set[int] = set()
    for item in attributes:
        attribute_id = item["id"]
        if attribute_id not in allowed:
            raise error(
                "attributes", ProductErrorCode.INVALID, "The attribute is not one of the product type's."
            )
        if attribute_id in seen:
            raise error("attributes", ProductErrorCode.DUPLICATED_INPUT_ITEM, "An attribute is given twice.")
        seen.add(attribute_id)
        for raw in item.get("values") or []:
            value = AttributeValue.objects.filter(attribute_id=attribute_id, slug=raw[:255]).first() or (
                AttributeValue.objects.filter(attribute_id=attribute_id, name=nfc(raw)[:250]).first()
            )
            if value is None:
                raise error(
                    "attributes",
                    ProductErrorCode.NOT_FOUND,
                    f"Unknown value {raw[:50]!r} for {allowed[attribute_id].name}.",
                )
            chosen.append(value)
    return chosen


def product_create(*, actor: Any, data: dict[str, Any]) -> Product:
    vendor = vendor_for_new_product(actor, data.get("vendor_id"))
    product_type = ProductType.objects.filter(pk=data.get("product_type_id")).first()
    if product_type is None:
        raise error("product_type", ProductErrorCode.NOT_FOUND, "Couldn't find that product type.")
    name = clean_text(data.get("name"), field="name", max_length=250, required=True)
    product = Product(vendor=vendor, product_type=product_type, name=name)
    _apply(product, data, creating=True)
    values = _attribute_values(product_type, data.get("attributes") or [])
    with transaction.atomic():
        product.save()
        AssignedProductAttributeValue.objects.bulk_create(
            [
                AssignedProductAttributeValue(product=product, value=v, sort_order=i)
                for i, v in enumerate(values)
            ]
        )
        update_product_search_documents([product.pk])
    product.refresh_from_db()
    return product


def _apply(product: Product, data: dict[str, Any], *, creating: bool) -> None:
    if "name" in data and data["name"] is not None:
        product.name = clean_text(data["name"], field="name", max_length=250, required=True)
    if creating or data.get("slug"):
        product.slug = unique_slug(
            Product, wanted=data.get("slug"), name=product.name, field="slug", exclude_pk=product.pk
        )
    if "category_id" in data:
        category = Category.objects.filter(pk=data["category_id"]).first() if data["category_id"] else None
        if data["category_id"] and category is None:
            raise error("category", ProductErrorCode.NOT_FOUND, "Couldn't find that category.")
        product.category = category
    if "description" in data:
        description = _description(data["description"])
        product.description, product.description_plaintext = description.document, description.plain_text
    for field, length in (("seo_title", 255), ("seo_description", 500)):
        if data.get(field) is not None:
            setattr(product, field, clean_text(data[field], field=field, max_length=length))
    if data.get("weight_grams") is not None:
        if not 0 < data["weight_grams"] <= 1_000_000:
            raise error("weight", ProductErrorCode.OUT_OF_RANGE, "Weight is in grams, from 1 to 1,000,000.")
        product.weight_grams = data["weight_grams"]


def product_update(*, actor: Any, product: Product, data: dict[str, Any]) -> Product:
    """Changes the given fields of the latest saved product, under its row lock (a second
    device's edit of other fields survives)."""
    require_product_access(actor, product)
    with transaction.atomic():
        with locked_edit(product):
            _apply(product, data, creating=False)
        values = (
            _attribute_values(product.product_type, data["attributes"])
            if data.get("attributes") is not None
            else None
        )
        if values is not None:
            touched = {v.attribute_id for v in values} | {item["id"] for item in data["attributes"]}
            AssignedProductAttributeValue.objects.filter(
                product=product, value__attribute_id__in=touched
            ).delete()
            AssignedProductAttributeValue.objects.bulk_create(
                [
                    AssignedProductAttributeValue(product=product, value=v, sort_order=i)
                    for i, v in enumerate(values)
                ]
            )
        update_product_search_documents([product.pk])
    return product


def product_delete(*, actor: Any, product: Product) -> tuple[list[str], list[str]]:
    """Deletes the product with everything hanging off it. Returns the stored files that
    belonged to it, ``(public, private)``: photos and their thumbnails, and the scans of its
    certificates, for the caller to discard after the commit."""
    require_product_access(actor, product)
    public = [m.image.name for m in product.media.all() if m.image]
    public += [t.image.name for m in product.media.all() for t in m.thumbnails.all() if t.image]
    private = [c.document for c in product.ocop_certificates.all() if c.document]
    with transaction.atomic():
        product.delete()
    return public, private


def product_translate(
    *, actor: Any, product: Product, language_code: str, data: dict[str, Any]
) -> ProductTranslation:
    require_product_access(actor, product)
    if language_code == "vi":
        raise error(
            "language_code", ProductErrorCode.INVALID, "Vietnamese is the base language: update the product."
        )
    fields: dict[str, Any] = {}
    if data.get("name") is not None:
        fields["name"] = clean_text(data["name"], field="name", max_length=250)
    if "description" in data:
        fields["description"] = _description(data["description"]).document
    for field, length in (("seo_title", 255), ("seo_description", 500)):
        if data.get(field) is not None:
            fields[field] = clean_text(data[field], field=field, max_length=length)
    with transaction.atomic():
        translation, _ = ProductTranslation.objects.update_or_create(
            product=product, language_code=language_code, defaults=fields
        )
        update_product_search_documents([product.pk])
    return translation
