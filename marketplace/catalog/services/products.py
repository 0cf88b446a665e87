"""Products: create, update, delete, translate; attribute values."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.catalog.attribute_values import (
    PlannedAttribute,
    delete_own_values,
    plan_attribute_values,
    save_attribute_values,
)
from marketplace.catalog.cache import changes_catalog
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    Category,
    Product,
    ProductTranslation,
    ProductType,
)
from marketplace.catalog.search import update_product_search_documents
from marketplace.catalog.services.scope import require_product_access, vendor_for_new_product
from marketplace.catalog.validation import clean_text, unique_slug
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error
from marketplace.core.richtext import RichText, rich_text_or_error
from marketplace.core.slugs import clean_translated_slug
from marketplace.core.uploads import discard_after_commit


def _description(value: Any, field: str = "description") -> RichText:
    """The cleaned EditorJS document and its plain text (for search); INVALID if malformed."""
    return rich_text_or_error(value, field=field, code=ProductErrorCode.INVALID.value)


def _attribute_plans(product_type: ProductType, attributes: list[dict[str, Any]]) -> list[PlannedAttribute]:
    """The product type's attributes given in the input, checked (nothing written yet)."""
    allowed = {
        link.attribute_id: link.attribute
        for link in product_type.attribute_products.select_related("attribute")
    }
    return plan_attribute_values(allowed=allowed, items=attributes)


def _assign(product: Product, plans: list[PlannedAttribute], *, replace: bool) -> None:
    """Write the planned values and assign them (replacing the listed attributes' values)."""
    values = save_attribute_values(plans, owner_key=f"product-{product.pk}")
    if replace:
        AssignedProductAttributeValue.objects.filter(
            product=product, value__attribute_id__in=[plan.attribute.pk for plan in plans]
        ).delete()
    AssignedProductAttributeValue.objects.bulk_create(
        [AssignedProductAttributeValue(product=product, value=v, sort_order=i) for i, v in enumerate(values)]
    )


@changes_catalog
def product_create(*, actor: Actor, data: dict[str, Any]) -> Product:
    vendor = vendor_for_new_product(actor, data.get("vendor_id"))
    product_type = ProductType.objects.filter(pk=data.get("product_type_id")).first()  # type: ignore[misc]
    if product_type is None:
        raise field_error("product_type", ProductErrorCode.NOT_FOUND, _("Couldn't find that product type."))
    name = clean_text(data.get("name"), field="name", max_length=250, required=True)
    product = Product(vendor=vendor, product_type=product_type, name=name)
    _apply(product, data, creating=True)
    plans = _attribute_plans(product_type, data.get("attributes") or [])
    with transaction.atomic():
        product.save()
        _assign(product, plans, replace=False)
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
            raise field_error("category", ProductErrorCode.NOT_FOUND, _("Couldn't find that category."))
        product.category = category
    if "description" in data:
        description = _description(data["description"])
        product.description, product.description_plaintext = description.document, description.plain_text
    for field, length in (("seo_title", 255), ("seo_description", 500)):
        if data.get(field) is not None:
            setattr(product, field, clean_text(data[field], field=field, max_length=length))
    if data.get("weight_grams") is not None:
        if not 0 < data["weight_grams"] <= 1_000_000:
            raise field_error(
                "weight", ProductErrorCode.OUT_OF_RANGE, _("Weight is in grams, from 1 to 1,000,000.")
            )
        product.weight_grams = data["weight_grams"]


@changes_catalog
def product_update(*, actor: Actor, product: Product, data: dict[str, Any]) -> Product:
    """Changes the given fields of the latest saved product, under its row lock (a second
    device's edit of other fields survives)."""
    require_product_access(actor, product)
    plans = (
        _attribute_plans(product.product_type, data["attributes"])
        if data.get("attributes") is not None
        else None
    )
    with transaction.atomic():
        with locked_edit(product):
            _apply(product, data, creating=False)
        if plans is not None:
            _assign(product, plans, replace=True)
        update_product_search_documents([product.pk])
    return product


@changes_catalog
def product_delete(*, actor: Actor, product: Product) -> None:
    """Deletes the product with everything hanging off it; its stored files (photos and their
    thumbnails, the scans of its certificates) are discarded after the commit."""
    require_product_access(actor, product)
    public = [m.image.name for m in product.media.all() if m.image]
    public += [t.image.name for m in product.media.all() for t in m.thumbnails.all() if t.image]
    private = [c.document for c in product.ocop_certificates.all() if c.document]
    value_ids = list(product.attribute_values.values_list("value_id", flat=True))
    with transaction.atomic():
        product.delete()
        delete_own_values(value_ids)
        discard_after_commit(public)
        discard_after_commit(private, private=True)


@changes_catalog
def product_translate(
    *, actor: Actor, product: Product, language_code: str, data: dict[str, Any]
) -> ProductTranslation:
    require_product_access(actor, product)
    if language_code == "vi":
        raise field_error(
            "language_code",
            ProductErrorCode.INVALID,
            _("Vietnamese is the base language: update the product."),
        )
    fields: dict[str, Any] = {}
    if data.get("name") is not None:
        fields["name"] = clean_text(data["name"], field="name", max_length=250)
    if "description" in data:
        fields["description"] = _description(data["description"]).document
    for field, length in (("seo_title", 255), ("seo_description", 500)):
        if data.get(field) is not None:
            fields[field] = clean_text(data[field], field=field, max_length=length)
    if "slug" in data:
        existing = ProductTranslation.objects.filter(product=product, language_code=language_code).first()
        fields["slug"] = clean_translated_slug(
            data["slug"],
            translations=ProductTranslation.objects.all(),
            language_code=language_code,
            exclude_pk=existing.pk if existing else None,
            field="slug",
            invalid_code=ProductErrorCode.INVALID.value,
            unique_code=ProductErrorCode.UNIQUE.value,
        )
    try:
        with transaction.atomic():
            translation, _ignored = ProductTranslation.objects.update_or_create(
                product=product, language_code=language_code, defaults=fields
            )
            update_product_search_documents([product.pk])
    except IntegrityError:  # a concurrent translation took the slug
        raise field_error(
            "slug", ProductErrorCode.UNIQUE, _("Another translation in this language has this slug.")
        ) from None
    return translation
