"""Saleor's ``ObjectWithMetadata``: the public and private metadata of an object.

Each implementing type says who may read them, with two static methods:
``metadata_readable(root, info)`` (public metadata; an unauthorised reader gets none)
and ``private_metadata_readable(root, info)`` (private metadata; an unauthorised reader
gets a PermissionDenied error, as in Saleor). Their ``metadata_of(root)`` gives the
model instance.
"""

from typing import Any

import graphene

from marketplace.core.metadata import MetadataErrorCode, items_of
from storefront_api.core.context import node_of
from storefront_api.core.errors import api_error
from storefront_api.core.mutations import error_type
from storefront_api.core.scalars import Metadata

MetadataError = error_type("MetadataError", MetadataErrorCode)


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


class MetadataInput(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


def _owner(info: Any) -> Any:
    return info.parent_type.graphene_type


def _public(root: Any, info: Any) -> dict[str, Any]:
    if not _owner(info).metadata_readable(root, info):
        return {}
    return node_of(root).metadata or {}


def _private(root: Any, info: Any) -> dict[str, Any]:
    if not _owner(info).private_metadata_readable(root, info):
        raise api_error("You need staff permissions to read private metadata.", "PermissionDenied")
    return node_of(root).private_metadata or {}


def _as_items(values: dict[str, str]) -> list[MetadataItem]:
    return [MetadataItem(key=key, value=value) for key, value in values.items()]


KEYS = graphene.List(graphene.NonNull(graphene.String), description="Keys to include; all when not given.")


class ObjectWithMetadata(graphene.Interface):
    private_metadata = graphene.List(
        graphene.NonNull(MetadataItem),
        required=True,
        description="List of private metadata items. Requires staff permissions to access.",
    )
    private_metafield = graphene.String(
        key=graphene.String(required=True),
        description="A single key from private metadata. Requires staff permissions to access.",
    )
    private_metafields = graphene.Field(
        Metadata, keys=KEYS, description="Private metadata. Requires staff permissions to access."
    )
    metadata = graphene.List(
        graphene.NonNull(MetadataItem), required=True, description="List of public metadata items."
    )
    metafield = graphene.String(
        key=graphene.String(required=True), description="A single key from public metadata."
    )
    metafields = graphene.Field(Metadata, keys=KEYS, description="Public metadata.")

    @classmethod
    def resolve_type(cls, instance, info):
        """The type named after the model (Checkout, Order, User): the types implementing
        this interface are their models' namesakes."""
        return info.schema.get_type(type(node_of(instance)).__name__).graphene_type

    @staticmethod
    def resolve_metadata(root, info):
        return _as_items(items_of(_public(root, info)))

    @staticmethod
    def resolve_metafield(root, info, key):
        return items_of(_public(root, info)).get(key)

    @staticmethod
    def resolve_metafields(root, info, keys=None):
        return items_of(_public(root, info), keys)

    @staticmethod
    def resolve_private_metadata(root, info):
        return _as_items(items_of(_private(root, info)))

    @staticmethod
    def resolve_private_metafield(root, info, key):
        return items_of(_private(root, info)).get(key)

    @staticmethod
    def resolve_private_metafields(root, info, keys=None):
        return items_of(_private(root, info), keys)
