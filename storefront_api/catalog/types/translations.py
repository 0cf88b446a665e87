"""English (and any other language) translations of catalogue objects; vi is the base."""

import graphene

from storefront_api.core.context import node_of
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.ids import to_id
from storefront_api.core.types import LanguageDisplay


class BaseTranslationType(graphene.ObjectType):
    id = graphene.ID(required=True)
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")

    @staticmethod
    def resolve_id(root, info):
        return to_id(info.parent_type.name, root.pk)

    @staticmethod
    def resolve_language(root, info):
        return LanguageDisplay.for_code(root.language_code)


def _json_text(root, info):
    return root.description


class ProductTranslation(BaseTranslationType):
    name = graphene.String()
    slug = graphene.String(description="Translated slug (unique in its language); null when not translated.")
    description = graphene.JSONString(resolver=_json_text)
    seo_title = graphene.String()
    seo_description = graphene.String()


class ProductVariantTranslation(BaseTranslationType):
    name = graphene.String(required=True)


class CategoryTranslation(BaseTranslationType):
    name = graphene.String()
    slug = graphene.String(description="Translated slug (unique in its language); null when not translated.")
    description = graphene.JSONString(resolver=_json_text)
    seo_title = graphene.String()
    seo_description = graphene.String()


class CollectionTranslation(BaseTranslationType):
    name = graphene.String()
    slug = graphene.String(description="Translated slug (unique in its language); null when not translated.")
    description = graphene.JSONString(resolver=_json_text)
    seo_title = graphene.String()
    seo_description = graphene.String()


class AttributeTranslation(BaseTranslationType):
    name = graphene.String(required=True)


class AttributeValueTranslation(BaseTranslationType):
    name = graphene.String(required=True)


def language_value(language_code) -> str:
    """The stored language code (``"en"``) of a LanguageCodeEnum argument."""
    return getattr(language_code, "value", language_code)


def translation_field(translation_type: type, loader_class: type) -> graphene.Field:
    """``translation(languageCode: LanguageCodeEnum!)`` loading through ``loader_class``."""

    def resolve(root, info, language_code):
        return loader_class(info.context).load((node_of(root).pk, language_value(language_code)))

    return graphene.Field(
        translation_type,
        language_code=graphene.Argument(LanguageCodeEnum, required=True, description="A language code."),
        resolver=resolve,
        description="Returns translated object fields for the given language code.",
    )
