"""Saleor 3.22's typed attributes: ``assignedAttribute(slug)`` and ``assignedAttributes(limit)``
on products and pages return an ``AssignedAttribute`` whose concrete type follows the
attribute's input type (``AssignedPlainTextAttribute``, ``AssignedBooleanAttribute``...).

The owner's resolver loads the type's attributes and the owner's values through
DataLoaders (one query each per batch) and builds ``AssignedAttributeData``; the concrete
types only read those values (translations and referenced collections load in batches too).
Only attributes visible in the storefront are listed, except for staff and apps (Saleor).
"""

from dataclasses import dataclass, field
from typing import Any

import graphene

from marketplace.accounts.actors import actor_user, is_app
from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import AttributeInputType
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from storefront_api.catalog.dataloaders import (
    AttributeValueTranslationByValueIdAndLanguageLoader,
    CategoryByIdLoader,
    PublishedCollectionByIdAndChannelIdLoader,
)
from storefront_api.catalog.types.attributes import Attribute, File, file_of
from storefront_api.catalog.types.translations import language_value
from storefront_api.core.context import ChannelContext
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.permissions import principal
from storefront_api.core.scalars import PositiveInt

DEFAULT_LIMIT = 100  # Saleor's DEFAULT_NESTED_LIST_LIMIT; also the most we return


@dataclass
class AssignedAttributeData:
    attribute: AttributeModel
    values: list[AttributeValueModel] = field(default_factory=list)
    channel_slug: str | None = None
    channel_id: int | None = None


def sees_all_attributes(info: Any) -> bool:
    """Staff users and apps see attributes hidden from the storefront (Saleor's rule)."""
    actor = principal(info)
    user = actor_user(actor)
    return is_app(actor) or (user is not None and user.is_staff)


def assigned_attributes(
    attributes: list[AttributeModel],
    assigned_values: list[AttributeValueModel],
    *,
    info: Any,
    channel_slug: str | None,
    channel_id: int | None,
) -> list[AssignedAttributeData]:
    """Each attribute (in the type's order) with the owner's values for it."""
    by_attribute: dict[int, list[AttributeValueModel]] = {}
    for value in assigned_values:
        by_attribute.setdefault(value.attribute_id, []).append(value)
    everything = sees_all_attributes(info)
    return [
        AssignedAttributeData(attribute, by_attribute.get(attribute.pk, []), channel_slug, channel_id)
        for attribute in attributes
        if everything or attribute.visible_in_storefront
    ]


def limit_of(limit: int | None) -> int:
    return min(limit or DEFAULT_LIMIT, DEFAULT_LIMIT)


def _first(root: AssignedAttributeData) -> AttributeValueModel | None:
    return root.values[0] if root.values else None


class AssignedAttribute(graphene.Interface):
    attribute = graphene.Field(Attribute, required=True, description="Attribute assigned to an object.")

    class Meta:
        description = "Represents an attribute assigned to an object."

    @classmethod
    def resolve_type(cls, instance: AssignedAttributeData, info: Any) -> type:
        attribute = instance.attribute
        if attribute.input_type == AttributeInputType.SINGLE_REFERENCE:
            return _SINGLE_REFERENCE_TYPES[attribute.entity_type]
        return _TYPES[AttributeInputType(attribute.input_type)]

    @staticmethod
    def resolve_attribute(root: AssignedAttributeData, info: Any) -> AttributeModel:
        return root.attribute


class AssignedChoiceAttributeValue(graphene.ObjectType):
    name = graphene.String(description="Name of a value displayed in the interface.")
    slug = graphene.String(description="Internal representation of a value (unique per attribute).")
    translation = graphene.String(
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description="Translation of the name.",
    )

    class Meta:
        description = "Represents a single choice value of the attribute."

    @staticmethod
    def resolve_translation(root: AttributeValueModel, info: Any, language_code: Any) -> Any:
        return then(
            AttributeValueTranslationByValueIdAndLanguageLoader(info.context).load(
                (root.pk, language_value(language_code))
            ),
            lambda translation: (translation.name or None) if translation else None,
        )


class AssignedSwatchAttributeValue(AssignedChoiceAttributeValue):
    hex_color = graphene.String(description="Hex color code.")
    file = graphene.Field(File, description="File associated with the attribute.")

    class Meta:
        description = "Represents a swatch value of the attribute."

    @staticmethod
    def resolve_hex_color(root: AttributeValueModel, info: Any) -> str | None:
        return root.value or None

    @staticmethod
    def resolve_file(root: AttributeValueModel, info: Any) -> Any:
        return file_of(root)


def _assigned(name: str, value: Any, description: str, resolve_value: Any) -> type:
    """An ``Assigned<...>Attribute`` type implementing ``AssignedAttribute``."""
    meta = type("Meta", (), {"interfaces": (AssignedAttribute,), "description": description})
    return type(
        name,
        (graphene.ObjectType,),
        {"Meta": meta, "value": value, "resolve_value": staticmethod(resolve_value)},
    )


def _plain_text_translation(root: AssignedAttributeData, info: Any, language_code: Any) -> Any:
    value = _first(root)
    if value is None:
        return None
    return then(
        AttributeValueTranslationByValueIdAndLanguageLoader(info.context).load(
            (value.pk, language_value(language_code))
        ),
        lambda translation: (translation.plain_text or None) if translation else None,
    )


class AssignedPlainTextAttribute(graphene.ObjectType):
    value = graphene.String(description="The assigned plain text content.")
    translation = graphene.String(
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description="Translation of the plain text content in the specified language.",
        resolver=_plain_text_translation,
    )

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents plain text attribute."

    @staticmethod
    def resolve_value(root: AssignedAttributeData, info: Any) -> str | None:
        value = _first(root)
        return (value.plain_text or None) if value else None


def _multi_choice(root: AssignedAttributeData, info: Any, limit: int = DEFAULT_LIMIT) -> list:
    return root.values[: limit_of(limit)]


def _collection(root: AssignedAttributeData, info: Any) -> Any:
    value = _first(root)
    if value is None or value.reference_collection_id is None or root.channel_id is None:
        return None
    return then(
        PublishedCollectionByIdAndChannelIdLoader(info.context).load(
            (value.reference_collection_id, root.channel_id)
        ),
        lambda collection: (
            ChannelContext(collection, root.channel_slug, root.channel_id) if collection else None
        ),
    )


def _category(root: AssignedAttributeData, info: Any) -> Any:
    value = _first(root)
    if value is None or value.reference_category_id is None:
        return None
    return CategoryByIdLoader(info.context).load(value.reference_category_id)


AssignedNumericAttribute = _assigned(
    "AssignedNumericAttribute",
    graphene.Float(description="The assigned numeric value."),
    "Represents a numeric value of an attribute.",
    lambda root, info: _first(root).numeric if root.values else None,  # type: ignore[union-attr]
)
AssignedBooleanAttribute = _assigned(
    "AssignedBooleanAttribute",
    graphene.Boolean(description="The assigned boolean value."),
    "Represents a boolean attribute.",
    lambda root, info: _first(root).boolean if root.values else None,  # type: ignore[union-attr]
)
AssignedFileAttribute = _assigned(
    "AssignedFileAttribute",
    graphene.Field(File, description="The assigned file."),
    "Represents file attribute.",
    lambda root, info: file_of(_first(root)) if root.values else None,
)
AssignedDateAttribute = _assigned(
    "AssignedDateAttribute",
    graphene.Date(description="The assigned date value."),
    "Represents a date value of an attribute.",
    lambda root, info: _first(root).date_time.date() if root.values and _first(root).date_time else None,  # type: ignore[union-attr]
)
AssignedDateTimeAttribute = _assigned(
    "AssignedDateTimeAttribute",
    graphene.DateTime(description="The assigned date time value."),
    "Represents a date time value of an attribute.",
    lambda root, info: _first(root).date_time if root.values else None,  # type: ignore[union-attr]
)
AssignedSingleChoiceAttribute = _assigned(
    "AssignedSingleChoiceAttribute",
    graphene.Field(AssignedChoiceAttributeValue, description="The assigned choice value."),
    "Represents a single choice attribute.",
    lambda root, info: _first(root),
)
AssignedMultiChoiceAttribute = _assigned(
    "AssignedMultiChoiceAttribute",
    graphene.List(
        graphene.NonNull(AssignedChoiceAttributeValue),
        required=True,
        limit=PositiveInt(
            description="Maximum number of choices to return (at most 100).", default_value=100
        ),
        description="List of assigned choice values.",
    ),
    "Represents a multi choice attribute.",
    _multi_choice,
)
AssignedSwatchAttribute = _assigned(
    "AssignedSwatchAttribute",
    graphene.Field(AssignedSwatchAttributeValue, description="The assigned swatch value."),
    "Represents a swatch attribute.",
    lambda root, info: _first(root),
)
AssignedSingleCollectionReferenceAttribute = _assigned(
    "AssignedSingleCollectionReferenceAttribute",
    graphene.Field(
        "storefront_api.catalog.types.collections.Collection",
        description="The assigned collection reference (null unless published in the channel).",
    ),
    "Represents single collection reference attribute.",
    _collection,
)
AssignedSingleCategoryReferenceAttribute = _assigned(
    "AssignedSingleCategoryReferenceAttribute",
    graphene.Field(
        "storefront_api.catalog.types.categories.Category", description="The assigned category reference."
    ),
    "Represents single category reference attribute.",
    _category,
)

_TYPES: dict[AttributeInputType, type] = {
    AttributeInputType.PLAIN_TEXT: AssignedPlainTextAttribute,
    AttributeInputType.NUMERIC: AssignedNumericAttribute,
    AttributeInputType.BOOLEAN: AssignedBooleanAttribute,
    AttributeInputType.FILE: AssignedFileAttribute,
    AttributeInputType.DATE: AssignedDateAttribute,
    AttributeInputType.DATE_TIME: AssignedDateTimeAttribute,
    AttributeInputType.DROPDOWN: AssignedSingleChoiceAttribute,
    AttributeInputType.MULTISELECT: AssignedMultiChoiceAttribute,
    AttributeInputType.SWATCH: AssignedSwatchAttribute,
}
_SINGLE_REFERENCE_TYPES: dict[str, type] = {
    "COLLECTION": AssignedSingleCollectionReferenceAttribute,
    "CATEGORY": AssignedSingleCategoryReferenceAttribute,
}
# Every concrete type, for the schema (interfaces' implementations must be registered).
ASSIGNED_ATTRIBUTE_TYPES: list[type] = [*_TYPES.values(), *_SINGLE_REFERENCE_TYPES.values()]


def assigned_attributes_field(description: str) -> graphene.List:
    return graphene.List(
        graphene.NonNull(AssignedAttribute),
        required=True,
        limit=PositiveInt(
            description="Maximum number of attributes to return (at most 100).", default_value=100
        ),
        description=description,
    )


def assigned_attribute_field(description: str) -> graphene.Field:
    return graphene.Field(
        AssignedAttribute,
        slug=graphene.Argument(graphene.String, required=True, description="Slug of the attribute"),
        description=description,
    )
