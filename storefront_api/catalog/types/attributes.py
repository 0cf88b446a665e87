import graphene

from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from storefront_api.catalog.dataloaders import (
    AttributeTranslationByAttributeIdAndLanguageLoader,
    AttributeValueTranslationByValueIdAndLanguageLoader,
)
from storefront_api.catalog.types.translations import (
    AttributeTranslation,
    AttributeValueTranslation,
    translation_field,
)
from storefront_api.core.object_types import ModelObjectType


class AttributeInputTypeEnum(graphene.Enum):
    DROPDOWN = "DROPDOWN"
    MULTISELECT = "MULTISELECT"
    SWATCH = "SWATCH"
    PLAIN_TEXT = "PLAIN_TEXT"


class VariantAttributeScope(graphene.Enum):
    ALL = "ALL"
    VARIANT_SELECTION = "VARIANT_SELECTION"
    NOT_VARIANT_SELECTION = "NOT_VARIANT_SELECTION"


class AttributeValue(ModelObjectType):
    # Nullable as in Saleor (always set here).
    name = graphene.String(description="Name of a value displayed in the interface.")
    slug = graphene.String(description="Internal representation of a value (unique per attribute).")
    value = graphene.String(description="Represents the value of the attribute value (e.g. a swatch colour).")
    translation = translation_field(
        AttributeValueTranslation, AttributeValueTranslationByValueIdAndLanguageLoader
    )

    class Meta:
        model = AttributeValueModel
        fields = ("id",)
        description = "Represents a value of an attribute."


class Attribute(ModelObjectType):
    input_type = graphene.Field(
        AttributeInputTypeEnum, description="The input type to use for entering attribute values."
    )
    visible_in_storefront = graphene.Boolean(required=True)
    filterable_in_storefront = graphene.Boolean(required=True)
    translation = translation_field(AttributeTranslation, AttributeTranslationByAttributeIdAndLanguageLoader)

    class Meta:
        model = AttributeModel
        fields = ("id", "name", "slug")
        description = "Custom attribute of a product. Attributes can be assigned to products and variants."

    @staticmethod
    def resolve_input_type(root: AttributeModel, info):  # type: ignore[no-untyped-def]
        return str(root.input_type)


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(
        Attribute, required=True, description="Name of an attribute displayed in the interface."
    )
    values = graphene.List(
        graphene.NonNull(AttributeValue), required=True, description="Values of an attribute."
    )

    class Meta:
        description = "Represents an assigned attribute to an object."


def selected_attributes(attribute_links, assigned_values) -> list[SelectedAttribute]:  # type: ignore[no-untyped-def]
    """Pair each attribute of the type (in order) with the object's values for it."""
    by_attribute: dict[int, list[AttributeValueModel]] = {}
    for assigned in assigned_values:
        by_attribute.setdefault(assigned.value.attribute_id, []).append(assigned.value)
    return [
        SelectedAttribute(attribute=link.attribute, values=by_attribute.get(link.attribute_id, []))
        for link in attribute_links
    ]
