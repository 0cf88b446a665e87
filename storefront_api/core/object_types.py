"""Bases for model-backed GraphQL types (explicit ``fields`` always; see STYLE.md)."""

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from storefront_api.core.context import node_of


def node_attr_resolver(attname: str, default_value: Any, root: Any, info: Any, **args: Any) -> Any:
    return getattr(node_of(root), attname, default_value)


class ModelObjectType(DjangoObjectType):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options: Any) -> None:
        options.setdefault("interfaces", (graphene.relay.Node,))
        super().__init_subclass_with_meta__(**options)


class ChannelContextType(DjangoObjectType):
    """A type whose root is a ``ChannelContext`` wrapping the model instance."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options: Any) -> None:
        options.setdefault("interfaces", (graphene.relay.Node,))
        options.setdefault("default_resolver", node_attr_resolver)
        super().__init_subclass_with_meta__(**options)

    @staticmethod
    def resolve_id(root: Any, info: Any) -> Any:
        return node_of(root).pk

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(node_of(root), cls._meta.model)
