import graphene

from marketplace.catalog.models import CHOICE_INPUT_TYPES, AttributeInputType
from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from storefront_api.catalog.dataloaders import (
    AttributeByIdLoader,
    AttributeTranslationByAttributeIdAndLanguageLoader,
    AttributeValueTranslationByValueIdAndLanguageLoader,
)
from storefront_api.catalog.types.translations import (
    AttributeTranslation,
    AttributeValueTranslation,
    translation_field,
)
from storefront_api.core.dataloaders import then
from storefront_api.core.ids import to_id
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.types import CountableConnection, connection_for


class AttributeInputTypeEnum(graphene.Enum):
    DROPDOWN = "DROPDOWN"
    MULTISELECT = "MULTISELECT"
    FILE = "FILE"
    SINGLE_REFERENCE = "SINGLE_REFERENCE"
    NUMERIC = "NUMERIC"
    PLAIN_TEXT = "PLAIN_TEXT"
    SWATCH = "SWATCH"
    BOOLEAN = "BOOLEAN"
    DATE = "DATE"
    DATE_TIME = "DATE_TIME"


class AttributeTypeEnum(graphene.Enum):
    PRODUCT_TYPE = "PRODUCT_TYPE"
    PAGE_TYPE = "PAGE_TYPE"


class AttributeEntityTypeEnum(graphene.Enum):
    CATEGORY = "CATEGORY"
    COLLECTION = "COLLECTION"


class File(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the file.")
    content_type = graphene.String(description="Content type of the file.")


def file_of(value: AttributeValueModel | None) -> File | None:
    if value is None or not value.file_url:
        return None
    return File(url=value.file_url, content_type=value.content_type or None)


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
    input_type = graphene.Field(
        lambda: AttributeInputTypeEnum, description="The input type of the attribute."
    )
    file = graphene.Field(
        File, description="Represents file URL and content type (if attribute value is a file)."
    )
    plain_text = graphene.String(description="Represents the text of the attribute value, plain text.")
    boolean = graphene.Boolean(description="Represents the boolean value of the attribute value.")
    date = graphene.Date(description="Represents the date value of the attribute value.")
    date_time = graphene.DateTime(description="Represents the date/time value of the attribute value.")
    reference = graphene.ID(description="The ID of the referenced object.")

    class Meta:
        model = AttributeValueModel
        fields = ("id",)
        description = "Represents a value of an attribute."

    @staticmethod
    def _attribute(root: AttributeValueModel, info):
        return AttributeByIdLoader(info.context).load(root.attribute_id)

    @staticmethod
    def resolve_input_type(root: AttributeValueModel, info):
        return then(AttributeValue._attribute(root, info), lambda attribute: str(attribute.input_type))

    @staticmethod
    def resolve_file(root: AttributeValueModel, info):
        return file_of(root)

    @staticmethod
    def resolve_plain_text(root: AttributeValueModel, info):
        return root.plain_text or None

    @staticmethod
    def resolve_boolean(root: AttributeValueModel, info):
        return root.boolean

    @staticmethod
    def resolve_date(root: AttributeValueModel, info):
        def of(attribute):
            if attribute.input_type != AttributeInputType.DATE or root.date_time is None:
                return None
            return root.date_time.date()

        return then(AttributeValue._attribute(root, info), of)

    @staticmethod
    def resolve_date_time(root: AttributeValueModel, info):
        return then(
            AttributeValue._attribute(root, info),
            lambda attribute: (
                root.date_time if attribute.input_type == AttributeInputType.DATE_TIME else None
            ),
        )

    @staticmethod
    def resolve_reference(root: AttributeValueModel, info):
        if root.reference_category_id:
            return to_id("Category", root.reference_category_id)
        if root.reference_collection_id:
            return to_id("Collection", root.reference_collection_id)
        return None


class Attribute(ModelObjectType):
    input_type = graphene.Field(
        AttributeInputTypeEnum, description="The input type to use for entering attribute values."
    )
    type = graphene.Field(AttributeTypeEnum, description="The attribute type: of products or of pages.")
    entity_type = graphene.Field(
        AttributeEntityTypeEnum, description="The entity type a reference attribute points at."
    )
    with_choices = graphene.Boolean(
        required=True, description="Flag indicating that attribute has predefined choices."
    )
    visible_in_storefront = graphene.Boolean(required=True)
    filterable_in_storefront = graphene.Boolean(required=True)
    translation = translation_field(AttributeTranslation, AttributeTranslationByAttributeIdAndLanguageLoader)

    class Meta:
        model = AttributeModel
        fields = ("id", "name", "slug")
        description = "Custom attribute of a product. Attributes can be assigned to products and variants."

    @staticmethod
    def resolve_input_type(root: AttributeModel, info):
        return str(root.input_type)

    @staticmethod
    def resolve_type(root: AttributeModel, info):
        return str(root.type)

    @staticmethod
    def resolve_entity_type(root: AttributeModel, info):
        return str(root.entity_type) or None

    @staticmethod
    def resolve_with_choices(root: AttributeModel, info):
        return root.input_type in CHOICE_INPUT_TYPES


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(
        Attribute, required=True, description="Name of an attribute displayed in the interface."
    )
    values = graphene.List(
        graphene.NonNull(AttributeValue), required=True, description="Values of an attribute."
    )

    class Meta:
        description = "Represents an assigned attribute to an object."


def selected_attributes(attribute_links, assigned_values) -> list[SelectedAttribute]:
    """Pair each attribute of the type (in order) with the object's values for it."""
    by_attribute: dict[int, list[AttributeValueModel]] = {}
    for assigned in assigned_values:
        by_attribute.setdefault(assigned.value.attribute_id, []).append(assigned.value)
    return [
        SelectedAttribute(attribute=link.attribute, values=by_attribute.get(link.attribute_id, []))
        for link in attribute_links
    ]


AttributeCountableConnection: type[CountableConnection] = connection_for(Attribute)
