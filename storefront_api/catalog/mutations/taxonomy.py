"""Saleor's categoryUpdate, productTypeDelete, attributeValueUpdate and attributeValueDelete,
for staff with MANAGE_PRODUCTS (Saleor's MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES for the last
three); the back office's catalogue settings call the same services."""

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog import selectors
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.services import taxonomy
from marketplace.core.errors import field_error
from storefront_api.catalog.errors import AttributeValueMutationError, ProductError
from storefront_api.catalog.inputs import SeoInput
from storefront_api.catalog.types.attributes import Attribute, AttributeValue
from storefront_api.catalog.types.categories import Category
from storefront_api.catalog.types.products import ProductType
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.core.upload import Upload

STAFF = (PermissionEnum.MANAGE_PRODUCTS,)


def _not_found(what: Any) -> Exception:
    return field_error("id", ProductErrorCode.NOT_FOUND, what)


class CategoryInput(graphene.InputObjectType):
    name = graphene.String(description="Category name (Vietnamese, the base language).")
    slug = graphene.String(description="Category slug.")
    description = graphene.JSONString(
        description="Category description (EditorJS JSON, sanitised as products' are); null clears it."
    )
    seo = SeoInput(description="Search engine title (at most 255 characters) and description (500).")
    background_image = Upload(
        description=(
            "Background image file: JPEG, PNG, WEBP or HEIC, at most 10 MB (GraphQL multipart "
            "request). null removes the image."
        )
    )
    background_image_alt = graphene.String(description="Alt text for the background image.")


class CategoryUpdate(BaseMutation):
    category = graphene.Field(Category)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a category to update.")
        input = CategoryInput(required=True, description="Fields required to update a category.")

    class Meta:
        description = (
            "Update a category: its name, slug, description, SEO fields and background image "
            "(all or nothing)."
        )
        permissions = STAFF
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, id: str, input: Any) -> Any:
        category = selectors.category_by_id(cls.decode_id(id, only_type="Category", field="id"))
        if category is None:
            raise _not_found(_("Couldn't find that category."))
        seo = input.get("seo") or {}
        category = taxonomy.category_update(
            actor=principal(info),
            category=category,
            name=input.get("name"),
            slug=input.get("slug"),
            image=input.get("background_image"),
            alt=input.get("background_image_alt"),
            remove_image="background_image" in input and input["background_image"] is None,
            description=input["description"] if "description" in input else taxonomy.KEEP,
            seo_title=seo.get("title"),
            seo_description=seo.get("description"),
        )
        return cls.success(category=category)


class ProductTypeDelete(BaseMutation):
    product_type = graphene.Field(ProductType)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product type to delete.")

    class Meta:
        description = (
            "Delete a product type no product uses (IN_USE, with the count, otherwise: Saleor would "
            "delete the products, which here belong to the artisans)."
        )
        permissions = STAFF
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, id: str) -> Any:
        product_type = selectors.product_type_by_id(cls.decode_id(id, only_type="ProductType", field="id"))
        if product_type is None:
            raise _not_found(_("This product type no longer exists."))
        pk = product_type.pk
        taxonomy.product_type_delete(actor=principal(info), product_type=product_type)
        product_type.pk = pk  # the payload still names what was deleted, as in Saleor
        return cls.success(product_type=product_type)


class AttributeValueUpdateInput(graphene.InputObjectType):
    name = graphene.String(description="Name of a value displayed in the interface.")


def _value(cls: Any, id: str | None) -> Any:
    value = selectors.attribute_value_by_id(cls.decode_id(id, only_type="AttributeValue", field="id"))
    if value is None:
        raise _not_found(_("This choice no longer exists."))
    return value


class AttributeValueUpdate(BaseMutation):
    attribute = graphene.Field(Attribute)
    attribute_value = graphene.Field(AttributeValue)

    class Arguments:
        id = graphene.ID(description="ID of an AttributeValue to update.")
        input = AttributeValueUpdateInput(
            required=True, description="Fields required to update an AttributeValue."
        )

    class Meta:
        description = (
            "Rename a choice of a dropdown or multiselect attribute (its slug follows; unique in "
            "its attribute). Only name is supported of Saleor's input."
        )
        permissions = STAFF
        error_type_class = AttributeValueMutationError

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, id: str | None, input: Any) -> Any:
        value = _value(cls, id)
        if input.get("name") is None:
            raise field_error("name", ProductErrorCode.REQUIRED, _("This field is required."))
        value = taxonomy.attribute_value_update(actor=principal(info), value=value, name=input["name"])
        return cls.success(attribute=value.attribute, attribute_value=value)


class AttributeValueDelete(BaseMutation):
    attribute = graphene.Field(Attribute)
    attribute_value = graphene.Field(AttributeValue)

    class Arguments:
        id = graphene.ID(description="ID of a value to delete.")

    class Meta:
        description = (
            "Delete a choice of a dropdown or multiselect attribute; as in Saleor, the products and "
            "variants that had it lose it."
        )
        permissions = STAFF
        error_type_class = AttributeValueMutationError

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, id: str | None) -> Any:
        value = _value(cls, id)
        pk = value.pk
        taxonomy.attribute_value_delete(actor=principal(info), value=value)
        value.pk = pk
        return cls.success(attribute=value.attribute, attribute_value=value)
