"""The catalogue's structure, for staff with MANAGE_PRODUCTS: categories (a tree), product
types (which attributes their products and variants have) and attributes with their
choices. A refused call changes nothing; updates lock their row.

- ``category_save``: name, slug (made from the name when empty) and parent; a category
  cannot move under itself or its own descendants, and the levels below follow it.
- ``product_type_save``: name, slug, shipping, default weight, and the attributes of its
  products and of its variants (replaced as given; one attribute in one list only).
- ``attribute_save``: name, slug, input type (fixed once created) and, for a choice
  attribute, new choices added by name (existing ones are kept: products may use them).
- ``attribute_value_update``: renames a choice (its slug follows, unique in its attribute).
- ``attribute_value_delete``: removes a choice; as in Saleor, the products and variants that
  had it lose it (their search text is refreshed). The back office asks to confirm first,
  saying how many use it (``attribute_value_usage``).
- ``product_type_delete``: refused while products use the type (IN_USE, with the count);
  Saleor would delete those products, which here belong to artisans, not to staff.
- ``category_update``: name, slug and background image at once (Saleor's categoryUpdate),
  all applied or none.
- ``category_background_update``: the category's background image (checked by its bytes,
  stored under a generated name, thumbnails after commit) and its alt text, or its removal.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.catalog.backgrounds import (
    apply_background,
    background_update,
    clean_background_input,
    store_background,
)
from marketplace.catalog.cache import changes_catalog
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import (
    CHOICE_INPUT_TYPES,
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeInputType,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    Category,
    Product,
    ProductType,
)
from marketplace.catalog.search import update_product_search_documents
from marketplace.catalog.selectors import category_descendant_ids
from marketplace.catalog.validation import clean_text, unique_slug
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error
from marketplace.core.richtext import rich_text_or_error
from marketplace.core.text import nfc, slugify_vi
from marketplace.core.uploads import discard

MAX_DEPTH = 5  # levels 0..4
MAX_WEIGHT_GRAMS = 1_000_000
MAX_ATTRIBUTES = 30
MAX_CHOICES = 200
# Input types the back office and the API can fill in today.
CREATABLE_INPUT_TYPES = (
    AttributeInputType.DROPDOWN,
    AttributeInputType.MULTISELECT,
    AttributeInputType.PLAIN_TEXT,
    AttributeInputType.NUMERIC,
    AttributeInputType.BOOLEAN,
    AttributeInputType.DATE,
)


def _require_catalogue_manager(actor: Actor) -> None:
    if not has_permissions(actor, [PermissionEnum.MANAGE_PRODUCTS]):
        raise PermissionDenied(_("You need the MANAGE_PRODUCTS permission."))


def _unique(save: Any) -> Any:
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:  # a concurrent call took the slug
        raise field_error("slug", ProductErrorCode.UNIQUE, _("This slug is already taken.")) from None


# ---------------------------------------------------------------- categories


def category_save(
    *, actor: Actor, category: Category | None = None, name: str, slug: str | None, parent_id: int | None
) -> Category:
    _require_catalogue_manager(actor)
    name = clean_text(name, field="name", max_length=250, required=True)
    parent = None
    if parent_id is not None:
        parent = Category.objects.filter(pk=parent_id).first()
        if parent is None:
            raise field_error("parent", ProductErrorCode.NOT_FOUND, _("Couldn't find that category."))
        if category is not None and parent.pk in category_descendant_ids([category.pk]):
            raise field_error(
                "parent",
                ProductErrorCode.INVALID,
                _("A category cannot go under itself or its own subcategories."),
            )
        if parent.level + 1 >= MAX_DEPTH:
            raise field_error(
                "parent",
                ProductErrorCode.OUT_OF_RANGE,
                _("Categories go at most %(depth)s levels deep."),
                depth=MAX_DEPTH,
            )
    slug = unique_slug(
        Category, wanted=slug, name=name, field="slug", exclude_pk=category.pk if category else None
    )
    level = parent.level + 1 if parent else 0

    new: dict[str, Any] = {"name": name, "slug": slug, "parent": parent.pk if parent else None}

    def save() -> Category:
        if category is None:
            created = Category.objects.create(name=name, slug=slug, parent=parent, level=level)
            audit.record(actor, AuditAction.CATEGORY_CREATE, created, **new)
            return created
        with locked_edit(category):
            old = {"name": category.name, "slug": category.slug, "parent": category.parent_id}
            category.name, category.slug, category.parent, category.level = name, slug, parent, level
        _relevel(category)
        audit.record(actor, AuditAction.CATEGORY_UPDATE, category, **audit.changes(old, new))
        return category

    return _unique(save)  # type: ignore[no-any-return]


def _relevel(category: Category) -> None:
    """The levels under a moved category follow it (the tree is small and shallow)."""
    frontier = [category]
    while frontier:
        children = list(Category.objects.filter(parent__in=frontier).select_for_update())
        for child in children:
            level = next(p.level for p in frontier if p.pk == child.parent_id) + 1
            if level >= MAX_DEPTH:
                raise field_error(
                    "parent",
                    ProductErrorCode.OUT_OF_RANGE,
                    _("Categories go at most %(depth)s levels deep."),
                    depth=MAX_DEPTH,
                )
            if child.level != level:
                child.level = level
                child.save(update_fields=["level", "updated_at"])
        frontier = children


# ---------------------------------------------------------------- product types


def _attributes(ids: list[int], field: str) -> list[Attribute]:
    if len(ids) > MAX_ATTRIBUTES:
        raise field_error(
            field, ProductErrorCode.OUT_OF_RANGE, _("At most %(limit)s attributes."), limit=MAX_ATTRIBUTES
        )
    if len(set(ids)) != len(ids):
        raise field_error(field, ProductErrorCode.DUPLICATED_INPUT_ITEM, _("An attribute is listed twice."))
    found = Attribute.objects.in_bulk(ids)
    if len(found) != len(ids):
        raise field_error(field, ProductErrorCode.NOT_FOUND, _("Couldn't find every attribute."))
    return [found[pk] for pk in ids]


def product_type_save(
    *,
    actor: Actor,
    product_type: ProductType | None = None,
    name: str,
    slug: str | None,
    is_shipping_required: bool,
    weight_grams: int,
    product_attribute_ids: list[int],
    variant_attribute_ids: list[int],
    variant_selection_ids: list[int] | None = None,
) -> ProductType:
    _require_catalogue_manager(actor)
    name = clean_text(name, field="name", max_length=250, required=True)
    if (
        isinstance(weight_grams, bool)
        or not isinstance(weight_grams, int)
        or not 0 <= weight_grams <= MAX_WEIGHT_GRAMS
    ):
        raise field_error(
            "weight_grams",
            ProductErrorCode.OUT_OF_RANGE,
            _("From 0 to %(limit)s grams."),
            limit=MAX_WEIGHT_GRAMS,
        )
    product_attributes = _attributes(product_attribute_ids, "product_attributes")
    variant_attributes = _attributes(variant_attribute_ids, "variant_attributes")
    if set(product_attribute_ids) & set(variant_attribute_ids):
        raise field_error(
            "variant_attributes",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
            _("An attribute describes either the product or its variants, not both."),
        )
    selection = set(variant_selection_ids or []) & set(variant_attribute_ids)
    slug = unique_slug(
        ProductType,
        wanted=slug,
        name=name,
        field="slug",
        exclude_pk=product_type.pk if product_type else None,
    )

    new: dict[str, Any] = {
        "name": name,
        "slug": slug,
        "is_shipping_required": is_shipping_required,
        "weight_grams": weight_grams,
        "product_attributes": list(product_attribute_ids),
        "variant_attributes": list(variant_attribute_ids),
    }

    def save() -> ProductType:
        nonlocal product_type
        if product_type is None:
            product_type = ProductType.objects.create(
                name=name, slug=slug, is_shipping_required=is_shipping_required, weight_grams=weight_grams
            )
            audit.record(actor, AuditAction.PRODUCT_TYPE_CREATE, product_type, **new)
        else:
            with locked_edit(product_type):
                old = {
                    "name": product_type.name,
                    "slug": product_type.slug,
                    "is_shipping_required": product_type.is_shipping_required,
                    "weight_grams": product_type.weight_grams,
                    "product_attributes": list(
                        AttributeProduct.objects.filter(product_type=product_type)
                        .order_by("sort_order")
                        .values_list("attribute_id", flat=True)
                    ),
                    "variant_attributes": list(
                        AttributeVariant.objects.filter(product_type=product_type)
                        .order_by("sort_order")
                        .values_list("attribute_id", flat=True)
                    ),
                }
                product_type.name, product_type.slug = name, slug
                product_type.is_shipping_required, product_type.weight_grams = (
                    is_shipping_required,
                    weight_grams,
                )
            audit.record(actor, AuditAction.PRODUCT_TYPE_UPDATE, product_type, **audit.changes(old, new))
        AttributeProduct.objects.filter(product_type=product_type).delete()
        AttributeVariant.objects.filter(product_type=product_type).delete()
        AttributeProduct.objects.bulk_create(
            AttributeProduct(product_type=product_type, attribute=a, sort_order=i)
            for i, a in enumerate(product_attributes)
        )
        AttributeVariant.objects.bulk_create(
            AttributeVariant(
                product_type=product_type, attribute=a, sort_order=i, variant_selection=a.pk in selection
            )
            for i, a in enumerate(variant_attributes)
        )
        return product_type

    return _unique(save)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- attributes


def attribute_save(
    *,
    actor: Actor,
    attribute: Attribute | None = None,
    name: str,
    slug: str | None,
    input_type: str | None = None,
    new_choices: list[str] | None = None,
) -> Attribute:
    _require_catalogue_manager(actor)
    name = clean_text(name, field="name", max_length=255, required=True)
    if attribute is None and input_type not in CREATABLE_INPUT_TYPES:
        raise field_error("input_type", ProductErrorCode.INVALID, _("Choose one of the offered input types."))
    kind = attribute.input_type if attribute is not None else input_type
    choices: list[str] = []
    for text in new_choices or []:
        choice = nfc(str(text)).strip()
        if not choice:
            continue
        if len(choice) > 250 or not slugify_vi(choice):
            raise field_error(
                "choices",
                ProductErrorCode.INVALID,
                _("A choice has 1 to 250 characters, with letters or digits."),
            )
        if choice not in choices:
            choices.append(choice)
    if choices and kind not in CHOICE_INPUT_TYPES:
        raise field_error(
            "choices", ProductErrorCode.INVALID, _("Only a dropdown or multiselect has choices.")
        )
    if len(choices) > MAX_CHOICES:
        raise field_error(
            "choices", ProductErrorCode.OUT_OF_RANGE, _("At most %(limit)s choices."), limit=MAX_CHOICES
        )
    slug = unique_slug(
        Attribute, wanted=slug, name=name, field="slug", exclude_pk=attribute.pk if attribute else None
    )

    def save() -> Attribute:
        nonlocal attribute
        if attribute is None:
            attribute = Attribute.objects.create(name=name, slug=slug, input_type=kind)  # type: ignore[misc]
            audit.record(
                actor,
                AuditAction.ATTRIBUTE_CREATE,
                attribute,
                name=name,
                slug=slug,
                input_type=kind,
                choices=choices,
            )
        else:
            with locked_edit(attribute):
                old = {"name": attribute.name, "slug": attribute.slug}
                attribute.name, attribute.slug = name, slug
            audit.record(
                actor,
                AuditAction.ATTRIBUTE_UPDATE,
                attribute,
                **audit.changes(old, {"name": name, "slug": slug}),
                added_choices=choices,
            )
        existing = set(attribute.values.values_list("slug", flat=True))
        position = (attribute.values.aggregate(top=Max("sort_order"))["top"] or 0) + 1
        for choice in choices:
            choice_slug = slugify_vi(choice)[:255]
            if choice_slug in existing:
                continue
            AttributeValue.objects.create(
                attribute=attribute, name=choice, slug=choice_slug, sort_order=position
            )
            existing.add(choice_slug)
            position += 1
        return attribute

    return _unique(save)  # type: ignore[no-any-return]


def _choice(value: AttributeValue) -> AttributeValue:
    if value.attribute.input_type not in CHOICE_INPUT_TYPES:
        raise field_error(
            "id", ProductErrorCode.INVALID, _("Only a dropdown's or multiselect's choices are managed here.")
        )
    return value


def _products_using(value: AttributeValue) -> list[int]:
    return sorted(
        set(AssignedProductAttributeValue.objects.filter(value=value).values_list("product_id", flat=True))
        | set(
            AssignedVariantAttributeValue.objects.filter(value=value).values_list(
                "variant__product_id", flat=True
            )
        )
    )


def attribute_value_usage(value: AttributeValue) -> int:
    """How many products (directly or through a variant) have the choice."""
    return len(_products_using(value))


@changes_catalog
def attribute_value_update(*, actor: Actor, value: AttributeValue, name: str) -> AttributeValue:
    _require_catalogue_manager(actor)
    _choice(value)
    name = clean_text(name, field="name", max_length=250, required=True)
    slug = slugify_vi(name)[:255]
    if not slug:
        raise field_error("name", ProductErrorCode.INVALID, _("A choice needs letters or digits."))

    def save() -> AttributeValue:
        with locked_edit(value):
            if value.attribute.values.filter(slug=slug).exclude(pk=value.pk).exists():
                raise field_error(
                    "name", ProductErrorCode.UNIQUE, _("This attribute already has a choice with this name.")
                )
            old = {"name": value.name, "slug": value.slug}
            value.name, value.slug = name, slug
        audit.record(
            actor,
            AuditAction.ATTRIBUTE_VALUE_UPDATE,
            value,
            attribute=value.attribute_id,
            **audit.changes(old, {"name": name, "slug": slug}),
        )
        update_product_search_documents(_products_using(value))
        return value

    try:
        return _unique(save)  # type: ignore[no-any-return]
    except ValidationError as error:  # the slug clash of a concurrent rename, said of the name
        if hasattr(error, "error_dict") and "slug" in error.error_dict:
            raise field_error(
                "name", ProductErrorCode.UNIQUE, _("This attribute already has a choice with this name.")
            ) from None
        raise


@changes_catalog
def attribute_value_delete(*, actor: Actor, value: AttributeValue) -> AttributeValue:
    """Deletes the choice and its assignments; NOT_FOUND when it is already gone."""
    _require_catalogue_manager(actor)
    _choice(value)
    with transaction.atomic():
        locked = AttributeValue.objects.select_for_update().filter(pk=value.pk).first()
        if locked is None:
            raise field_error("id", ProductErrorCode.NOT_FOUND, _("This choice no longer exists."))
        products = _products_using(locked)
        audit.record(
            actor,
            AuditAction.ATTRIBUTE_VALUE_DELETE,
            locked,
            attribute=locked.attribute_id,
            name=locked.name,
            products=len(products),
        )
        locked.delete()
        update_product_search_documents(products)
    return value


def product_type_delete(*, actor: Actor, product_type: ProductType) -> ProductType:
    """Deletes an unused product type (with its attribute links); NOT_FOUND when gone."""
    _require_catalogue_manager(actor)
    with transaction.atomic():
        locked = ProductType.objects.select_for_update().filter(pk=product_type.pk).first()
        if locked is None:
            raise field_error("id", ProductErrorCode.NOT_FOUND, _("This product type no longer exists."))
        # The row lock waits for a product being created with this type (its foreign key
        # check locks the row too), so the count below sees it.
        count = Product.objects.filter(product_type=locked).count()
        if count:
            raise field_error(
                "id",
                ProductErrorCode.IN_USE,
                _("%(count)s products use this product type; move them to another type first."),
                count=count,
            )
        audit.record(actor, AuditAction.PRODUCT_TYPE_DELETE, locked, name=locked.name, slug=locked.slug)
        try:
            with transaction.atomic():
                locked.delete()
        except ProtectedError:
            raise field_error(
                "id",
                ProductErrorCode.IN_USE,
                _("%(count)s products use this product type; move them to another type first."),
                count=Product.objects.filter(product_type=locked).count(),
            ) from None
    return product_type


@changes_catalog
def category_background_update(
    *,
    actor: Actor,
    category: Category,
    image: "File[bytes] | None" = None,
    alt: str | None = None,
    remove: bool = False,
) -> Category:
    """Replace the image (``image``), remove it (``remove``), and/or change its alt text."""
    _require_catalogue_manager(actor)
    return background_update(
        actor=actor,
        action=AuditAction.CATEGORY_UPDATE,
        obj=category,
        kind="category",
        image=image,
        alt=alt,
        remove=remove,
    )


KEEP: Any = object()  # category_update: leave the description as it is


@changes_catalog
def category_update(
    *,
    actor: Actor,
    category: Category,
    name: str | None = None,
    slug: str | None = None,
    image: "File[bytes] | None" = None,
    alt: str | None = None,
    remove_image: bool = False,
    description: Any = KEEP,
    seo_title: str | None = None,
    seo_description: str | None = None,
) -> Category:
    """Saleor's categoryUpdate: what is given changes (None: unchanged; the parent stays;
    ``description=None`` clears the description, ``KEEP`` leaves it); everything is checked
    and the image stored first, then everything is written in one transaction."""
    _require_catalogue_manager(actor)
    texts: dict[str, Any] = {}
    if description is not KEEP:
        cleaned = rich_text_or_error(description, field="description", code=ProductErrorCode.INVALID.value)
        texts["description"], texts["description_plaintext"] = cleaned.document, cleaned.plain_text
    for field, value, length in (("seo_title", seo_title, 255), ("seo_description", seo_description, 500)):
        if value is not None:
            texts[field] = clean_text(value, field=field, max_length=length)
    cleaned_alt = clean_background_input(image=image, alt=alt, remove=remove_image)
    stored = store_background(kind="category", image=image)
    try:
        with transaction.atomic():
            renamed = name is not None or slug is not None
            if texts:
                Category.objects.filter(pk=category.pk).update(**texts)
                for field, value in texts.items():
                    setattr(category, field, value)
                audit.record(
                    actor,
                    AuditAction.CATEGORY_UPDATE,
                    category,
                    **{field: value for field, value in texts.items() if field != "description_plaintext"},
                )
            if not renamed and (image is not None or remove_image or alt is not None):
                audit.record(
                    actor,
                    AuditAction.CATEGORY_UPDATE,
                    category,
                    image="removed" if remove_image else ("replaced" if image is not None else "unchanged"),
                    alt=cleaned_alt,
                )
            if renamed:
                category_save(
                    actor=actor,
                    category=category,
                    name=category.name if name is None else name,
                    slug=slug or category.slug,
                    parent_id=category.parent_id,
                )
            category = apply_background(
                obj=category, kind="category", name=stored, alt=cleaned_alt, remove=remove_image
            )
    except BaseException:
        if stored is not None:
            discard(stored)
        raise
    return category
