"""The Design Centre's featured collections: Saleor's collection mutations, for curators."""

from typing import Any

import graphene
from django.conf import settings

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Collection as CollectionModel
from marketplace.channels.selectors import channel_required
from marketplace.curation import collections as services
from storefront_api.catalog.inputs import TranslationInput
from storefront_api.catalog.types.collections import Collection
from storefront_api.catalog.types.translations import CollectionTranslation, language_value
from storefront_api.core.context import ChannelContext
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.ids import to_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.curation.errors import CollectionChannelListingError, CollectionError, TranslationError
from storefront_api.curation.inputs import (
    CollectionChannelListingUpdateInput,
    CollectionCreateInput,
    CollectionInput,
)

SCOPE = " Only the showcase's collections (listed in design-centre alone)."


def in_showcase(collection: CollectionModel) -> ChannelContext:
    channel = channel_required(settings.SHOWCASE_CHANNEL_SLUG)
    return ChannelContext(collection, channel.slug, channel.pk)


class CuratorCollectionMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def error_extras(cls, params: dict[str, Any]) -> dict[str, Any]:
        if "products" in params and "products" in cls._meta.error_type_class._meta.fields:
            return {"products": [to_id("Product", pk) for pk in params["products"]]}
        return {}

    @classmethod
    def get_collection(cls, id: str, *, field: str = "id") -> CollectionModel:
        pk = cls.decode_id(id, only_type="Collection", field=field)
        try:
            return services.curated_collection(pk)
        except Exception as error:
            if field != "id" and hasattr(error, "error_dict"):
                error.error_dict = {field: error.error_dict["id"]}
            raise


def _input(data: Any) -> dict[str, Any]:
    result = dict(data)
    if result.get("seo") is not None:
        result["seo"] = dict(result["seo"])
    return result


class CollectionCreate(CuratorCollectionMutation):
    collection = graphene.Field(Collection)

    class Arguments:
        input = CollectionCreateInput(required=True)

    class Meta:
        description = (
            "Create a featured collection of the Design Centre showcase (unpublished in design-centre "
            "until collectionChannelListingUpdate)."
        )
        permissions = (PermissionEnum.MANAGE_SHOWCASE,)
        error_type_class = CollectionError

    @classmethod
    def perform_mutation(cls, root, info, input):
        collection = services.collection_create(actor=principal(info), data=_input(input))
        return cls.success(collection=in_showcase(collection))


class CollectionUpdate(CuratorCollectionMutation):
    collection = graphene.Field(Collection)

    class Arguments:
        id = graphene.ID(required=True)
        input = CollectionInput(required=True)

    class Meta:
        description = "Update a featured collection." + SCOPE
        permissions = (PermissionEnum.MANAGE_SHOWCASE,)
        error_type_class = CollectionError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        collection = services.collection_update(
            actor=principal(info), collection=cls.get_collection(id), data=_input(input)
        )
        return cls.success(collection=in_showcase(collection))


class CollectionDelete(CuratorCollectionMutation):
    collection = graphene.Field(Collection)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Delete a featured collection (its products stay)." + SCOPE
        permissions = (PermissionEnum.MANAGE_SHOWCASE,)
        error_type_class = CollectionError

    @classmethod
    def perform_mutation(cls, root, info, id):
        collection = cls.get_collection(id)
        pk = collection.pk
        services.collection_delete(actor=principal(info), collection=collection)
        collection.pk = pk  # the payload still names what was deleted, as in Saleor
        return cls.success(collection=in_showcase(collection))


class CollectionChannelListingUpdate(CuratorCollectionMutation):
    collection = graphene.Field(Collection)

    class Arguments:
        id = graphene.ID(required=True)
        input = CollectionChannelListingUpdateInput(required=True)

    class Meta:
        description = (
            "Publish, schedule (publishedAt in the future) or hide a featured collection in the "
            "design-centre channel; any other channel is refused." + SCOPE
        )
        permissions = (PermissionEnum.MANAGE_SHOWCASE,)
        error_type_class = CollectionChannelListingError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        collection = cls.get_collection(id)
        add = [
            services.ChannelListingChange(
                channel_id=cls.decode_id(item["channel_id"], only_type="Channel", field="add_channels"),
                is_published=item.get("is_published"),
                published_at=item.get("published_at"),
            )
            for item in (input.get("add_channels") or [])[:10]
        ]
        remove = cls.decode_ids(
            input.get("remove_channels"), only_type="Channel", field="remove_channels", limit=10
        )
        services.collection_channel_listing_update(
            actor=principal(info), collection=collection, add_channels=add, remove_channel_ids=remove
        )
        return cls.success(collection=in_showcase(collection))


class CollectionTranslate(CuratorCollectionMutation):
    collection = graphene.Field(Collection)
    translation = graphene.Field(CollectionTranslation)

    class Arguments:
        id = graphene.ID(required=True)
        language_code = graphene.Argument(LanguageCodeEnum, required=True)
        input = TranslationInput(required=True)

    class Meta:
        description = (
            "Translate a featured collection (English for tourists; Vietnamese is the base)." + SCOPE
        )
        permissions = (PermissionEnum.MANAGE_SHOWCASE,)
        error_type_class = TranslationError

    @classmethod
    def perform_mutation(cls, root, info, id, language_code, input):
        collection = cls.get_collection(id)
        translation = services.collection_translate(
            actor=principal(info),
            collection=collection,
            language_code=language_value(language_code),
            data=dict(input),
        )
        return cls.success(collection=in_showcase(collection), translation=translation)
